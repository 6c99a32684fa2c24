// A 20 GB stack in the studio: a sparse BigTIFF (2400 frames of 2048×2048 u16, only frame 0
// written) given to the file input with setInputFiles — playwright-core passes a local path to a
// locally launched Chromium (DOM.setFileInputFiles), it does not read the file — goes to the
// engine worker as a File handle and is read there with File.slice: shape, type and frame 0 show
// within seconds, and no browser process grows by the file's size. After a reload the file is
// listed as one to add again (only its name, size and date were stored).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shot, useStudio } from './harness';
import { writeSparseBigTiff } from '../../src/ops/io/tiff/__tests__/syntheticTiff';

const studio = useStudio();
const { node } = studio;
const dir = mkdtempSync(join(tmpdir(), 'bigfile-e2e-'));
const W = 2048;
const H = 2048;
const FRAMES = 2400;
const first = Uint16Array.from({ length: W * H }, (_, i) => ((i % W) * 16 + Math.floor(i / W) * 8) & 0xffff);
const stackPath = join(dir, 'stack20g.tif');
let stackSize = 0;

beforeAll(() => {
  stackSize = writeSparseBigTiff(stackPath, W, H, FRAMES, first);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Largest resident set (MiB) among the Chromium processes now running. */
function maxChromiumRssMiB(): number {
  const out = execFileSync('ps', ['-C', 'chromium', '-o', 'rss='], { encoding: 'utf8' });
  return Math.max(0, ...out.split('\n').filter(Boolean).map((l) => Number(l) / 1024));
}

const workflow = {
  format: 'operando-flow.workflow',
  version: 2,
  meta: { title: '20 GB stack (e2e)', description: 'frame 0 of a sparse 20 GB BigTIFF', created: '2026-12-02T12:00:00Z', app: 'operando-flow 0.1.0' },
  nodes: [
    { id: 'stack', type: 'io.load-image', typeVersion: 1, label: '20 GB stack', position: { x: 0, y: 0 }, params: { files: [{ name: 'stack20g.tif' }], frameCount: 1 } },
  ],
  edges: [],
};

describe('a 20 GB stack in the studio', () => {
  it('opens by File.slice in the worker: shape, type and frame 0 in seconds, without reading the file', async () => {
    expect(stackSize).toBeGreaterThan(20e9);
    const { page } = studio;
    await studio.gotoEmptyCanvas();
    await studio.openWorkflow(workflow, 'big.json');
    await node('stack').click();

    const t0 = Date.now();
    await studio.addFiles('stack', stackPath, { timeout: 20_000 });
    const added = Date.now() - t0;
    await page.getByTestId('run-all').click();
    await studio.waitDone(['stack'], { timeout: 20_000 });
    await expect.poll(() => studio.inspector.textContent(), { timeout: 10_000 }).toMatch(/stack 1×2048×2048 u16, frame 0 of 2400/);
    const img = page.getByTestId('preview-image');
    await img.waitFor({ state: 'visible', timeout: 10_000 });
    // frame 0 is a ramp in x and y: the preview must show many gray levels, not a blank frame
    await expect
      .poll(() =>
        img.evaluate((c: HTMLCanvasElement) => {
          const d = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
          const levels = new Set<number>();
          if (d) for (let i = 0; i < d.length; i += 4) levels.add(d[i]);
          return levels.size;
        }),
        { timeout: 10_000 },
      )
      .toBeGreaterThan(50);
    const shown = Date.now() - t0;
    const rss = maxChromiumRssMiB();
    console.log(`20 GB stack (${(stackSize / 1e9).toFixed(1)} GB): added in ${added} ms, frame 0 shown ${shown} ms after setInputFiles; largest Chromium RSS ${rss.toFixed(0)} MiB`);
    // Chromium serves each File.slice read in ~5 ms, one at a time: the uniform series is predicted from
    // 3 IFDs and verified with 2 more, not walked IFD by IFD; reading the file whole would take minutes.
    expect(shown).toBeLessThan(20_000);
    expect(rss).toBeLessThan(3 * 1024);
    await shot(page, '30-bigfile-20gb-stack');
  });

  it('after a reload, asks for the big file again (only its name, size and date were stored)', async () => {
    const { page, inspector } = studio;
    await page.goto(studio.url);
    await node('stack').waitFor({ timeout: 30_000 });
    const notice = page.getByTestId('notice');
    await expect.poll(() => notice.textContent(), { timeout: 20_000 }).toMatch(/stack20g\.tif \(18\.\d\d GiB\).*add them again/);
    await node('stack').click();
    await expect.poll(() => inspector.getByTestId('param-files').locator('option.missing').count(), { timeout: 10_000 }).toBe(1);
    await shot(page, '31-bigfile-readd');
  });

  it('logged no errors in the page', () => {
    expect(studio.errors).toEqual([]);
  });
});
