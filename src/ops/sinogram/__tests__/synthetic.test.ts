import { describe, expect, it } from 'vitest';
import { removeStripeSorting } from '../removeStripeSorting';
import { removeStripeFiltering } from '../removeStripeFiltering';
import { removeStripeFitting } from '../removeStripeFitting';
import { removeLargeStripe } from '../removeLargeStripe';
import { removeDeadStripe } from '../removeDeadStripe';
import { removeAllStripe } from '../removeAllStripe';
import { removeStripeWaveletFft } from '../removeStripeWaveletFft';
import { countStripes } from '../countStripes';
import { lcg } from '../../image/__tests__/helpers';

// A smooth sinogram (two Gaussian objects rotating about the centre, 360 angles × 256 columns,
// plus background 1 and ±0.2 % noise; stripes on flat-ish parts of the profile so the count is exact) with known additive column offsets (stripes).
const W = 256;
const H = 360;
const clean = new Float64Array(W * H);
const noise = lcg(W * H, 42);
for (let y = 0; y < H; y++) {
  const t = (2 * Math.PI * y) / H;
  const c1 = 128 + 40 * Math.cos(t);
  const c2 = 128 + 25 * Math.cos(t + 2);
  for (let x = 0; x < W; x++) {
    clean[y * W + x] = 1 + 0.3 * Math.exp(-(((x - c1) / 30) ** 2)) + 0.2 * Math.exp(-(((x - c2) / 20) ** 2)) + 0.004 * noise[y * W + x];
  }
}
const stripes: [number, number][] = [
  [40, 0.05],
  [41, 0.05],
  [120, -0.04],
  [150, 0.03],
  [201, -0.06],
];
const striped = Float64Array.from(clean);
for (const [x, a] of stripes) for (let y = 0; y < H; y++) striped[y * W + x] += a;

/** Column mean of `img` minus the mean of the column means 3 columns to each side. */
function contrast(img: ArrayLike<number>, x: number): number {
  const col = (c: number) => {
    let s = 0;
    for (let y = 0; y < H; y++) s += img[y * W + c];
    return s / H;
  };
  return col(x) - 0.5 * (col(x - 3) + col(x + 3));
}

/** Largest stripe contrast left (relative to the clean sinogram's) over the stripe columns. */
function residual(out: ArrayLike<number>): number {
  let worst = 0;
  for (const [x] of stripes) worst = Math.max(worst, Math.abs(contrast(out, x) - contrast(clean, x)));
  return worst;
}

describe('synthetic sinogram with known stripes', () => {
  it('the stripes are detected and sit well above the noise', () => {
    expect(countStripes(clean, W, H)).toBe(0);
    expect(countStripes(striped, W, H)).toBe(stripes.length);
    expect(residual(striped)).toBeGreaterThan(0.059);
  });
  const methods: [string, () => Float32Array, number][] = [
    ['sorting', () => removeStripeSorting(striped, W, H), 0.005],
    ['filtering', () => removeStripeFiltering(striped, W, H), 0.005],
    ['fitting', () => removeStripeFitting(striped, W, H), 0.003],
    ['large', () => removeLargeStripe(striped, W, H), 0.003],
    ['dead', () => removeDeadStripe(striped, W, H), 0.003],
    ['all', () => removeAllStripe(striped, W, H), 0.003],
    ['wavelet-fft', () => removeStripeWaveletFft(striped, W, H), 0.008],
  ];
  for (const [name, run, tol] of methods) {
    it(`${name}: stripe offsets removed (residual < ${tol}, from 0.06), no stripes counted`, () => {
      const out = run();
      expect(residual(out)).toBeLessThan(tol);
      expect(countStripes(out, W, H)).toBe(0);
    });
  }
});
