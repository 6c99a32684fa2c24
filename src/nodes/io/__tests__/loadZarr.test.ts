// io.load-zarr through the CLI's folder file provider on the fixtures of scripts/fixtures/io_zarr.py.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadZarrNode } from '../loadZarr';
import { defaultParams } from '../../../runtime/params';
import { nodeFileProvider } from '../../../runtime/files/nodeFileProvider';
import type { FileProvider } from '../../../runtime/nodeDefinition';
import type { StackValue } from '../../../runtime/values';
import { testContext } from './imageNodeContext';

const FIX = path.resolve(__dirname, '../../../../test/fixtures/io');
const ref = JSON.parse(readFileSync(path.join(FIX, 'zarr.json'), 'utf8'));
const defaults = defaultParams(loadZarrNode.params);

function ctxWithFolder() {
  const inner = nodeFileProvider([FIX]);
  const names: string[] = [];
  const files: FileProvider = {
    read: (r) => {
      names.push(r.name);
      return inner.read(r);
    },
    hash: (r) => inner.hash(r),
  };
  return { ctx: { ...testContext(), files }, names };
}

describe('io.load-zarr', () => {
  it('v2: metadata named, chunks found next to it; frame range reads only its chunks; attrs kept', async () => {
    const { ctx, names } = ctxWithFolder();
    const out = (await loadZarrNode.run({}, { ...defaults, files: [{ name: 'zarr/vol_v2.zarr/.zarray' }], firstFrame: 3, frameCount: 1 }, ctx)).image as StackValue;
    expect([out.kind, out.frames, out.height, out.width, out.dtype, out.frameCoords[0]]).toEqual(['stack', 1, 20, 24, 'u16', 3]);
    expect(Array.from(out.data)).toEqual(ref.v2.frame3);
    expect(out.meta.attrs).toMatchObject({ format: 'zarr v2', zarrDType: 'uint16', chunks: '2×8×10', 'zarr.description': 'synthetic test volume', 'zarr.pixel_size_um': 0.65 });
    expect(names.filter((n) => /\d$/.test(n)).length).toBe(9);
    expect(ctx.progressCalls.at(-1)).toBe(1);
    // the chunk zarr-python did not write (all fill value) is named, not hidden
    expect(ctx.warnings).toEqual([
      'zarr/vol_v2.zarr: 1 chunk file not found, read as the fill value 7 (zarr/vol_v2.zarr/1.1.1); add them to the files if they exist',
    ]);
  });

  it('v3: the whole volume as float32', async () => {
    const { ctx } = ctxWithFolder();
    const out = (await loadZarrNode.run({}, { ...defaults, files: [{ name: 'zarr/vol_v3.zarr/zarr.json' }], frameAxis: 'time' }, ctx)).image as StackValue;
    expect([out.frames, out.height, out.width, out.dtype, out.frameAxis.name]).toEqual([5, 16, 20, 'f32', 'time']);
    expect(Array.from(out.data.subarray(1 * 320, 2 * 320))).toEqual(ref.v3.frame1.map(Math.fround));
    expect(out.meta.attrs.format).toBe('zarr v3');
  });

  it('refuses a store without metadata file and an array path that is not there', async () => {
    const { ctx } = ctxWithFolder();
    await expect(loadZarrNode.run({}, { ...defaults, files: [{ name: 'zarr/vol_v2.zarr/0.0.0' }] }, ctx)).rejects.toThrow(
      'files: expected the Zarr metadata file (.zarray, zarr.json or .zgroup), got zarr/vol_v2.zarr/0.0.0',
    );
    await expect(loadZarrNode.run({}, { ...defaults, files: [{ name: 'zarr/vol_v2.zarr/.zarray' }], array: 'level0' }, ctx)).rejects.toThrow(
      /"level0" in zarr\/vol_v2\.zarr: no Zarr array or group found/,
    );
  });
});
