// io.load-raw: numpy-written fixtures (scripts/fixtures/io_raw.py), clear refusals, and a 4 GiB
// sparse file read through the CLI's file provider, counting the bytes asked for.
import { closeSync, ftruncateSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRawNode } from '../loadRaw';
import { defaultParams } from '../../../runtime/params';
import type { FileProvider } from '../../../runtime/nodeDefinition';
import { nodeFileProvider } from '../../../runtime/files/nodeFileProvider';
import type { ImageValue, StackValue } from '../../../runtime/values';
import { testContext } from './imageNodeContext';

const FIX = path.resolve(__dirname, '../../../../test/fixtures/io');
const ref = JSON.parse(readFileSync(path.join(FIX, 'raw.json'), 'utf8'));
const [F, H, W] = ref.shape as number[];
const defaults = defaultParams(loadRawNode.params);

describe('io.load-raw', () => {
  it('reads a big-endian int16 volume as numpy does, a frame range, and one frame as an image', async () => {
    const c = ref.cases.find((x: { file: string }) => x.file === 'raw_i2_be.bin');
    const ctx = testContext();
    const f = await ctx.store.put(c.file, new Uint8Array(readFileSync(path.join(FIX, c.file))));
    const p = { ...defaults, files: [f], width: W, height: H, frames: F, dtype: 'i16', endianness: 'big', headerBytes: 16 };
    const st = (await loadRawNode.run({}, p, ctx)).image as StackValue;
    expect([st.kind, st.frames, st.height, st.width, st.dtype, st.frameAxis.name]).toEqual(['stack', F, H, W, 'f32', 'z']);
    expect(Array.from(st.data)).toEqual(c.values);
    expect(st.meta.sources[0]).toMatchObject({ name: c.file, size: 16 + F * H * W * 2 });
    expect(ctx.progressCalls.filter((x) => x > 0)).toEqual([1 / 3, 2 / 3, 1]);
    const two = (await loadRawNode.run({}, { ...p, firstFrame: 1, frameCount: 2, frameAxis: 'time' }, ctx)).image as StackValue;
    expect([two.frames, Array.from(two.frameCoords), two.frameAxis.name]).toEqual([2, [1, 2], 'time']);
    const one = (await loadRawNode.run({}, { ...p, firstFrame: 2, frameCount: 1 }, ctx)).image as StackValue;
    expect([one.kind, one.frames, Array.from(one.data)]).toEqual(['stack', 1, c.values.slice(2 * H * W)]);
    const img = (await loadRawNode.run({}, { ...p, frames: 1, headerBytes: 16 + 2 * H * W * 2 }, ctx)).image as ImageValue;
    expect([img.kind, Array.from(img.data)]).toEqual(['image', c.values.slice(2 * H * W)]);
  });

  it('refuses sizes that disagree with the file (naming params and file size), warns about trailing bytes', async () => {
    const ctx = testContext();
    const f = await ctx.store.put('scan.raw', new Uint8Array(1000));
    await expect(loadRawNode.run({}, { ...defaults, files: [f], width: 20, height: 10, frames: 3 }, ctx)).rejects.toThrow(
      'scan.raw: width 20 × height 10 × frames 3 × 2 bytes (u16) = 1200 bytes, but the file has 1000 bytes',
    );
    await loadRawNode.run({}, { ...defaults, files: [f], width: 10, height: 10, frames: 4 }, ctx);
    expect(ctx.warnings).toEqual(['scan.raw: 200 bytes after the last frame were ignored (check the sizes if unexpected)']);
    await expect(loadRawNode.run({}, defaults, ctx)).rejects.toThrow('files: expected one raw file, got none');
  });
});

describe('io.load-raw on a 4 GiB sparse file (lazy)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'of-raw-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads one frame of a 4 GiB volume: only that frame is read from the file', async () => {
    const w = 2048;
    const h = 2048;
    const frameBytes = w * h * 2;
    const frames = (4 * 1024 ** 3) / frameBytes; // 512 frames of 8 MiB
    const file = path.join(dir, 'big.raw');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, frames * frameBytes);
    const row = new Uint8Array(w * 2);
    const dv = new DataView(row.buffer);
    for (let x = 0; x < w; x++) dv.setUint16(2 * x, (x * 7) & 0xffff, true);
    writeSync(fd, row, 0, row.byteLength, 300 * frameBytes + 5 * w * 2); // row 5 of frame 300
    closeSync(fd);

    const inner = nodeFileProvider([dir]);
    const asked = { bytes: 0, reads: 0, whole: 0 };
    const counting: FileProvider = {
      read: async (ref) => {
        asked.whole++;
        return inner.read(ref);
      },
      hash: async () => 'sha256-not-computed-in-this-test',
      readRange: async (ref, s, e) => {
        const b = await inner.readRange!(ref, s, e);
        asked.bytes += b.byteLength;
        asked.reads++;
        return b;
      },
      size: (ref) => inner.size!(ref),
    };
    const ctx = { ...testContext(), files: counting };
    const p = { ...defaults, files: [{ name: 'big.raw' }], width: w, height: h, frames, firstFrame: 300, frameCount: 1 };
    const img = (await loadRawNode.run({}, p, ctx)).image as StackValue;
    expect([img.kind, img.frames, img.width, img.height, img.dtype, img.frameCoords[0]]).toEqual(['stack', 1, w, h, 'u16', 300]);
    expect(img.data[5 * w + 100]).toBe(700);
    expect(img.data[4 * w + 100]).toBe(0);
    expect(asked).toEqual({ bytes: frameBytes, reads: 1, whole: 0 });
    expect(img.meta.sources[0].size).toBe(4 * 1024 ** 3);

    // the sizes are checked before anything is read: 513 frames do not fit this file
    asked.reads = 0;
    await expect(loadRawNode.run({}, { ...p, frames: frames + 1 }, ctx)).rejects.toThrow(/frames 513 × 2 bytes \(u16\) = 4303355904 bytes, but the file has 4294967296 bytes/);
    expect(asked.reads).toBe(0);
  });
});
