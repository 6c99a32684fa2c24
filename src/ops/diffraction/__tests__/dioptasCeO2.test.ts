// The real case: the CeO2 calibrant on a Pilatus 1M (Dioptas test data, GPL: read from
// ../shared/data, never copied) integrated here and compared with Dioptas' own pattern
// CeO2_Pilatus1M.xy (pyFAI csr = bbox splitting, 1512 bins, solid angle, polarization 0.99, no mask,
// image flipped upside down as Dioptas loads it — this reproduces the file to < 1e-9 with pyFAI 0.21).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTiff } from '../../io/tiff/readTiff';
import { parsePattern } from '../../io/xrd/parsePattern';
import { azimuthalIntegrate } from '../azimuthalIntegrate';
import { parsePoni } from '../parsePoni';
import { prepareIntegration } from '../prepareIntegration';

const dir = path.resolve(__dirname, '../../../../../shared/data/xrd/dioptas');
const has = existsSync(path.join(dir, 'CeO2_Pilatus1M.tif'));
if (!has) console.warn(`SKIPPED: CeO2 Pilatus integration vs Dioptas — ${dir} not found`);

/** Local maxima above 5 % of the highest, with their heights (for relative intensities). */
function peaks(x: Float64Array, y: Float64Array): { x: number; y: number; k: number }[] {
  let top = 0;
  for (const v of y) top = Math.max(top, v);
  const out: { x: number; y: number; k: number }[] = [];
  for (let k = 3; k < y.length - 3; k++) {
    let isMax = y[k] > 0.05 * top;
    for (let d = -3; d <= 3 && isMax; d++) if (d !== 0 && y[k + d] > y[k]) isMax = false;
    if (isMax) out.push({ x: x[k], y: y[k] / top, k });
  }
  return out;
}

describe.skipIf(!has)('CeO2 Pilatus 1M vs Dioptas/pyFAI', () => {
  const img = has ? readTiff(new Uint8Array(readFileSync(path.join(dir, 'CeO2_Pilatus1M.tif'))), 'CeO2_Pilatus1M.tif') : null;
  const geom = has ? parsePoni(readFileSync(path.join(dir, 'CeO2_Pilatus1M.poni'), 'utf8'), 'CeO2_Pilatus1M.poni') : null;
  const [dioptas] = has ? parsePattern(readFileSync(path.join(dir, 'CeO2_Pilatus1M.xy'), 'utf8'), 'CeO2_Pilatus1M.xy') : [];

  it('the Pilatus TIFF reads as 981×1043 int32 counts with gaps at −1', () => {
    expect([img!.width, img!.height, img!.dtype]).toEqual([981, 1043, 'f32']);
    expect(img!.model).toBe('PILATUS 1M-F');
    let neg = 0;
    let max = 0;
    for (const v of img!.data) {
      if (v < 0) neg++;
      if (v > max) max = v;
    }
    expect(neg).toBe(73560);
    expect(max).toBe(621698);
  });

  it('same settings as Dioptas (bbox, 1512 bins, polarization 0.99, no mask): the same pattern', () => {
    const plan = prepareIntegration(geom!, img!.height, img!.width, { npt: 1512, split: 'bbox', polarizationFactor: 0.99, flipRows: true });
    const r = azimuthalIntegrate(plan, img!.data, { maskNegative: false });
    const step = dioptas.x[1] - dioptas.x[0];
    let dx = 0;
    let dy = 0;
    for (let k = 0; k < 1512; k++) dx = Math.max(dx, Math.abs(r.radial[k] - dioptas.x[k]));
    // The 3 innermost bins (2θ < 0.06°, a few pixels around the beam centre split over them) differ
    // by float32 rounding of pyFAI's corner positions; all others agree to 2e-4.
    for (let k = 3; k < 1512; k++) dy = Math.max(dy, Math.abs(r.intensity[k] - dioptas.y[k]) / Math.max(1, Math.abs(dioptas.y[k])));
    expect(dx).toBeLessThan(step * 1e-4);
    expect(dy).toBeLessThan(2e-4);
    for (let k = 0; k < 3; k++) expect(Math.abs(r.intensity[k] - dioptas.y[k]) / dioptas.y[k]).toBeLessThan(0.35);
  });

  it('no pixel splitting: peak positions within half a bin, main peaks\' relative areas within 3 %', () => {
    // Same bins as Dioptas' (its range covers the pixel corners; centres alone would shift the bins).
    const h = (dioptas.x[1] - dioptas.x[0]) / 2;
    const radialRange: [number, number] = [dioptas.x[0] - h, dioptas.x[1511] + h];
    const plan = prepareIntegration(geom!, img!.height, img!.width, { npt: 1512, split: 'none', polarizationFactor: 0.99, flipRows: true, radialRange });
    const r = azimuthalIntegrate(plan, img!.data, { maskNegative: false });
    const want = peaks(dioptas.x, dioptas.y);
    const got = peaks(r.radial, r.intensity);
    expect(want.length).toBeGreaterThanOrEqual(10);
    const step = dioptas.x[1] - dioptas.x[0];
    // Relative intensity = area over ±4 bins (a peak is 2–3 bins wide) over that of the strongest peak.
    const area = (y: Float64Array, k: number) => y.slice(k - 4, k + 5).reduce((a, v) => a + v, 0);
    const top = want.reduce((b, c) => (c.y > b.y ? c : b));
    for (const p of want) {
      const q = got.reduce((b, c) => (Math.abs(c.x - p.x) < Math.abs(b.x - p.x) ? c : b));
      expect(Math.abs(q.x - p.x)).toBeLessThanOrEqual(step / 2 + 1e-9);
      if (p.y > 0.15) {
        const relWant = area(dioptas.y, p.k) / area(dioptas.y, top.k);
        const relGot = area(r.intensity, p.k) / area(r.intensity, top.k);
        expect(Math.abs(relGot - relWant)).toBeLessThan(0.03 * relWant);
      }
    }
  });

  it('masking the negative (gap) pixels only raises intensities, where the rings cross module gaps', () => {
    const plan = prepareIntegration(geom!, img!.height, img!.width, { npt: 1512, split: 'bbox', polarizationFactor: 0.99, flipRows: true });
    const masked = azimuthalIntegrate(plan, img!.data);
    const raw = azimuthalIntegrate(plan, img!.data, { maskNegative: false });
    let raised = 0;
    for (let k = 0; k < 1512; k++) {
      expect(masked.intensity[k]).toBeGreaterThanOrEqual(raw.intensity[k] - 1e-9 * Math.abs(raw.intensity[k]));
      if (masked.intensity[k] > raw.intensity[k] * 1.01) raised++;
    }
    expect(raised).toBeGreaterThan(100);
  });

  it('without flipping the rows the pattern does not match (the .poni is for the flipped image)', () => {
    const plan = prepareIntegration(geom!, img!.height, img!.width, { npt: 1512, split: 'bbox', polarizationFactor: 0.99 });
    const r = azimuthalIntegrate(plan, img!.data, { maskNegative: false });
    let worst = 0;
    for (let k = 0; k < 1512; k++) worst = Math.max(worst, Math.abs(r.intensity[k] - dioptas.y[k]) / Math.max(1, dioptas.y[k]));
    expect(worst).toBeGreaterThan(0.5);
  });
});
