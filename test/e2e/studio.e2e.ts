// The studio in a real browser (Debian Chromium via playwright-core) against the production build:
// example → run → preview; build a graph from the palette; save, reload (autosave), open; a wrong
// connection refused. Screenshots land in test/e2e/artifacts/.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shot, useStudio } from './harness';

const studio = useStudio();
const { node, nodeIds, canvasNodes: nodes, edges, handle, connect, waitDone, waitFilesLoaded, expectPlot } = studio;

describe('studio', () => {
  it('opens with an example on the canvas, runs it and shows the plot preview', async () => {
    const { page } = studio;
    await page.goto(studio.url);
    await node('operando').waitFor({ timeout: 30_000 });
    // vite preview sends COOP/COEP (vite.config.ts), so SharedArrayBuffers are available.
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(await nodeIds()).toEqual(['export', 'foil', 'normalize', 'operando', 'plot-foil', 'plot-series', 'smooth']);
    await expect.poll(() => edges().count()).toBe(5);
    await waitFilesLoaded(['operando', 'foil']);
    await page.getByTestId('run-all').click();
    await waitDone(['operando', 'smooth', 'plot-series', 'export', 'foil', 'normalize', 'plot-foil']);
    await node('plot-series').click();
    await expectPlot();
    await expect.poll(() => page.getByTestId('preview-panel').textContent()).toMatch(/1\/29/);
    await shot(page, '01-example-run');
  });

  it('builds a branch from the palette: drag two nodes, connect, set a parameter, run, preview', async () => {
    const { page } = studio;
    const before = await nodeIds();
    const pane = page.locator('.react-flow__pane');
    const box = (await pane.boundingBox())!;
    // The example occupies the upper middle of the view; drop into the empty lower part.
    await page.getByTestId('palette-search').fill('smooth');
    await page.getByTestId('palette-item-clean.smooth').dragTo(pane, { targetPosition: { x: box.width * 0.3, y: box.height * 0.86 } });
    await page.getByTestId('palette-search').fill('plot');
    await page.getByTestId('palette-item-view.plot').dragTo(pane, { targetPosition: { x: box.width * 0.62, y: box.height * 0.86 } });
    await page.getByTestId('palette-search').fill('');
    await expect.poll(() => nodes().count()).toBe(before.length + 2);
    const added = (await nodeIds()).filter((id) => !before.includes(id));
    const smoothId = (await Promise.all(added.map(async (id) => [id, await node(id).getAttribute('data-type')] as const))).find(
      ([, t]) => t === 'clean.smooth',
    )![0];
    const plotId = added.find((id) => id !== smoothId)!;
    expect(await node(plotId).getAttribute('data-type')).toBe('view.plot');

    const edgesBefore = await edges().count();
    await connect(handle(node('operando'), 'source', 'spectra'), handle(node(smoothId), 'target', 'spectra'));
    await connect(handle(node(smoothId), 'source', 'spectra'), handle(node(plotId), 'target', 'data'));
    await expect.poll(() => edges().count()).toBe(edgesBefore + 2);

    await node(smoothId).click();
    const field = page.getByTestId('inspector').getByTestId('param-window');
    await field.fill('21');
    await field.blur();
    await page.getByTestId('run-all').click();
    await waitDone([smoothId, plotId]);
    // The unchanged example nodes come from the cache; only the new branch ran.
    expect(await node('normalize').getAttribute('data-status')).toBe('cached');
    await node(plotId).click();
    await expectPlot();
    await shot(page, '02-palette-branch');
  });

  let savedPath = '';
  let savedIds: string[] = [];

  it('saves the workflow as a download, restores it on reload (autosave) and opens it from a file', async () => {
    const { page } = studio;
    savedIds = await nodeIds();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('menu-save').click()]);
    savedPath = join(mkdtempSync(join(tmpdir(), 'of-e2e-')), download.suggestedFilename());
    await download.saveAs(savedPath);
    const saved = JSON.parse(readFileSync(savedPath, 'utf8'));
    expect(saved.format).toBe('operando-flow.workflow');
    expect(saved.nodes.map((n: { id: string }) => n.id).sort()).toEqual(savedIds);
    const smooth = saved.nodes.find((n: { type: string; id: string }) => n.type === 'clean.smooth' && n.id !== 'smooth');
    expect(smooth.params.window).toBe(21);

    // Autosave is debounced: give it a moment, then reload.
    await page.waitForTimeout(1200);
    await page.reload();
    await node('operando').waitFor({ timeout: 30_000 });
    expect(await nodeIds()).toEqual(savedIds);
    await expect.poll(() => edges().count()).toBe(saved.edges.length);
    await shot(page, '03-after-reload');

    await page.getByTestId('menu-new').click();
    await expect.poll(() => nodes().count()).toBe(0);
    await page.getByTestId('open-file-input').setInputFiles(savedPath);
    await expect.poll(() => nodeIds()).toEqual(savedIds);
    await expect.poll(() => edges().count()).toBe(saved.edges.length);
    await waitFilesLoaded(['operando', 'foil']);
    await page.getByTestId('run-all').click();
    await waitDone(savedIds);
    await shot(page, '04-opened-file');
  });

  it('refuses a connection between ports of different kinds with a notice and no edge', async () => {
    const { page } = studio;
    const count = await edges().count();
    // normalize's "table" output (a table) into plot-foil? That accepts tables; the smooth input does not.
    await connect(handle(node('normalize'), 'source', 'table'), handle(node('smooth'), 'target', 'spectra'));
    const notice = page.getByTestId('notice');
    await notice.waitFor({ state: 'visible', timeout: 5_000 });
    expect(await notice.textContent()).toMatch(/Cannot connect/);
    expect(await edges().count()).toBe(count);
    await shot(page, '05-refused-connection');
  });

  it('opens the CT example from the menu, runs it and shows the labels over the image', async () => {
    const { page } = studio;
    await page.getByTestId('menu-examples').click();
    await page.getByTestId('example-ct-segmentation').click();
    await node('overlay').waitFor({ timeout: 30_000 });
    expect(await nodeIds()).toEqual(['denoise', 'export', 'overlay', 'segment', 'slice']);
    await waitFilesLoaded(['slice']);
    await page.getByTestId('run-all').click();
    await waitDone(['slice', 'denoise', 'segment', 'overlay', 'export']);
    await node('overlay').click();
    const img = page.getByTestId('preview-image');
    await img.waitFor({ state: 'visible', timeout: 15_000 });
    // The overlay is drawn in colour: sample the canvas and find pixels that are not gray.
    const coloured = await img.evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d');
      if (!ctx || c.width === 0) return -1;
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - d[i + 2]) > 40) n++;
      return n / (d.length / 4);
    });
    expect(coloured).toBeGreaterThan(0.1);
    await shot(page, '06-ct-overlay');
  });

  it('logged no errors in the page', () => {
    expect(studio.errors).toEqual([]);
  });
});
