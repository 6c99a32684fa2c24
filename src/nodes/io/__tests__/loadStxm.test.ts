// io.load-stxm on the synthetic mini stack (test/fixtures/io/stxm) and the real ALS Fe L-edge
// stack of ../shared/data, against numpy.loadtxt (scripts/fixtures/io_stxm.py).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStxmNode } from '../loadStxm';
import { defaultParams } from '../../../runtime/params';
import type { StackValue } from '../../../runtime/values';
import { testContext } from './imageNodeContext';

const FIX = path.resolve(__dirname, '../../../../test/fixtures/io');
const REAL = path.resolve(__dirname, '../../../../../shared/data/stacks/als-stxm-fe/Aligned');
const ref = JSON.parse(readFileSync(path.join(FIX, 'stxm.json'), 'utf8'));
const defaults = defaultParams(loadStxmNode.params);

async function load(dir: string, names: string[]) {
  const ctx = testContext();
  const files = [];
  for (const n of names) files.push(await ctx.store.put(n, new Uint8Array(readFileSync(path.join(dir, n)))));
  return { out: (await loadStxmNode.run({}, { ...defaults, files }, ctx)).stack as StackValue, ctx };
}

describe('io.load-stxm', () => {
  it('header + frames → stack with axis energy (eV), pixel size and start time', async () => {
    const { out, ctx } = await load(path.join(FIX, 'stxm'), ['mini_a002.xim', 'mini.hdr', 'mini_a000.xim', 'mini_a001.xim']);
    expect([out.frames, out.width, out.height, out.dtype]).toEqual([3, 4, 3, 'f32']);
    expect(out.frameAxis).toEqual({ name: 'energy', unit: 'eV' });
    expect(Array.from(out.frameCoords)).toEqual(ref.mini.energies);
    expect(Array.from(out.data)).toEqual(ref.mini.frames.flat());
    expect(out.pixelSize).toEqual({ x: 0.1, y: 0.2, unit: 'µm' });
    expect(out.meta.attrs).toMatchObject({ format: 'ALS STXM', startTime: '2021-03-16T16:50:18', dwell_ms: 1.5 });
    expect(out.meta.sources.map((s) => s.name)).toEqual(['mini.hdr', 'mini_a000.xim', 'mini_a001.xim', 'mini_a002.xim']);
    expect(ctx.progressCalls.filter((f) => f > 0)).toEqual([1 / 3, 2 / 3, 1]);
  });

  it('a subset of frames takes the energies of their _aNNN indices', async () => {
    const { out } = await load(path.join(FIX, 'stxm'), ['mini.hdr', 'mini_a002.xim']);
    expect([out.frames, Array.from(out.frameCoords)]).toEqual([1, [711.25]]);
  });

  it('refuses: no header, no frames, an index beyond the energies, a wrong frame size', async () => {
    await expect(load(path.join(FIX, 'stxm'), ['mini_a000.xim'])).rejects.toThrow('files: expected one .hdr header with the energies, got none');
    await expect(load(path.join(FIX, 'stxm'), ['mini.hdr'])).rejects.toThrow('files: expected .xim frames next to the header, got none');
    const ctx = testContext();
    const h = await ctx.store.put('mini.hdr', new Uint8Array(readFileSync(path.join(FIX, 'stxm/mini.hdr'))));
    const x = await ctx.store.put('mini_a007.xim', new Uint8Array(readFileSync(path.join(FIX, 'stxm/mini_a000.xim'))));
    await expect(loadStxmNode.run({}, { ...defaults, files: [h, x] }, ctx)).rejects.toThrow('mini_a007.xim: frame index 7, but mini.hdr lists 3 energies (0…2)');
    const r = await ctx.store.put('frame_a001.xim', new Uint8Array(readFileSync(path.join(FIX, 'stxm/ragged.xim'))));
    await expect(loadStxmNode.run({}, { ...defaults, files: [h, r] }, ctx)).rejects.toThrow('frame_a001.xim, line 2: expected 4 values (as on the first row), found 3');
  });
});

const has = existsSync(path.join(REAL, '71214078.hdr'));
if (!has) console.warn(`SKIPPED: io.load-stxm on the real ALS Fe L-edge stack — ${REAL} not found`);

describe.runIf(has)('io.load-stxm on the real ALS stack (123 frames)', () => {
  it('energies from the header, frames as numpy.loadtxt', async () => {
    const names = readdirSync(REAL).filter((n) => /\.(hdr|xim)$/.test(n));
    const { out } = await load(REAL, names);
    expect([out.frames, out.width, out.height]).toEqual([123, ref.real.width, ref.real.height]);
    expect(Array.from(out.frameCoords)).toEqual(ref.real.energies);
    const plane = out.width * out.height;
    for (const [k, f] of Object.entries(ref.real.frames) as [string, { pixels: [number, number, number][]; sum: number }][]) {
      for (const [y, x, v] of f.pixels) expect(out.data[Number(k) * plane + y * out.width + x]).toBe(Math.fround(v));
      let s = 0;
      for (let i = 0; i < plane; i++) s += out.data[Number(k) * plane + i];
      expect(Math.abs(s - f.sum) / f.sum).toBeLessThan(1e-6);
    }
  });
});
