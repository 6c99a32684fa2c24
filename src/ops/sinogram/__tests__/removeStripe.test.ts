import { describe, expect, it } from 'vitest';
import { removeStripeSorting } from '../removeStripeSorting';
import { removeStripeFiltering } from '../removeStripeFiltering';
import { removeStripeFitting } from '../removeStripeFitting';
import { removeLargeStripe } from '../removeLargeStripe';
import { removeDeadStripe } from '../removeDeadStripe';
import { removeAllStripe } from '../removeAllStripe';
import { removeStripeWaveletFft } from '../removeStripeWaveletFft';
import { meta, relMaxDiff, ringsF32, sinogramCrop } from './ringsHelpers';

// References: scripts/fixtures/rings_reference.py (algotom prep/removal.py and tomopy
// remove_stripe_fw re-implemented with numpy/scipy/pywt) on rows 100:220 × cols 150:310 of the
// real sarepy sinogram.
describe('stripe removal against the Python references (real sarepy sinogram crop)', () => {
  const { data, width, height } = sinogramCrop();
  const cases: [string, () => Float32Array, number][] = [
    ['sorting', () => removeStripeSorting(data, width, height), 1e-6],
    ['filtering', () => removeStripeFiltering(data, width, height), 1e-6],
    ['fitting', () => removeStripeFitting(data, width, height), 1e-6],
    ['large', () => removeLargeStripe(data, width, height), 1e-6],
    ['dead', () => removeDeadStripe(data, width, height), 1e-6],
    ['all', () => removeAllStripe(data, width, height), 1e-6],
    ['wavelet_fft', () => removeStripeWaveletFft(data, width, height), 1e-6],
    ['wavelet_fft_l3_db9', () => removeStripeWaveletFft(data, width, height, { level: 3, wavelet: 'db9', sigma: 1.5, pad: false }), 1e-6],
  ];
  for (const [name, run, tol] of cases) {
    it(`${name} matches the reference`, () => {
      const ref = ringsF32(meta.files[name]);
      const got = run();
      expect(got.length).toBe(ref.length);
      expect(relMaxDiff(got, ref)).toBeLessThan(tol);
      // The reference really changes the sinogram (the comparison is not input against input).
      expect(relMaxDiff(data, ref)).toBeGreaterThan(0.01);
    });
  }
});

describe('parameter checks', () => {
  const d = new Float32Array(20 * 30).fill(1);
  it('name the parameter, the value and what was expected', () => {
    expect(() => removeStripeSorting(d, 20, 30, { size: 4 })).toThrow(/removeStripeSorting: size = 4, expected an odd integer ≥ 1/);
    expect(() => removeStripeFiltering(d, 20, 30, { sigma: 0 })).toThrow(/removeStripeFiltering: sigma = 0, expected a finite number > 0/);
    expect(() => removeStripeFitting(d, 20, 30, { order: 40 })).toThrow(/removeStripeFitting: order = 40, expected an integer from 0 to 28/);
    expect(() => removeLargeStripe(d, 20, 30, { size: 0 })).toThrow(/removeLargeStripe: size = 0/);
    expect(() => removeDeadStripe(d, 4, 150)).toThrow(/removeDeadStripe: width = 4, expected at least 5 columns/);
    expect(() => removeStripeWaveletFft(d, 20, 30, { wavelet: 'haar' })).toThrow(/name = "haar", expected one of db1/);
    expect(() => removeStripeWaveletFft(d, 20, 30, { level: 0 })).toThrow(/level = 0, expected an integer from 1 to 30/);
    expect(() => removeStripeSorting(d, 20, 31)).toThrow(/data has 600 values, expected width·height/);
  });
  it('a stripe-free constant sinogram is left unchanged by the sinogram methods', () => {
    for (const f of [removeStripeSorting, removeStripeFiltering, removeLargeStripe, removeDeadStripe, removeAllStripe]) {
      const out = f(d, 20, 30);
      expect(Math.max(...out.map((v) => Math.abs(v - 1)))).toBeLessThan(1e-6);
    }
  });
});
