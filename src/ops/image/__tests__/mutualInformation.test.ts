import { describe, expect, it } from 'vitest';
import { mutualInformation } from '../mutualInformation';
import { mutualInformationAffine } from '../mutualInformationAffine';
import { warpAffine } from '../warpAffine';
import { lcg } from './helpers';
import { nmcCrop, reg2Json } from './registration2Fixtures';

const fx = reg2Json<{ crop: { y0: number; x0: number; h: number; w: number }; mi: Record<string, Record<string, number>> }>('mi.json');
const { y0, x0, h, w } = fx.crop;
const crop = nmcCrop(y0, x0, h, w);
const remap = (v: number) => 1 / (1 + Math.exp(2.5 * (v - 1.2)));
const cols = (src: Float64Array, from: number, to: number) => {
  const n = to - from;
  const out = new Float64Array(h * n);
  for (let y = 0; y < h; y++) for (let x = 0; x < n; x++) out[y * n + x] = src[y * w + from + x];
  return out;
};
const pairs: Record<string, [Float64Array, Float64Array]> = {
  self: [crop, crop],
  remapped: [crop, crop.map(remap)],
  noise: [crop, lcg(h * w, 11)],
  shifted: [cols(crop, 0, w - 3), cols(crop, 3, w)],
};

describe('mutualInformation against numpy histogram2d MI', () => {
  for (const [name, [a, b]] of Object.entries(pairs)) {
    it(`${name}: 16, 32, 64 bins`, () => {
      for (const bins of [16, 32, 64]) expect(mutualInformation(a, b, { bins, parzen: false })).toBeCloseTo(fx.mi[name][String(bins)], 9);
    });
  }
  it('is invariant to a monotone remapping (plain histogram) and Parzen MI ranks pairs the same way', () => {
    expect(mutualInformation(crop, crop, { parzen: false })).toBeCloseTo(mutualInformation(crop, crop.map((v) => -3 * v + 7), { parzen: false }), 12);
    const parzen = (k: string) => mutualInformation(pairs[k][0], pairs[k][1]);
    expect(parzen('self')).toBeGreaterThan(parzen('shifted'));
    expect(parzen('shifted')).toBeGreaterThan(parzen('noise'));
    expect(parzen('remapped')).toBeGreaterThan(0.8 * parzen('self'));
  });
  it('NaN pixels are left out; sizes and bins checked', () => {
    const b = crop.slice();
    b[5] = NaN;
    const a2 = crop.slice();
    a2[5] = 123; // would change the range if counted
    expect(mutualInformation(a2, b, { parzen: false })).toBeCloseTo(mutualInformation(crop.filter((_, i) => i !== 5), crop.filter((_, i) => i !== 5), { parzen: false }), 12);
    expect(() => mutualInformation(crop, crop.subarray(1))).toThrow(/expected equal sizes/);
    expect(() => mutualInformation(crop, crop, { bins: 1 })).toThrow(/bins = 1/);
  });
});

describe('mutualInformationAffine: real slice vs an inverted, nonlinearly remapped, rotated and shifted copy', () => {
  const n = 160;
  const fixed = nmcCrop(150, 200, n, n);
  /** moving(p) = g(fixed(c + R(−θ)(p − c)/s − t')) i.e. the content rotated by θ, magnified by s, moved by (ty, tx). */
  function makeMoving(thDeg: number, s: number, ty: number, tx: number): Float32Array {
    const th = (thDeg * Math.PI) / 180;
    const c = (n - 1) / 2;
    // Inverse of A = s·[[cos, −sin], [sin, cos]] (y, x), applied to (p − c − t).
    const a = Math.cos(th) / s;
    const b = Math.sin(th) / s;
    const M = [a, b, -b, a];
    const oy = c - M[0] * (c + ty) - M[1] * (c + tx);
    const ox = c - M[2] * (c + ty) - M[3] * (c + tx);
    const warped = warpAffine(fixed, n, n, { matrix: [M[0], M[1], oy, M[2], M[3], ox], order: 3, boundary: 'mirror' });
    return warped.map(remap);
  }
  it('rigid + scale: 7° , ×1.05, shift (6.5, −4.2) px recovered (0.3°, 0.5 %, and the warped image matches)', () => {
    const moving = makeMoving(7, 1.05, 6.5, -4.2);
    const r = mutualInformationAffine(fixed, moving, n, n, { bins: 32, levels: 3 });
    expect(Math.abs(r.angle - 7)).toBeLessThan(0.3);
    expect(Math.abs(r.scale - 1.05)).toBeLessThan(0.005);
    expect(r.miAfter).toBeGreaterThan(r.miBefore * 2);
    // The registered moving image is g(fixed) where both are defined: compare away from the border.
    const reg = warpAffine(moving, n, n, { matrix: r.matrix, order: 1, fill: NaN });
    let err = 0;
    let k = 0;
    for (let y = 30; y < n - 30; y++)
      for (let x = 30; x < n - 30; x++) {
        err += Math.abs(reg[y * n + x] - remap(fixed[y * n + x]));
        k++;
      }
    expect(err / k).toBeLessThan(0.03);
  });
  it('affine model converges to the same transform', () => {
    const moving = makeMoving(-5, 0.97, -3, 5);
    const r = mutualInformationAffine(fixed, moving, n, n, { model: 'affine', levels: 3, maxEvaluations: 800 });
    expect(Math.abs(r.angle + 5)).toBeLessThan(0.4);
    expect(Math.abs(r.scale - 0.97)).toBeLessThan(0.01);
  });
  it('rejects bad options, naming them', () => {
    expect(() => mutualInformationAffine(fixed, fixed, n, n, { levels: 9 })).toThrow(/levels = 9/);
    expect(() => mutualInformationAffine(fixed, fixed, 10, 16 * 10, {})).toThrow(/fixed\): data has/);
  });
});
