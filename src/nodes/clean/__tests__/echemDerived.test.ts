import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultParams, validateParams } from '../../../runtime/params';
import type { NumericColumn, TableValue } from '../../../runtime/values';
import { loadEchemNode } from '../../io/loadEchem';
import { fakeContext } from '../../io/__tests__/fakeContext';
import { echemDerivedNode } from '../echemDerived';

const fixtures = path.resolve(__dirname, '../../../../test/fixtures/echem');
const ref = JSON.parse(readFileSync(path.join(fixtures, 'derived.json'), 'utf8'));
const col = (t: TableValue, name: string) => (t.columns.find((c) => c.name === name) as NumericColumn).data;

async function echem(): Promise<TableValue> {
  const ctx = fakeContext(fixtures);
  const p = { ...defaultParams(loadEchemNode.params), files: [{ name: 'lno_gitt_crop.mpt' }] };
  return (await loadEchemNode.run({}, p as never, ctx)).table as TableValue;
}
const derive = async (over: Record<string, unknown>) => {
  const input = await echem();
  const p = { ...defaultParams(echemDerivedNode.params), ...over } as never;
  const ctx = fakeContext(fixtures);
  const out = (await echemDerivedNode.run({ echem: input }, p, ctx)).table as TableValue;
  return { input, out, preview: echemDerivedNode.preview!({ echem: input }, p, 0), ctx };
};

describe('clean.echem-derived on the real GITT crop (numpy reference: scripts/fixtures/echem_derived.py)', () => {
  it('has a valid schema and checks equal SoC limits', () => {
    expect(validateParams(echemDerivedNode.params, {}).issues).toEqual([]);
    expect(validateParams(echemDerivedNode.params, { binWidth: 0 }).issues[0].message).toMatch(/binWidth: expected > 0 V/);
    expect(echemDerivedNode.check!({ ...defaultParams(echemDerivedNode.params), socEmpty: 1, socFull: 1 } as never)[0].param).toBe('socFull');
  });

  it('capacity per cycle', async () => {
    const { out, input, preview } = await derive({ quantity: 'capacity' });
    expect(out.columns.map((c) => `${c.name} (${c.unit})`)).toEqual(['cycle ()', 'charge capacity (mAh)', 'discharge capacity (mAh)', 'coulombic efficiency (%)']);
    expect(out.rows).toBe(ref.capacity.length);
    ref.capacity.forEach((r: number[], k: number) => {
      expect(col(out, 'charge capacity')[k]).toBeCloseTo(r[1], 12);
      expect(col(out, 'discharge capacity')[k]).toBeCloseTo(r[2], 12);
    });
    expect(out.meta.timeOrigin).toBe(input.meta.timeOrigin);
    expect(preview?.type).toBe('plot');
  });

  it('dQ/dV: one long table of all curves; the preview draws one line per cycle and direction', async () => {
    const { out, preview } = await derive({ quantity: 'dqdv', binWidth: 0.01, sigma: 2 });
    const n = ref.dqdv.reduce((s: number, c: { potential: number[] }) => s + c.potential.length, 0);
    expect(out.rows).toBe(n);
    const flat = ref.dqdv.flatMap((c: { dqdv: number[] }) => c.dqdv);
    const got = col(out, 'dQ/dV');
    for (let i = 0; i < n; i++) expect(got[i]).toBeCloseTo(flat[i], 8);
    expect(col(out, 'direction')[0]).toBe(1);
    expect(preview?.type === 'plot' && preview.series.map((s) => s.label).slice(0, 2)).toEqual(['cycle 1 charge', 'cycle 1 discharge']);
  });

  it('state of charge: the record with a soc column', async () => {
    const { out, input } = await derive({ quantity: 'soc' });
    expect(out.columns.map((c) => c.name)).toEqual([...input.columns.map((c) => c.name), 'soc']);
    const soc = col(out, 'soc');
    ref.soc.every50.forEach((v: number, k: number) => expect(soc[50 * k]).toBeCloseTo(v, 10));
    expect(out.meta.attrs.socFull).toBe(ref.soc.full);
    const given = await derive({ quantity: 'soc', socEmpty: 0, socFull: 2 * ref.soc.full });
    expect(col(given.out, 'soc')[50]).toBeCloseTo(ref.soc.every50[1] / 2, 10);
  });

  it('refuses a table without the needed columns, naming them', async () => {
    const input = await echem();
    const bad: TableValue = { ...input, columns: input.columns.filter((c) => c.name !== 'charge') };
    const p = { ...defaultParams(echemDerivedNode.params) } as never;
    await expect(echemDerivedNode.run({ echem: bad }, p, fakeContext(fixtures))).rejects.toThrow('input "echem": no column "charge": expected one (columns: time, potential, current, cycle, step)');
  });
});
