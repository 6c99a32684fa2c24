import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadImageNode } from '../loadImage';
import { defaultParams } from '../../../runtime/params';
import { describeValue } from '../../../runtime/values';
import { encodeTiff } from '../../../ops/export/encodeTiff';
import { FIXTURES } from '../../../ops/image/__tests__/helpers';
import { testContext } from './imageNodeContext';

const defaults = defaultParams(loadImageNode.params);

describe('io.load-image', () => {
  it('one single-page file → image with sha256 provenance', async () => {
    const ctx = testContext();
    const ref = await ctx.store.put('nmc_1.tif', new Uint8Array(readFileSync(join(FIXTURES, 'nmc_1.tif'))));
    const out = await loadImageNode.run({}, { ...defaults, files: [{ name: 'nmc_1.tif' }] }, ctx);
    const v = out.image;
    if (v.kind !== 'image') throw new Error('expected an image');
    expect([v.width, v.height, v.dtype]).toEqual([601, 499, 'f32']);
    expect(v.meta.sources).toEqual([{ name: 'nmc_1.tif', sha256: ref.sha256, size: ref.size }]);
  });

  it('several files sorted naturally → stack with coordinates and unit', async () => {
    const ctx = testContext();
    const names = ['s_10.tif', 's_2.tif', 's_1.tif'];
    for (const n of names) {
      await ctx.store.put(n, encodeTiff(new Uint16Array(6).fill(Number(n.match(/\d+/)![0])), { width: 3, height: 2 }));
    }
    const out = await loadImageNode.run(
      {},
      { ...defaults, files: names.map((name) => ({ name })), frameAxis: 'energy', frameCoords: '7110, 7112.5 7115' },
      ctx,
    );
    const v = out.image;
    if (v.kind !== 'stack') throw new Error('expected a stack');
    expect(v.frames).toBe(3);
    expect([v.data[0], v.data[6], v.data[12]]).toEqual([1, 2, 10]);
    expect(v.meta.sources.map((s) => s.name)).toEqual(['s_1.tif', 's_2.tif', 's_10.tif']);
    expect(v.frameAxis).toEqual({ name: 'energy', unit: 'eV' });
    expect(Array.from(v.frameCoords)).toEqual([7110, 7112.5, 7115]);
  });

  it('a multi-page file → stack with index coordinates', async () => {
    const ctx = testContext();
    await ctx.store.put('st.tif', new Uint8Array(readFileSync(join(FIXTURES, 'tiff_u16_stack.tif'))));
    const out = await loadImageNode.run({}, { ...defaults, files: [{ name: 'st.tif' }], frameAxis: 'time' }, ctx);
    const v = out.image;
    if (v.kind !== 'stack') throw new Error('expected a stack');
    expect([v.frames, v.height, v.width]).toEqual([3, 4, 5]);
    expect(v.frameAxis).toEqual({ name: 'time', unit: '' });
    expect(Array.from(v.frameCoords)).toEqual([0, 1, 2]);
  });

  it('first frame / frame count read only those frames, across files, with their coordinates', async () => {
    const ctx = testContext();
    await ctx.store.put('a_1.tif', new Uint8Array(readFileSync(join(FIXTURES, 'tiff_u16_stack.tif'))));
    await ctx.store.put('a_2.tif', new Uint8Array(readFileSync(join(FIXTURES, 'tiff_u16_stack.tif'))));
    const all = (await loadImageNode.run({}, { ...defaults, files: [{ name: 'a_1.tif' }, { name: 'a_2.tif' }] }, ctx)).image;
    const part = (await loadImageNode.run({}, { ...defaults, files: [{ name: 'a_1.tif' }, { name: 'a_2.tif' }], firstFrame: 2, frameCount: 2 }, ctx)).image;
    if (all.kind !== 'stack' || part.kind !== 'stack') throw new Error('expected stacks');
    expect([all.frames, part.frames]).toEqual([6, 2]);
    expect(Array.from(part.data)).toEqual(Array.from(all.data.subarray(2 * 20, 4 * 20)));
    expect(Array.from(part.frameCoords)).toEqual([2, 3]);
    // the preview says the stack is part of a longer one; a whole read says nothing more
    expect(describeValue(part)).toBe('stack 2×4×5 u16, frames 2–3 of 6');
    expect(describeValue(all)).toBe('stack 6×4×5 u16');
    const one = (await loadImageNode.run({}, { ...defaults, files: [{ name: 'a_1.tif' }], frameCount: 1 }, ctx)).image;
    expect(describeValue(one)).toBe('stack 1×4×5 u16, frame 0 of 3');
    await expect(
      loadImageNode.run({}, { ...defaults, files: [{ name: 'a_1.tif' }], firstFrame: 1, frameCount: 5 }, ctx),
    ).rejects.toThrow('a_1.tif: frameCount must be an integer in 1…2 (from frame 1), got 5');
  });

  it('errors name the file, the parameter and what was expected', async () => {
    const ctx = testContext();
    await ctx.store.put('a.tif', encodeTiff(new Uint8Array(6), { width: 3, height: 2 }));
    await ctx.store.put('b.tif', encodeTiff(new Uint8Array(8), { width: 4, height: 2 }));
    await ctx.store.put('rgb.tif', new Uint8Array(readFileSync(join(FIXTURES, 'tiff_bad_rgb.tif'))));
    const run = (p: Partial<typeof defaults>) => loadImageNode.run({}, { ...defaults, ...p }, ctx);
    await expect(run({ files: [] })).rejects.toThrow('files: expected at least one TIFF file, got none');
    await expect(run({ files: [{ name: 'a.tif' }, { name: 'b.tif' }] })).rejects.toThrow(
      'b.tif: 4×2 u8, but a.tif is 3×2 u8; all files of a stack must have the same size and pixel type',
    );
    await expect(run({ files: [{ name: 'rgb.tif' }] })).rejects.toThrow(/^rgb\.tif: page 0: SamplesPerPixel \(277\) = 3 \(RGB\)/);
    await expect(run({ files: [{ name: 'a.tif' }, { name: 'a.tif' }], frameCoords: '1 2 3' })).rejects.toThrow(
      'frameCoords: 3 values given, expected one per frame (2)',
    );
    await expect(run({ files: [{ name: 'a.tif' }], frameCoords: '1 x' })).rejects.toThrow('frameCoords: item 2 "x" is not a number');
  });
});
