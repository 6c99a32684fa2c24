// A big File kept as a Blob in the studio's store (Node's openAsBlob is file-backed like a browser
// File): ranged reads by Blob.slice, io.load-image opening it lazily, and the provenance form —
// sampledSha256 with a note that it is sampled, never a "sha256" field.
import { mkdtempSync, openAsBlob, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryFileStore } from '../../../runtime/files/memoryFileStore';
import { nodeFileProvider } from '../../../runtime/files/nodeFileProvider';
import { SAMPLED_IDENTITY_NOTE } from '../../../runtime/files/fileIdentity';
import { resolveParams } from '../../../runtime/executor/nodeKey';
import { defaultParams } from '../../../runtime/params';
import type { WorkflowNode } from '../../../runtime/workflow/types';
import type { AnyNodeDefinition, RunContext } from '../../../runtime/nodeDefinition';
import { writeSparseBigTiff } from '../../../ops/io/tiff/__tests__/syntheticTiff';
import { loadImageNode } from '../loadImage';

describe('a big File kept as a Blob in the studio store', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'of-blobstack-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // 40 frames of 2048×2048 u16: a 336 MB sparse BigTIFF, only frame 0 written.
  const W = 2048;
  const H = 2048;
  const first = Uint16Array.from({ length: W * H }, (_, i) => (i * 37) & 0xffff);
  const file = path.join(dir, 'stack.tif');
  const size = writeSparseBigTiff(file, W, H, 40, first);

  it('readRange reads by File.slice: the same bytes as a positioned read, clipped at the end', async () => {
    const store = new MemoryFileStore();
    const ref = await store.put('stack.tif', await openAsBlob(file));
    const cli = nodeFileProvider([dir]);
    expect(await store.size(ref)).toBe(size);
    for (const [a, b] of [[0, 16], [16, 400], [size - 100, size + 50], [12345678, 12345978]] as const)
      expect(await store.readRange(ref, a, b)).toEqual(await cli.readRange!({ name: 'stack.tif' }, a, b));
    expect(await store.readRange(ref, size + 10, size + 20)).toHaveLength(0);
  });

  it('io.load-image opens it lazily; sources and param provenance carry the sampled identity', async () => {
    const store = new MemoryFileStore();
    const ref = await store.put('stack.tif', await openAsBlob(file));
    const ctx: RunContext = {
      nodeId: 'load',
      signal: new AbortController().signal,
      files: store,
      async progress() {},
      warn() {},
      emit() {},
    };
    const params = { ...defaultParams(loadImageNode.params), files: [{ name: 'stack.tif' }], frameCount: 1 };
    const out = await loadImageNode.run({}, params as never, ctx);
    const v = (out as Record<string, { kind: string; data?: Uint16Array; meta: { sources: unknown[] } }>)[Object.keys(out)[0]];
    expect(v.data?.subarray(0, 5)).toEqual(first.subarray(0, 5));
    expect(v.meta.sources).toEqual([
      { name: 'stack.tif', sampledSha256: ref.sampledSha256, size, identity: SAMPLED_IDENTITY_NOTE },
    ]);

    const node: WorkflowNode = { id: 'load', type: loadImageNode.type, typeVersion: loadImageNode.version, position: { x: 0, y: 0 }, params };
    const resolved = await resolveParams(node, loadImageNode as unknown as AnyNodeDefinition, store);
    expect(resolved.fileHashes.files).toEqual([ref.sampledSha256]);
    expect(resolved.provenance.files).toEqual([{ name: 'stack.tif', sampledSha256: ref.sampledSha256, size, identity: SAMPLED_IDENTITY_NOTE }]);
  });
});
