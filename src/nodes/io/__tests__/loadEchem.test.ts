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
    await expect(run(fixtures, ['derived.json']).result).rejects.toThrow(/derived\.json is not an EC-Lab .* expected a column mapping/);
  });
});

const bad = path.join(shared, 'echem/bad-csv');
const lno = path.join(shared, 'xas/operando-LiNiO2/echem');
const hasShared = existsSync(bad) && existsSync(lno);
if (!hasShared) console.warn(`SKIPPED: io.load-echem on ../shared/data — ${shared} not found`);

describe.skipIf(!hasShared)('io.load-echem on real files (../shared/data)', () => {
  const mapping = {
    timeColumn: 'test_time',
    potentialColumn: 'voltage',
    currentColumn: 'current',
    chargeColumn: 'charge_capacity',
    dischargeColumn: 'discharge_Capacity',
    cycleColumn: 'cycle',
    stepColumn: 'step',
    indexColumn: 'index',
  };
  it('generic CSV with a column mapping; no start time → a warning that says how to set it', async () => {
    const { ctx, result } = run(bad, ['custom_good_small.csv'], mapping);
    const t = (await result).table as TableValue;
    expect(t.rows).toBe(60);
    expect(t.meta.timeOrigin).toBeUndefined();
    expect(ctx.warnings.join('\n')).toMatch(/custom_good_small\.csv: no start time in the file: set "startTime"/);
  });
  it('the broken CSVs are refused naming file, line and column', async () => {
    await expect(run(bad, ['custom_nan_inf.csv'], mapping).result).rejects.toThrow('custom_nan_inf.csv, line 24: column "voltage" (potential): expected a finite number, got an empty cell');
    await expect(run(bad, ['custom_truncated.csv'], mapping).result).rejects.toThrow('custom_truncated.csv, line 80: expected 10 values');
    await expect(run(bad, ['custom_missing_cycle.csv'], mapping).result).rejects.toThrow('custom_missing_cycle.csv, line 41: column "index"');
    await expect(run(bad, ['custom_missing_column.csv'], mapping).result).rejects.toThrow('custom_missing_column.csv, line 20: column "voltage"');
  });
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
