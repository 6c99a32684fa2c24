// `run --batch <folder> [--shard i/n]`: one run per input file; two shard processes running at
// the same time cover every input exactly once and give the same files as one process.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/errors';
import { parseShard, shardItems } from '../../src/cli/shard';
import { encodeTiff } from '../../src/ops/export/encodeTiff';
import { readTiff } from '../../src/ops/io/tiff/readTiff';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'operando-flow.mjs');
const CT = join(ROOT, 'public', 'examples', 'ct-segmentation.json');

function cli(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd: ROOT });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('close', (code) => done({ code, out, err }));
  });
}

/** Every file under `dir`, relative path → bytes. */
function tree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else files.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return files;
}

describe('parseShard / shardItems', () => {
  it('reads i/n and refuses what is not 0 ≤ i < n', () => {
    expect(parseShard('1/4')).toEqual({ index: 1, count: 4 });
    for (const bad of ['4/4', '1/0', '-1/2', 'a/b', '1', '1/2/3']) expect(() => parseShard(bad)).toThrow(CliError);
    expect(() => parseShard('4/4')).toThrow(/0 ≤ i < n/);
  });

  it('deals every item to exactly one shard, with counts differing by at most one', () => {
    for (const total of [0, 1, 5, 17]) {
      const items = Array.from({ length: total }, (_, k) => k);
      for (const count of [1, 2, 3, 8, 20]) {
        const shards = Array.from({ length: count }, (_, index) => shardItems(items, { index, count }));
        expect(shards.flat().sort((a, b) => a - b)).toEqual(items);
        const sizes = shards.map((s) => s.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('run --batch over a folder of real nano-CT slices', () => {
  // Five inputs: the real slice 100 and four crops of it (different sizes, so every output differs).
  const inputs = mkdtempSync(join(tmpdir(), 'of-batch-in-'));
  const slice = readTiff(new Uint8Array(readFileSync(join(ROOT, 'public/examples/data/segmentpy-nmc/100.tif'))), '100.tif');
  writeFileSync(join(inputs, 'slice_100.tif'), readFileSync(join(ROOT, 'public/examples/data/segmentpy-nmc/100.tif')));
  for (const [k, size] of [96, 128, 160, 200].entries()) {
    const crop = new Float32Array(size * size);
    for (let y = 0; y < size; y++) crop.set((slice.data as Float32Array).subarray((y + 20 * k) * slice.width + 30 * k, (y + 20 * k) * slice.width + 30 * k + size), y * size);
    writeFileSync(join(inputs, `slice_${k + 1}.tif`), encodeTiff(crop, { width: size, height: size }));
  }
  writeFileSync(join(inputs, 'notes.txt'), 'not an input: wrong extension');
  const names = ['slice_1', 'slice_2', 'slice_3', 'slice_4', 'slice_100'];

  const whole = mkdtempSync(join(tmpdir(), 'of-batch-whole-'));
  const sharded = mkdtempSync(join(tmpdir(), 'of-batch-shards-'));
  mkdirSync(sharded, { recursive: true });
  const runs = Promise.all([
    cli('run', CT, '--batch', inputs, '--out', whole, '-q'),
    cli('run', CT, '--batch', inputs, '--shard', '0/2', '--out', sharded, '-q'),
    cli('run', CT, '--batch', inputs, '--shard', '1/2', '--out', sharded, '-q'),
  ]);

  it('runs every input once per process set, in parallel shard processes, exit 0', async () => {
    const [one, s0, s1] = await runs;
    for (const r of [one, s0, s1]) expect(r.code, r.err).toBe(0);
    const manifest = (dir: string, name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as { totalFiles: number; results: { file: string; ok: boolean }[] };
    const m0 = manifest(sharded, 'batch-0-of-2.json');
    const m1 = manifest(sharded, 'batch-1-of-2.json');
    const all = manifest(whole, 'batch.json');
    expect(all.results.map((r) => r.file)).toEqual(['slice_1.tif', 'slice_2.tif', 'slice_3.tif', 'slice_4.tif', 'slice_100.tif']);
    const covered = [...m0.results, ...m1.results].map((r) => r.file).sort();
    expect(covered).toEqual([...all.results.map((r) => r.file)].sort());
    expect(new Set(covered).size).toBe(5);
    expect(m0.totalFiles).toBe(5);
    expect([...m0.results, ...m1.results, ...all.results].every((r) => r.ok)).toBe(true);
  }, 120_000);

  it('writes the same result files, byte for byte, as one process (provenance aside)', async () => {
    await runs;
    const a = tree(whole);
    const b = tree(sharded);
    const results = (t: Map<string, Buffer>) => [...t.keys()].filter((k) => !k.startsWith('batch') && !k.endsWith('provenance.json')).sort();
    expect(results(a)).toEqual(results(b));
    expect(results(a).length).toBeGreaterThanOrEqual(5 * 3);
    for (const n of names) expect(results(a)).toContain(join(n, 'workflow.json'));
    for (const k of results(a)) expect(b.get(k)?.equals(a.get(k)!), k).toBe(true);
    // Provenance names the batch file that each result came from.
    for (const n of names) {
      const prov = JSON.parse(a.get(join(n, 'provenance.json'))!.toString()) as { outputs: { sources: { name: string }[] }[] };
      expect(prov.outputs.flatMap((o) => o.sources.map((s) => s.name))).toContain(`${n}.tif`);
    }
  }, 120_000);

  it('refuses --shard without --batch, and a bad shard, naming the option', async () => {
    const r1 = await cli('run', CT, '--shard', '0/2');
    expect(r1.code).toBe(2);
    expect(r1.err).toMatch(/--shard and --input go with --batch/);
    const r2 = await cli('run', CT, '--batch', inputs, '--shard', '2/2');
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/--shard 2\/2: expected 0 ≤ i < n/);
  }, 60_000);
});
