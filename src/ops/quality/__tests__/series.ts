/**
 * A synthetic operando-like series from the real NMC nano-CT slice (test/fixtures/image/nmc_1.tif),
 * with known bad frames: not a test file itself.
 */
import { gaussianFilter } from '../../image/gaussianFilter';
import { lcg } from '../../image/__tests__/helpers';
import { nmcSlice } from './fixtures';

export const SERIES = { frames: 20, size: 192, blurred: 5, noisy: 11, dark: 16 } as const;

/**
 * `frames` crops (size²) of the slice around its centre, each moved by a random shift of up to ±3
 * px, with Poisson-like noise (Gaussian of variance = counts, 1000 counts per unit of attenuation).
 * Then frame `blurred` is blurred (Gaussian σ 1.5), frame `noisy` gets 4× the noise, frame `dark`
 * is scaled by 0.4 (a beam drop). Deterministic (LCG-seeded).
 */
export function injectedSeries(): Float32Array {
  const { frames, size, blurred, noisy, dark } = SERIES;
  const s = nmcSlice();
  const plane = size * size;
  const out = new Float32Array(frames * plane);
  const shifts = lcg(2 * frames, 77);
  const u = lcg(2 * frames * plane, 78);
  const y0 = (s.height - size) >> 1;
  const x0 = (s.width - size) >> 1;
  for (let f = 0; f < frames; f++) {
    const dy = Math.round(shifts[2 * f] * 6);
    const dx = Math.round(shifts[2 * f + 1] * 6);
    const amp = f === noisy ? 4 : 1;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const i = y * size + x;
        const clean = s.data[(y0 + dy + y) * s.width + x0 + dx + x];
        const k = 2 * (f * plane + i);
        const g = Math.sqrt(-2 * Math.log(u[k] + 0.5 || 1e-12)) * Math.cos(2 * Math.PI * (u[k + 1] + 0.5));
        out[f * plane + i] = clean + (amp * Math.sqrt(Math.max(clean, 0) * 1000) * g) / 1000;
      }
    }
  }
  const b = out.subarray(blurred * plane, (blurred + 1) * plane);
  b.set(gaussianFilter(b, size, size, { sigma: 1.5 }));
  const d = out.subarray(dark * plane, (dark + 1) * plane);
  for (let i = 0; i < plane; i++) d[i] *= 0.4;
  return out;
}
