// Drop and inspect agree: for every fixture and (when present) every file of ../shared/data, the
// loader node the studio creates for a dropped file (fileRouting.loaderForFile on the name and the
// first 4 KiB) is the node `operando-flow inspect` reports — both come from detectFileFormat.
import { existsSync, openSync, readSync, closeSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectFile } from '../../src/cli/inspectCommand';
import { loaderForFile, HEAD_BYTES } from '../../src/editor/fileRouting';
import { detectFileFormat } from '../../src/ops/io/detectFileFormat';

const ROOT = resolve(import.meta.dirname, '..', '..');
const FIX = join(ROOT, 'test', 'fixtures');
const SHARED = resolve(ROOT, '..', 'shared', 'data');
const hasShared = existsSync(SHARED);
if (!hasShared) console.warn(`SKIPPED: drop/inspect agreement on ${SHARED} — not found`);

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

function head(file: string): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const b = new Uint8Array(HEAD_BYTES);
    return b.subarray(0, readSync(fd, b, 0, HEAD_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}

/** Inspect's loader row for a format (a Pilatus TIFF is summarised by the tiff row). */
const row = (format: string) => (format === 'pilatus-tiff' ? 'tiff' : format);

async function checkAll(files: string[]) {
  const mismatches: string[] = [];
  const counts = { opened: 0, refused: 0, noLoader: 0 };
  for (const f of files) {
    const h = head(f);
    const d = detectFileFormat(f, h);
    const dropped = loaderForFile(basename(f), h);
    const e = await inspectFile(f);
    if (!d) {
      counts.noLoader++;
      if (dropped !== null || e.ok || e.loader !== null) mismatches.push(`${f}: no format, but drop → ${dropped}, inspect → ${e.ok ? e.node : e.loader}`);
      continue;
    }
    if (dropped !== d.node) mismatches.push(`${f}: drop → ${dropped}, detector → ${d.node}`);
    if (e.ok) {
      counts.opened++;
      if (e.node !== d.node) mismatches.push(`${f}: inspect reports node ${e.node}, drop creates ${d.node}`);
    } else {
      counts.refused++;
      if (e.loader !== row(d.format)) mismatches.push(`${f}: refused by loader ${e.loader}, detector says ${d.format}`);
    }
  }
  return { mismatches, counts };
}

describe('drop routing and inspect agree', () => {
  it('on every fixture', async () => {
    const { mismatches, counts } = await checkAll(walk(FIX));
    expect(mismatches).toEqual([]);
    expect(counts.opened).toBeGreaterThan(40);
  }, 120_000);

  it.skipIf(!hasShared)('on every file of ../shared/data', async () => {
    const { mismatches, counts } = await checkAll(walk(SHARED));
    expect(mismatches).toEqual([]);
    expect(counts.opened).toBeGreaterThanOrEqual(280);
  }, 120_000);
});
