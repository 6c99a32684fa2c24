import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { alignSpectraNode } from '../alignSpectra';
import { defaultParams } from '../../../runtime/params';
import { emptyMeta, type SpectraValue, type SpectrumValue, type TableValue } from '../../../runtime/values';
import { parseSpectrumText } from '../../../ops/io/columns/parseSpectrumText';
import { interpolateLinear } from '../../../ops/spectrum/interpolateLinear';
import { ROOT } from '../../../ops/image/__tests__/helpers';
import { numericColumn } from '../../../ops/image/__tests__/registration2Fixtures';
import { testContext } from '../../io/__tests__/imageNodeContext';

const defaults = defaultParams(alignSpectraNode.params);
const name = 'norm_op2_cell4_pos1_dq1_0001_av240_00001.txt';
const file = parseSpectrumText(readFileSync(join(ROOT, 'test', 'fixtures', 'xas', 'operando', name), 'utf8'), name);
const x = file.data[0];
const y0 = file.data[1];
const n = x.length;
/** y0 moved by +s in energy (y(E − s)), on the same x; end values kept. */
const moved = (s: number) =>
  interpolateLinear(x, y0, Float64Array.from(x, (e) => Math.min(Math.max(e - s, x[0]), x[n - 1])));
const applied = [0, 0.3, -0.7, 0.85];

function series(): SpectraValue {
  const y = new Float64Array(applied.length * n);
  applied.forEach((s, f) => y.set(moved(s), f * n));
  return {
    kind: 'spectra',
    x: Float64Array.from(x),
    y,
    frames: applied.length,
    points: n,
    time: Float64Array.from(applied, (_, i) => 600 * i),
    frameLabels: applied.map((_, i) => `scan${i}`),
    xAxis: { name: 'energy', unit: 'eV' },
    yAxis: { name: 'mu', unit: '' },
    meta: emptyMeta(),
  };
}
const col = (t: TableValue, c: string) => numericColumn(t, c);

describe('register.align-spectra', () => {
  const s = series();
  it('recovers known sub-eV shifts of a real operando scan (±0.05 eV) and aligns the spectra', async () => {
    const ctx = testContext();
    const out = await alignSpectraNode.run({ spectra: s }, { ...defaults, rangeMin: 8300, rangeMax: 8420 }, ctx);
    if (out.shifts.kind !== 'table' || out.spectra.kind !== 'spectra') throw new Error('wrong kinds');
    expect(out.shifts.columns.map((c) => `${c.name} (${c.unit})`)).toEqual(['frame ()', 'label ()', 'shift (eV)', 'correlation ()']);
    const sh = col(out.shifts, 'shift');
    applied.forEach((a, f) => expect(Math.abs(sh[f] - a)).toBeLessThan(0.05));
    // Aligned spectra match the reference over the edge region much better than before.
    for (let f = 1; f < applied.length; f++) {
      let before = 0;
      let after = 0;
      for (let i = 0; i < n; i++) {
        if (x[i] < 8320 || x[i] > 8400) continue;
        before += Math.abs(s.y[f * n + i] - y0[i]);
        after += Math.abs(out.spectra.y[f * n + i] - y0[i]);
      }
      expect(after).toBeLessThan(0.1 * before);
    }
    expect(ctx.progressCalls.length).toBeGreaterThanOrEqual(applied.length);
  });

  it('a connected reference spectrum is used instead of the reference frame', async () => {
    const ref: SpectrumValue = { kind: 'spectrum', x: Float64Array.from(x), y: moved(0.5), xAxis: s.xAxis, yAxis: s.yAxis, meta: emptyMeta() };
    const out = await alignSpectraNode.run({ spectra: s, reference: ref }, { ...defaults, rangeMin: 8300, rangeMax: 8420 }, testContext());
    if (out.shifts.kind !== 'table') throw new Error('expected a table');
    const sh = col(out.shifts, 'shift');
    applied.forEach((a, f) => expect(Math.abs(sh[f] - (a - 0.5))).toBeLessThan(0.05));
  });

  it('names a reference frame outside the series and a bad range', async () => {
    await expect(alignSpectraNode.run({ spectra: s }, { ...defaults, reference: 4 }, testContext())).rejects.toThrow(
      'reference: expected a frame index 0..3 (the series has 4 spectra), got 4',
    );
    expect(alignSpectraNode.check?.({ ...defaults, rangeMin: 9000, rangeMax: 8000 })).toEqual([
      { param: 'rangeMax', message: 'rangeMax: expected > rangeMin (9000), got 8000' },
    ]);
  });
});
