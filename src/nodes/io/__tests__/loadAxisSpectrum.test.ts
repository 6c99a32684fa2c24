// aXis2000 two-column spectra (.xsp / .r / .t: energy in eV, value) open with io.load-spectra, the
// node the drop routing and inspect choose for them (test/fixtures/io/stxm/oxidized.r, MIT).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpectraNode } from '../loadSpectra';
import { defaultParams } from '../../../runtime/params';
import { detectFileFormat } from '../../../ops/io/detectFileFormat';
import { testContext } from './imageNodeContext';

const FILE = path.resolve(__dirname, '../../../../test/fixtures/io/stxm/oxidized.r');

describe('io.load-spectra on an aXis2000 spectrum', () => {
  it('oxidized.r → 123 points, energy as the first column, value as the second', async () => {
    const bytes = new Uint8Array(readFileSync(FILE));
    expect(detectFileFormat('oxidized.r', bytes)?.node).toBe('io.load-spectra');
    const ctx = testContext();
    const files = [await ctx.store.put('oxidized.r', bytes)];
    const { spectra } = await loadSpectraNode.run({}, { ...defaultParams(loadSpectraNode.params), files }, ctx);
    expect(spectra.kind).toBe('spectrum');
    if (spectra.kind !== 'spectrum') return;
    const rows = readFileSync(FILE, 'latin1').trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
    expect(Array.from(spectra.x)).toEqual(rows.map((r) => r[0]));
    expect(Array.from(spectra.y)).toEqual(rows.map((r) => r[1]));
    expect([spectra.x[0], spectra.x[122]]).toEqual([700, 730.353]);
  });
});
