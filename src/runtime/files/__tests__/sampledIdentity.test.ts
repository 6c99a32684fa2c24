// Files over 256 MiB: the sampled identity (against hashlib, scripts/fixtures/sampled_sha256.py),
// equal in the CLI's folder provider and the studio's store holding a Blob; File-backed ranged
// reads are tested with io.load-image in src/nodes/io/__tests__/loadImageBigFile.test.ts.
import { closeSync, fstatSync, readSync, mkdtempSync, openAsBlob, openSync, readFileSync, rmSync, writeFileSync, writeSync, ftruncateSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryFileStore } from '../memoryFileStore';
import { nodeFileProvider } from '../nodeFileProvider';
import { FULL_HASH_MAX_BYTES, sampledRanges, sampledSha256 } from '../sampledSha256';
import { SAMPLED_IDENTITY_NOTE } from '../fileIdentity';

const MiB = 1 << 20;
const fixture = JSON.parse(readFileSync(path.join(__dirname, '../../../../test/fixtures/io/sampled_sha256.json'), 'utf8')) as {
  size: number;
  marks: number[];
  sampledSha256: string;
};
const PATTERN = Uint8Array.from({ length: 64 }, (_, i) => (i * 37 + 11) & 255);

/** The sparse file of the Python fixture: zeros with PATTERN at each mark. */
function writeFixtureFile(file: string, size = fixture.size, marks = fixture.marks): void {
  const fd = openSync(file, 'w');
  try {
    ftruncateSync(fd, size);
    for (const m of marks) writeSync(fd, PATTERN, 0, PATTERN.byteLength, m);
  } finally {
    closeSync(fd);
  }
}

describe('sampled file identity (files over 256 MiB)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'of-sampled-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const big = path.join(dir, 'big.bin');
  writeFixtureFile(big);

  it('reads 18 ranges inside the file, 24 MiB in all, first and last 4 MiB included', () => {
    const r = sampledRanges(fixture.size);
    expect(r).toHaveLength(18);
    expect(r[0]).toEqual([0, 4 * MiB]);
    expect(r[17]).toEqual([fixture.size - 4 * MiB, fixture.size]);
    for (const [a, b] of r) expect(a >= 0 && b <= fixture.size && b > a).toBe(true);
    expect(r.reduce((n, [a, b]) => n + b - a, 0)).toBe(24 * MiB);
    expect(() => sampledRanges(-1)).toThrow(RangeError);
  });

  it('CLI folder provider and studio store (file-backed Blob) both give the hashlib reference', async () => {
    const cli = nodeFileProvider([dir]);
    const cliId = await cli.identity!({ name: 'big.bin' });
    expect(cliId).toMatchObject({ sampledSha256: fixture.sampledSha256, size: fixture.size, identity: SAMPLED_IDENTITY_NOTE });
    expect('sha256' in cliId).toBe(false);
    expect(await cli.hash({ name: 'big.bin' })).toBe(fixture.sampledSha256);

    const store = new MemoryFileStore();
    const ref = await store.put('big.bin', await openAsBlob(big));
    expect(ref).toEqual({ name: 'big.bin', sampledSha256: fixture.sampledSha256, size: fixture.size });
    expect(await store.hash(ref)).toBe(fixture.sampledSha256);
    expect(await store.identity({ name: 'big.bin' })).toMatchObject({ sampledSha256: fixture.sampledSha256, identity: SAMPLED_IDENTITY_NOTE });
  });

  it('changes with a byte in a sampled block or with the size', async () => {
    const read = async (file: string) => {
      const fd = openSync(file, 'r');
      try {
        const size = fstatSync(fd).size;
        return await sampledSha256(size, async (a, b) => {
          const out = new Uint8Array(b - a);
          readSync(fd, out, 0, out.byteLength, a);
          return out;
        });
      } finally {
        closeSync(fd);
      }
    };
    const mid = sampledRanges(fixture.size)[8][0] + 100;
    const other = path.join(dir, 'other.bin');
    writeFixtureFile(other, fixture.size, [...fixture.marks, mid]);
    expect(await read(other)).not.toBe(fixture.sampledSha256);
    writeFixtureFile(other, fixture.size + 1);
    expect(await read(other)).not.toBe(fixture.sampledSha256);
    rmSync(other);
  });

  it('a recorded identity is checked: sampledSha256 must match; a full sha256 on a big file is refused with the fix', async () => {
    const store = new MemoryFileStore();
    await store.put('big.bin', await openAsBlob(big));
    await expect(store.readRange({ name: 'big.bin', sampledSha256: fixture.sampledSha256 }, 0, 4)).resolves.toHaveLength(4);
    await expect(store.hash({ name: 'big.bin', sampledSha256: 'ab'.repeat(32) })).rejects.toThrow(
      /file "big.bin": content differs from the workflow's record \(sampledSha256 abababababab…/,
    );
    await expect(store.hash({ name: 'big.bin', sha256: 'ab'.repeat(32) })).rejects.toThrow(
      new RegExp(`record "sampledSha256": "${fixture.sampledSha256}" instead`),
    );
    const cli = nodeFileProvider([dir]);
    await expect(cli.hash({ name: 'big.bin', sampledSha256: 'cd'.repeat(32) })).rejects.toThrow(/big.bin.*content differs/);
  });

  it('files up to 256 MiB keep the full sha256, in both providers, and refuse a recorded sampled identity', async () => {
    const small = Uint8Array.from({ length: 5000 }, (_, i) => (i * 13) & 255);
    writeFileSync(path.join(dir, 'small.bin'), small);
    const sha = createHash('sha256').update(small).digest('hex');
    const store = new MemoryFileStore();
    // a small Blob is read into memory: reads are views on its bytes
    expect(await store.put('small.bin', new Blob([small]))).toEqual({ name: 'small.bin', sha256: sha, size: 5000 });
    expect(await store.identity({ name: 'small.bin' })).toEqual({ sha256: sha, size: 5000 });
    expect(await nodeFileProvider([dir]).identity!({ name: 'small.bin' })).toEqual({ sha256: sha, size: 5000 });
    await expect(store.hash({ name: 'small.bin', sampledSha256: sha })).rejects.toThrow(/records a sampled identity.*5000 bytes/);
    expect(FULL_HASH_MAX_BYTES).toBe(256 * MiB);
  });
});
