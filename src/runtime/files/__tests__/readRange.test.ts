// Ranged reads of the file providers (used by the lazy loaders: raw, HDF5): views without copies in
// the memory store, positioned reads in the folder provider; ends beyond the file are clipped.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryFileStore } from '../memoryFileStore';
import { nodeFileProvider } from '../nodeFileProvider';

const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7) & 255);

describe('FileProvider.readRange / size', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'of-range-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('MemoryFileStore: a view of the stored bytes, clipped to the file', async () => {
    const s = new MemoryFileStore();
    const ref = await s.put('a.bin', bytes);
    const part = await s.readRange(ref, 100, 110);
    expect(Array.from(part)).toEqual(Array.from(bytes.subarray(100, 110)));
    expect(part.buffer).toBe(bytes.buffer);
    expect((await s.readRange(ref, 990, 2000)).byteLength).toBe(10);
    expect(await s.size(ref)).toBe(1000);
    await expect(s.readRange({ name: 'b.bin' }, 0, 1)).rejects.toThrow('file "b.bin" is not loaded');
  });

  it('nodeFileProvider: positioned reads, size, and a streamed hash equal to sha256 of the bytes', async () => {
    writeFileSync(path.join(dir, 'a.bin'), bytes);
    const p = nodeFileProvider([dir]);
    expect(Array.from(await p.readRange!({ name: 'a.bin' }, 500, 504))).toEqual(Array.from(bytes.subarray(500, 504)));
    expect((await p.readRange!({ name: 'a.bin' }, 995, 5000)).byteLength).toBe(5);
    expect((await p.readRange!({ name: 'a.bin' }, 2000, 3000)).byteLength).toBe(0);
    expect(await p.size!({ name: 'a.bin' })).toBe(1000);
    expect(await p.hash({ name: 'a.bin' })).toBe(createHash('sha256').update(bytes).digest('hex'));
    await expect(p.readRange!({ name: 'missing.bin' }, 0, 1)).rejects.toThrow(/file "missing.bin" not found/);
  });
});
