// Every XRD file of ../shared/data/xrd (Dioptas and yadg test data are GPL: read here, never copied).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../columns/decodeText';
import { parsePattern } from '../parsePattern';

const xrd = path.resolve(__dirname, '../../../../../../shared/data/xrd');
const has = existsSync(xrd);
if (!has) console.warn(`SKIPPED: XRD readers on the real files — ${xrd} not found`);

const load = (rel: string) => parsePattern(decodeText(readFileSync(path.join(xrd, rel))).text, path.basename(rel));
const last = (a: Float64Array) => a[a.length - 1];

describe.skipIf(!has)('XRD readers on ../shared/data/xrd', () => {
  it.each([
    // file, points, first x, first y, last x, last y, wavelength (Å)
    ['dioptas/CeO2_Pilatus1M.xy', 1512, 0.01019698551, 2.434518099, 30.82548718, 60.00909424, 0.4066],
    ['dioptas/pattern_001.xy', 1400, 0.01589844, 27.83654, 44.49973, 0, 0.320179398976],
    ['dioptas/pattern_001.chi', 75, 0.010486433, 27.862846, 28.34483, 0, null],
    ['lab-cathodes/Li2MnO3.xy', 9001, 10, 1874, 100, 1737, null],
    ['lab-cathodes/LiMn2O4.xy', 9001, 10, 1963, 100, 1566, null],
    ['lab-cathodes/LiMnO2.xy', 9001, 10, 1943, 100, 1447, null],
    ['panalytical/210520step1_30min.xy', 4489, 5.00835563, 1719, 80.0085308, 288, null],
    ['panalytical/210520step1_30min.xrdml', 4489, 5.00835563, 1719, 80.0085308, 288, 1.540598],
  ] as const)('%s: %i points, first/last values, wavelength', (rel, n, x0, y0, x1, y1, wl) => {
    const ps = load(rel);
    expect(ps).toHaveLength(1);
    const p = ps[0];
    expect(p.axis).toBe('twoTheta');
    expect(p.x.length).toBe(n);
    expect(p.x[0]).toBeCloseTo(x0, 9);
    expect(p.y[0]).toBeCloseTo(y0, 9);
    expect(last(p.x)).toBeCloseTo(x1, 8);
    expect(last(p.y)).toBeCloseTo(y1, 9);
    if (wl === null) expect(p.wavelength).toBeNull();
    else expect(p.wavelength).toBeCloseTo(wl, 12);
  });

  it('.xrdml and its .xy export: same 2θ grid (within the export\'s 9 decimals) and the same counts', () => {
    const [a] = load('panalytical/210520step1_30min.xrdml');
    const [b] = load('panalytical/210520step1_30min.xy');
    expect(a.x.length).toBe(b.x.length);
    let dx = 0;
    let dy = 0;
    for (let i = 0; i < a.x.length; i++) {
      dx = Math.max(dx, Math.abs(a.x[i] - b.x[i]));
      dy = Math.max(dy, Math.abs(a.y[i] - b.y[i]));
    }
    expect(dx).toBeLessThan(5e-9);
    expect(dy).toBe(0);
    expect(a.attrs).toMatchObject({ kAlpha2: 1.544426, anode: 'Cu', instrument: 'XPERT-PRO', countingTime: 50.165 });
    expect(a.startTime?.iso).toBe('2021-05-20T15:55:51+02:00');
  });

  it('pattern_001.chi (an excerpt: 75 of the 1455 rows it declares) starts where pattern_001.xy does', () => {
    const [chi] = load('dioptas/pattern_001.chi');
    const [xy] = load('dioptas/pattern_001.xy');
    expect(chi.warnings).toEqual(['pattern_001.chi, line 4: header declares 1455 points but 75 data rows follow: all 75 rows read']);
    expect(chi.attrs.xLabel).toBe('2-Theta Angle (Degrees)');
    // Same detector and binning family: first bins within half a step, first intensities within 0.2 %.
    expect(Math.abs(chi.x[0] - xy.x[0])).toBeLessThan((xy.x[1] - xy.x[0]) / 2);
    expect(Math.abs(chi.y[0] - xy.y[0]) / xy.y[0]).toBeLessThan(0.002);
    // Both end on the zero-intensity (masked) tail.
    expect(last(chi.y)).toBe(0);
    expect(last(xy.y)).toBe(0);
  });
});
