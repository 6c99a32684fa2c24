import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { NodeInputError } from '../../nodeDefinition';
import { MemoryFileStore } from '../memoryFileStore';

describe('MemoryFileStore', () => {
  it('stores bytes by name with hash and size, and lists them', async () => {
    const s = new MemoryFileStore();
    const bytes = new TextEncoder().encode('# XDI/1.0\n7112 0.1\n');
    const ref = await s.put('fe.xdi', bytes.buffer);
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(ref).toEqual({ name: 'fe.xdi', sha256: sha, size: bytes.length });
    expect(await s.hash({ name: 'fe.xdi' })).toBe(sha);
    expect([...(await s.read({ name: 'fe.xdi' }))]).toEqual([...bytes]);
    expect(s.list()).toEqual([ref]);
  });

  it('names a missing file and what is loaded', async () => {
    const s = new MemoryFileStore();
    await s.put('a.tif', new Uint8Array([1]));
    await expect(s.read({ name: 'b.tif' })).rejects.toThrow(NodeInputError);
    await expect(s.read({ name: 'b.tif' })).rejects.toThrow('file "b.tif" is not loaded; add it to the workflow\'s files (loaded: a.tif)');
  });

  it('refuses a file whose content differs from the hash recorded in the workflow', async () => {
    const s = new MemoryFileStore();
    await s.put('a.tif', new Uint8Array([1]));
    await expect(s.hash({ name: 'a.tif', sha256: 'ab'.repeat(32) })).rejects.toThrow(/content differs from the workflow's record/);
  });
});
