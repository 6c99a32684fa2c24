import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultParams, validateParams } from '../../../runtime/params';
import { emptyMeta, type NumericColumn, type SpectraValue, type StackValue, type TableValue } from '../../../runtime/values';
import { fakeContext } from '../../io/__tests__/fakeContext';
import { loadEchemNode } from '../../io/loadEchem';
import { loadSpectraNode } from '../../io/loadSpectra';
import { syncEchemNode } from '../syncEchem';

const repo = path.resolve(__dirname, '../../../..');
const ref = JSON.parse(readFileSync(path.join(repo, 'test/fixtures/echem/sync_operando.json'), 'utf8'));
const col = (t: TableValue, name: string) => (t.columns.find((c) => c.name === name) as NumericColumn).data;

const echemTable = (origin?: string): TableValue => ({
  kind: 'table',
  rows: 4,
  columns: [
    { name: 'time', unit: 's', data: Float64Array.from([0, 100, 200, 300]) },
    { name: 'potential', unit: 'V', data: Float64Array.from([3, 4, 4, 3.5]) },
    { name: 'current', unit: 'mA', data: Float64Array.from([1, 1, -1, -1]) },
    { name: 'charge', unit: 'mAh', data: Float64Array.from([0, 1, 2, 1]) },
  ],
  meta: { ...emptyMeta(), timeOrigin: origin },
});
const spectra = (time: number[], origin?: string): SpectraValue => ({
  kind: 'spectra',
  x: Float64Array.from([1, 2]),
  y: new Float64Array(2 * time.length),
  frames: time.length,
  points: 2,
  time: Float64Array.from(time),
  frameLabels: time.map((_, i) => `f${i}`),
  xAxis: { name: 'energy', unit: 'eV' },
  yAxis: { name: 'mu', unit: '' },
  meta: { ...emptyMeta(), timeOrigin: origin },
});
const params = (over: Record<string, unknown> = {}) => ({ ...defaultParams(syncEchemNode.params), ...over }) as never;

describe('register.sync-echem (analytic)', () => {
  it('has a valid schema', () => {
    expect(validateParams(syncEchemNode.params, {}).issues).toEqual([]);
  });

  it('time stamps: frames 50 s after the echem start; SoC from the detected charge limits', async () => {
    const ctx = fakeContext('.');
    const out = await syncEchemNode.run(
      { series: spectra([0, 100, 1000], '2022-01-01T00:00:50'), echem: echemTable('2022-01-01T00:00:00') },
      params(),
      ctx,
    );
    const t = out.table as TableValue;
    expect(t.columns.map((c) => c.name)).toEqual(['frame', 'label', 'time', 'echem time', 'potential', 'current', 'charge', 'soc', 'in range']);
    expect(Array.from(col(t, 'echem time'))).toEqual([50, 150, 1050]);
    expect(Array.from(col(t, 'potential'))).toEqual([3.5, 4, NaN]);
    expect(Array.from(col(t, 'charge'))).toEqual([0.5, 1.5, NaN]);
    expect(Array.from(col(t, 'soc'))).toEqual([25, 75, NaN]);
    expect(Array.from(col(t, 'in range'))).toEqual([1, 1, 0]);
    expect(t.meta.timeOrigin).toBe('2022-01-01T00:00:50');
    expect(t.meta.attrs.clockOffset).toBe(50);
    expect(ctx.warnings.join('\n')).toMatch(/1 of 3 frames fall outside the echem record \(0 to 300 s/);
  });

  it('offset mode ignores time stamps; a stack along time in minutes works too', async () => {
    const stack: StackValue = {
      kind: 'stack',
      frames: 2,
      width: 1,
      height: 1,
      dtype: 'f32',
      data: new Float32Array(2),
      frameAxis: { name: 'time', unit: 'min' },
      frameCoords: Float64Array.from([0, 1]),
      valueAxis: { name: 'I', unit: '' },
      meta: emptyMeta(),
    };
    const t = (await syncEchemNode.run({ series: stack, echem: echemTable() }, params({ mode: 'offset', offset: 100 }), fakeContext('.'))).table as TableValue;
    expect(Array.from(col(t, 'echem time'))).toEqual([100, 160]);
    expect(col(t, 'potential')[1]).toBeCloseTo(4, 12);
    expect(t.columns.some((c) => c.name === 'label')).toBe(false);
  });

  it('refuses missing time stamps and stacks that are not along time, saying what to do', async () => {
    await expect(syncEchemNode.run({ series: spectra([0]), echem: echemTable('2022-01-01T00:00:00') }, params(), fakeContext('.'))).rejects.toThrow(
      'mode "time stamps": the series has no absolute start time (meta.timeOrigin): expected both, or use mode "offset"',
    );
    const stack = { kind: 'stack', frames: 1, width: 1, height: 1, dtype: 'f32', data: new Float32Array(1), frameAxis: { name: 'energy', unit: 'eV' }, frameCoords: new Float64Array(1), valueAxis: { name: '', unit: '' }, meta: emptyMeta() } as StackValue;
    await expect(syncEchemNode.run({ series: stack, echem: echemTable() }, params({ mode: 'offset' }), fakeContext('.'))).rejects.toThrow(
      'input "series": the stack\'s frames are along "energy" (eV): expected frames along time',
    );
  });

  it('the preview is the voltage curve (line) with the in-range frames as markers on it', () => {
    const pv = syncEchemNode.preview!({ series: spectra([0, 100, 1000], '2022-01-01T00:00:50'), echem: echemTable('2022-01-01T00:00:00') }, params(), 0);
    expect(pv?.type).toBe('plot');
    if (pv?.type !== 'plot') return;
    expect(pv.xAxis).toEqual({ name: 'echem time', unit: 'h' });
    expect(pv.series.map((s) => [s.label, s.style ?? 'line', s.x.length])).toEqual([
      ['potential', 'line', 4],
      ['frames', 'markers', 2],
    ]);
    expect(Array.from(pv.series[1].y)).toEqual([3.5, 4]);
    expect(pv.series[1].x[0]).toBeCloseTo(50 / 3600, 12);
  });
});

const lno = path.resolve(repo, '../shared/data/xas/operando-LiNiO2');
const hasShared = existsSync(lno);
if (!hasShared) console.warn(`SKIPPED: register.sync-echem on the operando LiNiO2 data — ${lno} not found`);

describe.skipIf(!hasShared)('register.sync-echem: 58 operando XANES frames ↔ the joined GITT record (../shared/data)', () => {
  it('every frame maps inside the record with plausible potentials equal to numpy.interp', async () => {
    const xanes = readdirSync(path.join(lno, 'xanes')).filter((f) => f.endsWith('.txt'));
    const s = (await loadSpectraNode.run({}, { ...defaultParams(loadSpectraNode.params), files: xanes.map((name) => ({ name })) } as never, fakeContext(path.join(lno, 'xanes')))).spectra;
    const echemFiles = readdirSync(path.join(lno, 'echem'));
    const e = (await loadEchemNode.run({}, { ...defaultParams(loadEchemNode.params), files: echemFiles.map((name) => ({ name })) } as never, fakeContext(path.join(lno, 'echem')))).table;
    const ctx = fakeContext('.');
    const t = (await syncEchemNode.run({ series: s, echem: e }, params(), ctx)).table as TableValue;
    expect(ctx.warnings).toEqual([]);
    expect(t.rows).toBe(58);
    expect((t.columns.find((c) => c.name === 'label') as { text: string[] }).text).toEqual(ref.frames);
    expect(Array.from(col(t, 'in range')).every((v) => v === 1)).toBe(true);
    for (const [name, key, digits] of [['echem time', 'echemTime', 6], ['potential', 'potential', 9], ['current', 'current', 9], ['charge', 'charge', 9], ['soc', 'soc', 7]] as const) {
      const got = col(t, name);
      ref[key].forEach((v: number, i: number) => expect(got[i]).toBeCloseTo(v, digits));
    }
    for (const v of col(t, 'potential')) {
      expect(v).toBeGreaterThan(3.4);
      expect(v).toBeLessThan(4.4);
    }
  });
});
