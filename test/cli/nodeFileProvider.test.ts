import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFileProvider } from '../../src/runtime/files/nodeFileProvider';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

function dirs() {
  const base = mkdtempSync(join(tmpdir(), 'ofp-'));
  const a = join(base, 'a');
  const b = join(base, 'b');
  mkdirSync(join(b, 'sub'), { recursive: true });
  mkdirSync(a);
  writeFileSync(join(a, 'both.txt'), 'from a');
  writeFileSync(join(b, 'both.txt'), 'from b');
  writeFileSync(join(b, 'sub', 'only-b.txt'), 'only b');
  return { a, b };
}

describe('nodeFileProvider', () => {
  it('resolves names in folder order, including sub-folders', async () => {
    const { a, b } = dirs();
    const p = nodeFileProvider([a, b]);
    expect(new TextDecoder().decode(await p.read({ name: 'both.txt' }))).toBe('from a');
    expect(new TextDecoder().decode(await p.read({ name: 'sub/only-b.txt' }))).toBe('only b');
    expect(await p.locate({ name: 'sub/only-b.txt' })).toBe(join(b, 'sub', 'only-b.txt'));
    const p2 = nodeFileProvider([b, a]);
    expect(new TextDecoder().decode(await p2.read({ name: 'both.txt' }))).toBe('from b');
  });

  it('hashes with sha256 and notices a changed file', async () => {
    const { a } = dirs();
    const p = nodeFileProvider([a]);
    expect(await p.hash({ name: 'both.txt' })).toBe(sha('from a'));
    writeFileSync(join(a, 'both.txt'), 'changed!');
    // Force a different mtime even on coarse-timestamp file systems.
    utimesSync(join(a, 'both.txt'), new Date(), new Date(Date.now() + 5000));
    expect(await p.hash({ name: 'both.txt' })).toBe(sha('changed!'));
  });

  it('names the file and every folder searched when it is missing', async () => {
    const { a, b } = dirs();
    const p = nodeFileProvider([a, b]);
    await expect(p.read({ name: 'nope.xdi' })).rejects.toThrow(/file "nope\.xdi" not found.*looked in: .*\/a, .*\/b/);
  });

  it('refuses a file whose content differs from the hash recorded in the workflow', async () => {
    const { a } = dirs();
    const p = nodeFileProvider([a]);
    await expect(p.read({ name: 'both.txt', sha256: sha('something else') })).rejects.toThrow(/both\.txt.*content differs/);
    await expect(p.read({ name: 'both.txt', sha256: sha('from a') })).resolves.toBeInstanceOf(Uint8Array);
  });

  it('rejects a reference without a name', async () => {
    const p = nodeFileProvider(['.']);
    await expect(p.read({ name: '' })).rejects.toThrow(/expected \{"name"/);
  });
});
