import { describe, expect, it } from 'vitest';
import { defaultParams } from '../../../runtime/params';
import { emptyMeta, type SpectrumValue } from '../../../runtime/values';
import { fakeContext } from '../../io/__tests__/fakeContext';
import { exportCsvNode } from '../exportCsv';

const v: SpectrumValue = {
  kind: 'spectrum',
  x: Float64Array.from([1, 2]),
  y: Float64Array.from([3, 4]),
  xAxis: { name: 'energy', unit: 'eV' },
  yAxis: { name: 'mu', unit: '' },
  meta: emptyMeta(),
};

describe('export.csv', () => {
  it('emits text/csv named after the node id by default', async () => {
    const ctx = fakeContext('.', 'n7');
    expect(await exportCsvNode.run({ data: v }, defaultParams(exportCsvNode.params), ctx)).toEqual({});
    expect(ctx.emitted.map((f) => f.name)).toEqual(['n7.csv', 'n7.provenance.json']);
    expect(ctx.emitted[0].mime).toBe('text/csv');
    expect(new TextDecoder().decode(ctx.emitted[0].bytes)).toBe('energy (eV),mu\n1,3\n2,4\n');
    expect(exportCsvNode.isOutput).toBe(true);
    const prov = JSON.parse(new TextDecoder().decode(ctx.emitted[1].bytes));
    expect(prov).toMatchObject({ app: 'operando-flow', files: ['n7.csv'], inputs: { data: { kind: 'spectrum', value: 'spectrum 2 pts' } } });
    expect(prov.history).toEqual([{ nodeId: 'n7', nodeType: 'export.csv', typeVersion: 1, params: defaultParams(exportCsvNode.params) }]);
  });

  it('uses the fileName param (adding .csv) and refuses folders', async () => {
    const ctx = fakeContext('.');
    await exportCsvNode.run({ data: v }, { ...defaultParams(exportCsvNode.params), fileName: 'series', delimiter: '\t' }, ctx);
    expect(ctx.emitted[0].name).toBe('series.csv');
    expect(new TextDecoder().decode(ctx.emitted[0].bytes).split('\n')[0]).toBe('energy (eV)\tmu');
    await expect(
      exportCsvNode.run({ data: v }, { ...defaultParams(exportCsvNode.params), fileName: '../x' }, fakeContext('.')),
    ).rejects.toThrow(/fileName: expected a file name without folders/);
  });
});
