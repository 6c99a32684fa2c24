// `operando-flow inspect` on a sparse BigTIFF whose header declares a 20 GB stack: shape and dtype
// from the header and IFDs, in seconds, without reading the pixels.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectFile } from '../../src/cli/inspectCommand';
import { writeSparseBigTiff } from '../../src/ops/io/tiff/__tests__/syntheticTiff';

describe('inspect: a 20 GB BigTIFF stack', () => {
  const dir = mkdtempSync(join(tmpdir(), 'of-inspect-bigtiff-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints shape, dtype and loader from the header alone', async () => {
    const file = join(dir, 'series.tif');
    const size = writeSparseBigTiff(file, 2048, 2048, 2400, new Uint16Array(2048 * 2048));
    expect(size).toBeGreaterThan(20e9);
    const t0 = performance.now();
    const e = await inspectFile(file);
    const ms = performance.now() - t0;
    if (!e.ok) throw new Error(e.refused);
    expect([e.loader, e.node, e.kind, e.dtype, e.shape, e.meta.format]).toEqual(['tiff', 'io.load-image', 'stack', 'u16', [2400, 2048, 2048], 'bigtiff']);
    expect(ms).toBeLessThan(15000);
    console.log(`inspect of a ${(size / 1e9).toFixed(1)} GB sparse BigTIFF: ${ms.toFixed(0)} ms`);
  }, 60000);
});
