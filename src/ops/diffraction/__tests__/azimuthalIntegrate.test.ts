// Geometry and azimuthal integration against pyFAI 0.21.3 itself (scripts/fixtures/xrd_integrate.py:
// a tilted synthetic detector, per-pixel 2θ/χ/solid angle/polarization and integrate1d results with
// and without pixel splitting), plus analytic cases.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEdf } from '../../io/edf/readEdf';
import { azimuthalIntegrate } from '../azimuthalIntegrate';
import { parsePoni } from '../parsePoni';
import { pixelAngles } from '../pixelAngles';
import { prepareIntegration } from '../prepareIntegration';
import type { DetectorGeometry } from '../types';

const dir = path.resolve(__dirname, '../../../../test/fixtures/xrd');
interface Case {
  name: string;
  unit: '2th_deg' | 'q_A^-1';
  split: 'no' | 'bbox';
  npt: number;
  mask: boolean;
  correctSolidAngle: boolean;
  polarizationFactor: number | null;
  radialRange: [number, number] | null;
  radial: number[];
  intensity: number[];
  count: number[];
}
const ref = JSON.parse(readFileSync(path.join(dir, 'integrate_reference.json'), 'utf8')) as {
  height: number;
  width: number;
  geometry: Record<string, number>;
  rows: number[];
  cols: number[];
  tth: number[][];
  chi: number[][];
  solidAngle: number[][];
  polarization099: number[][];
  cases: Case[];
};
const geom = parsePoni(readFileSync(path.join(dir, 'ring.poni'), 'utf8'), 'ring.poni');
const image = readEdf(new Uint8Array(readFileSync(path.join(dir, 'ring_int32.edf'))), 'ring_int32.edf');
const { height: H, width: W } = ref;

describe('parsePoni', () => {
  it('reads a PONI 2 file with Detector_config', () => {
    for (const k of ['dist', 'poni1', 'poni2', 'rot1', 'rot2', 'rot3', 'wavelength', 'pixel1', 'pixel2'] as const)
      expect(geom[k]).toBe(ref.geometry[k]);
    expect(geom.maxShape).toEqual([H, W]);
    expect(geom.detector).toBe('Detector');
  });
  it('reads PONI 1 (PixelSize1/2) and a known detector name; refuses what is missing, naming line and key', () => {
    const v1 = parsePoni('PixelSize1: 0.000172\nPixelSize2: 0.0001\nDistance: 0.2\nPoni1: 0.08\nPoni2: 0.07\nRot1: 0\nRot2: 0\nRot3: 0\nSplineFile: None\nWavelength: 4e-11\n', 'a.poni');
    expect([v1.pixel1, v1.pixel2, v1.wavelength]).toEqual([0.000172, 0.0001, 4e-11]);
    const named = parsePoni('poni_version: 2\nDetector: Pilatus1M\nDetector_config: {}\nDistance: 0.2\nPoni1: 0\nPoni2: 0\nRot1: 0\nRot2: 0\nRot3: 0\n', 'b.poni');
    expect(named.pixel1).toBe(172e-6);
    expect(named.wavelength).toBeNull();
    expect(() => parsePoni('Distance: 0.2\nPoni1: 0\n', 'c.poni')).toThrow(/^c\.poni: no "Poni2:" line/);
    expect(() => parsePoni('Detector: Detector\nDistance: x\nPoni1: 0\nPoni2: 0\nRot1: 0\nRot2: 0\nRot3: 0\n', 'd.poni')).toThrow(
      /^d\.poni, line 2: Distance: expected a number, got "x"/,
    );
    expect(() => parsePoni('Detector: Mystery\nDistance: 0.1\nPoni1: 0\nPoni2: 0\nRot1: 0\nRot2: 0\nRot3: 0\n', 'e.poni')).toThrow(
      /^e\.poni, line 1: Detector "Mystery": no pixel size/,
    );
    expect(() => parsePoni('just text\n', 'f.poni')).toThrow(/^f\.poni, line 1: expected "key: value"/);
  });
});

describe('pixelAngles (pyFAI geometry)', () => {
  const a = pixelAngles(geom, H, W);
  const maxErr = (arr: Float64Array | Float32Array, want: number[][], f = (v: number) => v) => {
    let m = 0;
    ref.rows.forEach((r, i) => ref.cols.forEach((c, j) => (m = Math.max(m, Math.abs(f(arr[r * W + c]) - want[i][j])))));
    return m;
  };
  it('2θ, χ and cos³(incidence) match pyFAI at sampled pixels of a tilted detector', () => {
    expect(maxErr(a.twoTheta, ref.tth)).toBeLessThan(2e-7); // pyFAI keeps float32 arrays
    expect(maxErr(a.chi, ref.chi)).toBeLessThan(4e-7);
    expect(maxErr(a.cosIncidence, ref.solidAngle, (v) => v ** 3)).toBeLessThan(2e-7);
  });
  it('analytic: the pixel at the PONI has 2θ = 0; on a flat untilted detector 2θ = atan(r/d)', () => {
    const flat: DetectorGeometry = { dist: 0.1, poni1: 0.0105, poni2: 0.0205, rot1: 0, rot2: 0, rot3: 0, pixel1: 1e-3, pixel2: 1e-3, wavelength: null, detector: 'x', maxShape: null };
    const f = pixelAngles(flat, 30, 40);
    expect(f.twoTheta[10 * 40 + 20]).toBe(0); // centre (10.5, 20.5) mm is the PONI
    expect(f.cosIncidence[10 * 40 + 20]).toBe(1);
    const r = Math.hypot(0.003, 0.004); // pixel (13, 24): 3 mm down, 4 mm right
    expect(f.twoTheta[13 * 40 + 24]).toBeCloseTo(Math.atan(r / 0.1), 14);
    expect(f.cosIncidence[13 * 40 + 24]).toBeCloseTo(0.1 / Math.hypot(0.1, r), 14);
    expect(f.chi[13 * 40 + 20]).toBeCloseTo(Math.PI / 2, 14); // straight down the rows: χ = +90°
    // Corners: (rows + 1) × (cols + 1), the PONI's own corner grid point 10.5 mm is not a corner.
    const c = pixelAngles(flat, 30, 40, { at: 'corners' });
    expect(c.twoTheta.length).toBe(31 * 41);
    expect(c.twoTheta[0]).toBeCloseTo(Math.atan(Math.hypot(0.0105, 0.0205) / 0.1), 14);
    // Flipping rows mirrors the detector: row i of the data is detector row 29 − i.
    const fl = pixelAngles(flat, 30, 40, { flipRows: true });
    expect(fl.twoTheta[(29 - 13) * 40 + 24]).toBe(f.twoTheta[13 * 40 + 24]);
  });
});

describe('azimuthalIntegrate vs pyFAI integrate1d', () => {
  const negMask = Uint8Array.from(image.data, (v) => (v < 0 ? 1 : 0));
  it.each(ref.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const plan = prepareIntegration(geom, H, W, {
      npt: c.npt,
      unit: c.unit,
      split: c.split === 'no' ? 'none' : 'bbox',
      correctSolidAngle: c.correctSolidAngle,
      polarizationFactor: c.polarizationFactor,
      radialRange: c.radialRange,
      mask: c.mask ? negMask : undefined,
    });
    const r = azimuthalIntegrate(plan, image.data, { maskNegative: false });
    const step = c.radial[1] - c.radial[0];
    for (let k = 0; k < c.npt; k++) {
      expect(Math.abs(r.radial[k] - c.radial[k])).toBeLessThan(step * 1e-5);
      expect(Math.abs(r.count[k] - c.count[k])).toBeLessThan(c.split === 'no' ? 0.5 : 2e-3 * Math.max(1, c.count[k]));
      expect(Math.abs(r.intensity[k] - c.intensity[k])).toBeLessThanOrEqual(2e-5 * Math.abs(c.intensity[k]) + 1e-6);
    }
  });
  it('maskNegative gives the same result as an explicit mask of the negative pixels', () => {
    const plan = prepareIntegration(geom, H, W, { npt: 64, split: 'none' });
    const withMask = azimuthalIntegrate(prepareIntegration(geom, H, W, { npt: 64, split: 'none', mask: negMask }), image.data, { maskNegative: false });
    const dynamic = azimuthalIntegrate(plan, image.data);
    expect(Array.from(dynamic.intensity)).toEqual(Array.from(withMask.intensity));
  });
  it('refuses bad sizes and options naming the parameter', () => {
    expect(() => prepareIntegration(geom, H, W, { npt: 0 })).toThrow(/npt = 0, expected a positive integer/);
    expect(() => prepareIntegration(geom, H, W, { polarizationFactor: 2 })).toThrow(/polarizationFactor = 2, expected a number from -1 to 1/);
    expect(() => prepareIntegration(geom, H, W, { radialRange: [5, 1] })).toThrow(/radialRange = \[5, 1\], expected \[min, max\]/);
    expect(() => prepareIntegration({ ...geom, wavelength: null }, H, W, { unit: 'q_A^-1' })).toThrow(/unit q_A\^-1 needs the wavelength/);
    const plan = prepareIntegration(geom, H, W, { npt: 10 });
    expect(() => azimuthalIntegrate(plan, new Float32Array(5))).toThrow(/data has 5 values, expected width·height = 170·150 = 25500/);
  });
});
