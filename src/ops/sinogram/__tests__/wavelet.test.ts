import { describe, expect, it } from 'vitest';
import { daubechiesFilters } from '../daubechiesFilters';
import { dwt2 } from '../dwt2';
import { idwt2 } from '../idwt2';
import { lcg, maxAbsDiff } from '../../image/__tests__/helpers';
import { meta, sinogramCrop } from './ringsHelpers';

describe('daubechiesFilters', () => {
  it('matches pywt dec_lo for db1…db10 and forms an orthogonal filter bank', () => {
    for (const [name, lo] of Object.entries(meta.filters)) {
      const f = daubechiesFilters(name);
      expect(maxAbsDiff(f.decLo, lo)).toBeLessThan(1e-15);
      // Σ h = √2, Σ h² = 1, Σ g = 0 (orthonormal Daubechies filters).
      expect(f.decLo.reduce((s, v) => s + v, 0)).toBeCloseTo(Math.SQRT2, 12);
      expect(f.decLo.reduce((s, v) => s + v * v, 0)).toBeCloseTo(1, 12);
      expect(f.decHi.reduce((s, v) => s + v, 0)).toBeCloseTo(0, 12);
    }
  });
  it('rejects unknown names', () => {
    expect(() => daubechiesFilters('sym4')).toThrow(/name = "sym4", expected one of db1/);
  });
});

describe('dwt2 / idwt2 (pywt symmetric mode)', () => {
  const f5 = daubechiesFilters('db5');
  it('dwt2 of a 37×50 crop of the real sinogram matches pywt.dwt2', () => {
    const { data, width } = sinogramCrop();
    const { h, w, shape } = meta.dwt2;
    const sub = new Float64Array(h * w);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) sub[y * w + x] = data[y * width + x];
    const c = dwt2(sub, h, w, f5);
    expect([c.rows, c.cols]).toEqual(shape);
    const scale = Math.max(...meta.dwt2.cA.map(Math.abs));
    for (const k of ['cA', 'cH', 'cV', 'cD'] as const) expect(maxAbsDiff(c[k], meta.dwt2[k]) / scale).toBeLessThan(1e-12);
  });
  it('idwt2(dwt2(x)) returns x for odd, even and shorter-than-filter sizes', () => {
    for (const [rows, cols, name] of [
      [37, 50, 'db5'],
      [16, 9, 'db9'],
      [5, 7, 'db5'],
      [1, 12, 'db2'],
    ] as const) {
      const x = lcg(rows * cols, rows * 100 + cols);
      const f = daubechiesFilters(name);
      const rec = idwt2(dwt2(x, rows, cols, f), f);
      // pywt's output is the input size rounded up to even.
      expect(rec.rows).toBe(rows + (rows % 2));
      expect(rec.cols).toBe(cols + (cols % 2));
      let err = 0;
      for (let y = 0; y < rows; y++) for (let xx = 0; xx < cols; xx++) err = Math.max(err, Math.abs(rec.data[y * rec.cols + xx] - x[y * cols + xx]));
      expect(err).toBeLessThan(1e-12);
    }
  });
});
