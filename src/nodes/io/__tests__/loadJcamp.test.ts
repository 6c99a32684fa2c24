// io.load-jcamp on the JCAMP-DX fixtures (test/fixtures/nmr, MIT, from jcampconverter's tests).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadJcampNode } from '../loadJcamp';
import { NodeInputError } from '../../../runtime/nodeDefinition';
import { defaultParams } from '../../../runtime/params';
import { testContext } from './imageNodeContext';

const FIX = path.resolve(__dirname, '../../../../test/fixtures/nmr');
const defaults = defaultParams(loadJcampNode.params);

async function load(name: string, params: Record<string, unknown> = {}) {
  const ctx = testContext();
  const files = [await ctx.store.put(name, new Uint8Array(readFileSync(path.join(FIX, name))))];
  return { out: (await loadJcampNode.run({}, { ...defaults, ...params, files }, ctx)).spectra, ctx };
}

describe('io.load-jcamp', () => {
  it('NTUPLES real/imag → a spectra series in ppm with its source and NMR metadata; pages "first" → a spectrum', async () => {
    const { out } = await load('jcamp-1024.jdx');
    expect(out.kind).toBe('spectra');
    if (out.kind !== 'spectra') return;
    expect([out.frames, out.points, out.xAxis.unit, ...out.frameLabels]).toEqual([2, 1024, 'ppm', 'spectrum/real', 'spectrum/imag']);
    expect(out.meta.sources.map((s) => s.name)).toEqual(['jcamp-1024.jdx']);
    expect(out.meta.attrs).toMatchObject({ format: 'JCAMP-DX', observeNucleus: '1H', title: '1H', dataType: 'NMRSPECTRUM' });
    const first = (await load('jcamp-1024.jdx', { pages: 'first', xUnit: 'Hz' })).out;
    expect(first.kind).toBe('spectrum');
    if (first.kind === 'spectrum') expect([first.xAxis.unit, first.x.length]).toEqual(['Hz', 1024]);
  });

  it('warnings reach the run context; bad files and bad choices are refused as input errors naming the file', async () => {
    const { ctx } = await load('varian.jdx');
    expect(ctx.warnings.join('\n')).toMatch(/varian\.jdx.*##NPOINTS= declares 16385 points, the data holds 16384/);
    await expect(load('noend.jdx')).rejects.toThrow(NodeInputError);
    await expect(load('noend.jdx')).rejects.toThrow(/noend\.jdx, line 1: block "1 2 3" has no ##END=/);
    await expect(load('simple.jdx')).rejects.toThrow(/simple\.jdx: no data/);
    await expect(load('two.jdx', { block: 5 })).rejects.toThrow(/^block: 5, but the file has 2 blocks with data/);
    await expect(load('two.jdx', { xUnit: 'Hz' })).resolves.toBeDefined(); // not NMR: x stays as written
  });
});
