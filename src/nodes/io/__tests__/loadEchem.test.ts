import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultParams, validateParams } from '../../../runtime/params';
import type { NumericColumn, TableValue } from '../../../runtime/values';
import { loadEchemNode } from '../loadEchem';
import { fakeContext } from './fakeContext';

const repo = path.resolve(__dirname, '../../../..');
const fixtures = path.join(repo, 'test/fixtures/echem');
const shared = path.resolve(repo, '../shared/data');
const ref = JSON.parse(readFileSync(path.join(fixtures, 'derived.json'), 'utf8'));

const run = (dir: string, names: string[], over: Record<string, unknown> = {}) => {
  const ctx = fakeContext(dir);
  const params = { ...defaultParams(loadEchemNode.params), files: names.map((name) => ({ name })), ...over };
  return { ctx, result: loadEchemNode.run({}, params as never, ctx) };
};
const col = (t: TableValue, name: string) => (t.columns.find((c) => c.name === name) as NumericColumn).data;
const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);

describe('io.load-echem', () => {
  it('declares a valid parameter schema', () => {
    expect(validateParams(loadEchemNode.params, {}).issues).toEqual([]);
    expect(validateParams(loadEchemNode.params, { startTime: '26/07/2022' }).issues[0].message).toMatch(/startTime: expected text matching/);
  });

  it('EC-Lab .mpt (decimal commas) → the standard table with units, start time and provenance', async () => {
    const { ctx, result } = run(fixtures, ['lno_gitt_crop.mpt']);
    const t = (await result).table as TableValue;
    expect(t.kind).toBe('table');
    expect(t.rows).toBe(ref.rows);
    expect(t.columns.map((c) => `${c.name} (${c.unit})`)).toEqual(['time (s)', 'potential (V)', 'current (mA)', 'charge (mAh)', 'cycle ()', 'step ()']);
    for (const k of ['time', 'potential', 'current', 'charge', 'cycle', 'step'])
      expect(Math.abs(sum(col(t, k)) - ref.sums[k])).toBeLessThanOrEqual(1e-9 * Math.abs(ref.sums[k]));
    expect(t.meta.timeOrigin).toBe('2022-07-26T22:38:30.190');
    expect(t.meta.sources[0].name).toBe('lno_gitt_crop.mpt');
    expect(t.meta.sources[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(t.meta.attrs).toMatchObject({ format: 'biologic-mpt', records: 1, cycles: 4, device: 'VMP3 (SN 0198)' });
    expect(ctx.warnings).toEqual([]);
    expect(ctx.progressCalls.length).toBeGreaterThanOrEqual(2);
  });

  it('a start time given by the user replaces the file\'s; bad params are refused by name', async () => {
    const t = (await run(fixtures, ['lno_gitt_crop.mpt'], { startTime: '2022-07-26 22:40:00' }).result).table as TableValue;
    expect(t.meta.timeOrigin).toBe('2022-07-26T22:40:00');
    await expect(run(fixtures, []).result).rejects.toThrow('files: expected at least one file, got none');
    await expect(run(fixtures, ['lno_gitt_crop.mpt'], { format: 'biologic-mpr' }).result).rejects.toThrow(
      'lno_gitt_crop.mpt: expected a BioLogic .mpr file',
    );
    await expect(run(fixtures, ['derived.json']).result).rejects.toThrow(/^derived\.json: no header row found in the first \d+ lines/);
  });
});

describe('io.load-echem on the cellpy custom-instrument CSVs (test/fixtures/echem/bad-csv)', () => {
  const csvDir = path.join(fixtures, 'bad-csv');
  const choicesOf = (ctx: ReturnType<typeof fakeContext>) => {
    const offered: Record<string, { value: string; label: string }[]> = {};
    ctx.offerChoices = (param, c) => {
      offered[param] = c.options;
    };
    return offered;
  };

  it('custom_good_small.csv opens with the guessed mapping; every column parameter is offered the file\'s columns with the guess as "auto"', async () => {
    const { ctx, result } = run(csvDir, ['custom_good_small.csv']);
    const offered = choicesOf(ctx);
    const t = (await result).table as TableValue;
    expect(t.rows).toBe(60);
    expect([col(t, 'time')[0], col(t, 'time').at(-1)]).toEqual([120, 3600.96]);
    expect(t.meta.attrs).toMatchObject({ format: 'csv', cycles: 2 });
    expect(offered.potentialColumn.slice(0, 2)).toEqual([
      { value: '', label: 'auto: voltage' },
      { value: 'index', label: 'index' },
    ]);
    expect(offered.chargeColumn.slice(0, 3).map((o) => o.label)).toEqual(['auto: charge_capacity', 'none', 'index']);
    expect(offered.timeColumn).toHaveLength(11);
    expect(Object.keys(offered).sort()).toEqual(['chargeColumn', 'currentColumn', 'cycleColumn', 'dischargeColumn', 'indexColumn', 'potentialColumn', 'stepColumn', 'timeColumn']);
  });

  it('a column chosen by the user replaces the guess (potential ← step_time changes the output)', async () => {
    const t = (await run(csvDir, ['custom_good_small.csv'], { potentialColumn: 'step_time' }).result).table as TableValue;
    expect(col(t, 'potential').at(-1)).toBe(0.86);
  });

  it('a refused file still offers its columns (so the mapping can be fixed in the inspector)', async () => {
    const { ctx, result } = run(csvDir, ['custom_missing_column.csv']);
    const offered = choicesOf(ctx);
    await expect(result).rejects.toThrow(/^custom_missing_column\.csv, line 20: no potential column: .*choose the potential column$/);
    expect(offered.potentialColumn[0]).toEqual({ value: '', label: 'auto: not found — choose' });
    expect(offered.potentialColumn.map((o) => o.value)).toContain('charge_capacity');
  });

  it('bad cells refused (or dropped on request), a truncated last row and missing rows warned', async () => {
    await expect(run(csvDir, ['custom_nan_inf.csv']).result).rejects.toThrow('custom_nan_inf.csv, line 24: expected finite numbers in the mapped columns, got line 24 column "voltage" (potential): an empty cell; line 28');
    const dropped = run(csvDir, ['custom_nan_inf.csv'], { badRows: 'drop' });
    expect(((await dropped.result).table as TableValue).rows).toBe(57);
    expect(dropped.ctx.warnings[0]).toMatch(/custom_nan_inf\.csv: 3 rows left out .*line 24 .*line 28 .*line 32/);
    const cut = run(csvDir, ['custom_truncated.csv']);
    expect(((await cut.result).table as TableValue).rows).toBe(59);
    expect(cut.ctx.warnings[0]).toMatch(/^custom_truncated\.csv, line 80: the last row is cut short/);
    const gap = run(csvDir, ['custom_missing_cycle.csv']);
    expect(((await gap.result).table as TableValue).rows).toBe(40);
    expect(gap.ctx.warnings.join('\n')).toMatch(/line 41: 19 → 40 \(20 rows missing\)[^]*cycle 1 → 3 \(cycle 2 missing\)/);
  });

  it('v1 parameters migrate to the v1 meaning: empty optional columns were "none", units s/mA/mAh', () => {
    const v1 = { timeColumn: 'test_time', potentialColumn: 'voltage', currentColumn: 'current', cycleColumn: 'cycle' };
    expect(loadEchemNode.migrate!(1, v1)).toMatchObject({ ...v1, chargeColumn: '(none)', stepColumn: '(none)', indexColumn: '(none)', timeUnit: 's', currentUnit: 'mA', chargeUnit: 'mAh' });
    expect(loadEchemNode.migrate!(1, {})).toEqual({ timeUnit: 's', currentUnit: 'mA', chargeUnit: 'mAh' });
    expect(validateParams(loadEchemNode.params, loadEchemNode.migrate!(1, v1)).issues).toEqual([]);
  });
});

const bad = path.join(shared, 'echem/bad-csv');
const lno = path.join(shared, 'xas/operando-LiNiO2/echem');
const hasShared = existsSync(bad) && existsSync(lno);
if (!hasShared) console.warn(`SKIPPED: io.load-echem on ../shared/data — ${shared} not found`);

describe.skipIf(!hasShared)('io.load-echem on real files (../shared/data)', () => {
  it('a run and its continuation → one record in time order', async () => {
    const ref2 = JSON.parse(readFileSync(path.join(fixtures, 'sync_operando.json'), 'utf8'));
    const names = ['220726cell4operandoxascontinuation_C06.mpt', '220726cell4operandoxas_C06.mpt'];
    const t = (await run(lno, names).result).table as TableValue;
    expect(t.rows).toBe(ref2.rows);
    expect(t.meta.timeOrigin).toBe(ref2.echemStart);
    expect(t.meta.sources.map((s) => s.name)).toEqual([names[1], names[0]]);
    expect(col(t, 'time').at(-1)).toBeCloseTo(ref2.echemRange[1], 6);
    expect(t.meta.attrs.records).toBe(2);
  });
  it('a start time for several files is refused', async () => {
    await expect(run(lno, ['220726cell4operandoxas_C06.mpt', '220726cell4operandoxascontinuation_C06.mpt'], { startTime: '2022-07-26T22:00:00' }).result).rejects.toThrow(
      /startTime: given for 2 files: expected one file/,
    );
  });
});
