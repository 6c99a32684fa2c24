import { describe, expect, it } from 'vitest';
import { nodeCatalogue, renderNodeDocs } from '../../catalogue';
import { fakeRegistry } from './fakeRegistry';

describe('nodeCatalogue', () => {
  const cat = nodeCatalogue(fakeRegistry);

  it('lists every type, grouped in category order, and is JSON-serialisable without loss', () => {
    expect(cat.map((e) => e.type)).toEqual(['io.load-spectra', 'io.load-image', 'clean.smooth', 'segment.threshold', 'view.plot']);
    expect(JSON.parse(JSON.stringify(cat))).toEqual(cat);
  });

  it('describes ports and params with their specs', () => {
    const smooth = cat.find((e) => e.type === 'clean.smooth')!;
    expect(smooth).toMatchObject({ version: 2, category: 'clean', title: 'Smooth', isOutput: false });
    expect(smooth.inputs).toEqual([{ name: 'spectra', label: 'Spectra', kinds: ['spectrum', 'spectra'], required: true }]);
    expect(smooth.outputs[0].required).toBe(false);
    expect(smooth.params.map((p) => p.name)).toEqual(['method', 'window', 'order', 'sigma', 'e0', 'name', 'keep']);
    expect(smooth.params.find((p) => p.name === 'sigma')).toEqual({
      name: 'sigma', type: 'number', label: 'Sigma', description: 'Width.', default: 1, min: 0, exclusiveMin: true, unit: 'eV',
    });
    expect(cat.find((e) => e.type === 'view.plot')!.isOutput).toBe(true);
  });

  it('returns copies: changing an entry does not change the registry', () => {
    const smooth = cat.find((e) => e.type === 'clean.smooth')!;
    const method = smooth.params[0];
    if (method.type === 'enum') method.options.push({ value: 'x', label: 'x' });
    expect(nodeCatalogue(fakeRegistry).find((e) => e.type === 'clean.smooth')!.params[0]).not.toEqual(method);
  });
});

describe('renderNodeDocs', () => {
  const md = renderNodeDocs(fakeRegistry);
  it('has a table per category and a parameter table per node', () => {
    expect(md.match(/^## /gm)).toHaveLength(4);
    expect(md).toContain('## clean\n\n| Type | Title | Version | Inputs | Outputs | Parameters |');
    expect(md).toContain('| `clean.smooth` | Smooth | 2 | `spectra` (spectrum, spectra) | `spectra` (spectrum, spectra) |');
    expect(md).toContain('| `view.plot` | Plot | 1 | `spectra` (spectrum, spectra)<br>`table`? (table) | — | — |');
    expect(md).toContain('| `sigma` (Sigma) | number | `1` | > 0 | eV | Width. |');
    expect(md).toContain('| `window` (Window) | integer | `7` | ≥ 3, ≤ 101, odd |  | Points. |');
    expect(md).toContain('| `e0` (E0) | number | `null` | or null (auto) | eV | Edge. |');
  });
  it('escapes pipes inside cells so tables keep their columns', () => {
    const rows = md.split('\n').filter((l) => l.startsWith('| `'));
    for (const r of rows) expect(r.replace(/\\\|/g, '').split('|').length, r).toBe(8);
  });
});
