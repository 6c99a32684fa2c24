// The pixel classifier's paint tool in a real browser (Debian Chromium via playwright-core, production
// build): the CT example's slice, a segment.pixel-classifier node from the palette, one stroke per
// class painted where the data says the phase is (darkest: pores, mid grey: carbon-binder, brightest:
// NMC), the prediction overlay appearing, and the strokes surviving save + reload.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, shot, useStudio } from './harness';
import { colouredFraction } from './studioSession';
import { readTiff } from '../../src/ops/io/tiff/readTiff';
import { gaussianFilter } from '../../src/ops/image/gaussianFilter';

const studio = useStudio();
const { node, status, handle, connect } = studio;

/**
 * Where each phase is, from the data: the slice smoothed with σ = 3 px; pores at its darkest
 * interior pixel, NMC at its brightest, carbon-binder where it is closest to the binder's grey level
 * (0.72, the mean of the manual binder label of this slice) and flattest.
 */
function phaseSpots(): { pores: [number, number]; binder: [number, number]; nmc: [number, number]; width: number; height: number } {
  const file = join(ROOT, 'public', 'examples', 'data', 'segmentpy-nmc', '100.tif');
  const img = readTiff(new Uint8Array(readFileSync(file)), file);
  const { width: w, height: h } = img;
  const g = gaussianFilter(img.data.subarray(0, w * h), w, h, { sigma: 3 });
  let lo = [Infinity, 0, 0];
  let hi = [-Infinity, 0, 0];
  let mid = [Infinity, 0, 0];
  for (let y = 30; y < h - 30; y++) {
    for (let x = 30; x < w - 30; x++) {
      const v = g[y * w + x];
      if (v < lo[0]) lo = [v, x, y];
      if (v > hi[0]) hi = [v, x, y];
      const flat = Math.abs(g[y * w + x + 4] - g[y * w + x - 4]) + Math.abs(g[(y + 4) * w + x] - g[(y - 4) * w + x]);
      const score = Math.abs(v - 0.72) + flat;
      if (score < mid[0]) mid = [score, x, y];
    }
  }
  return { pores: [lo[1], lo[2]], binder: [mid[1], mid[2]], nmc: [hi[1], hi[2]], width: w, height: h };
}

/** Paints a short horizontal stroke through full-resolution pixel (x, y) on the paint canvas. */
async function stroke(x: number, y: number, full: { width: number; height: number }): Promise<void> {
  const { page } = studio;
  // The preview panel scrolls: bring the whole canvas into the viewport first.
  await page.getByTestId('paint-canvas').evaluate((el) => el.scrollIntoView({ block: 'end' }));
  const c = (await page.getByTestId('paint-canvas').boundingBox())!;
  const at = (px: number) => [c.x + ((px + 0.5) / full.width) * c.width, c.y + ((y + 0.5) / full.height) * c.height] as const;
  await page.mouse.move(...at(x - 5));
  await page.mouse.down();
  await page.mouse.move(...at(x), { steps: 4 });
  await page.mouse.move(...at(x + 5), { steps: 4 });
  await page.mouse.up();
}

/** Fraction of the paint canvas that is clearly coloured (not grey): the overlay and the scribbles. */
const paintColoured = () => colouredFraction(studio.page.getByTestId('paint-canvas'));

describe('pixel classifier paint tool', () => {
  let pcId = '';
  const spots = phaseSpots();

  it('paints one stroke per class on the CT slice and shows the prediction overlay', async () => {
    const { page } = studio;
    await page.goto(`${studio.url}?example=ct-segmentation`);
    await node('denoise').waitFor({ timeout: 30_000 });
    await studio.waitFilesLoaded(['slice']);
    await page.getByTestId('run-all').click();
    await studio.waitDone(['denoise']);

    const before = await studio.canvasNodes().count();
    const pane = page.locator('.react-flow__pane');
    const box = (await pane.boundingBox())!;
    await page.getByTestId('palette-search').fill('pixel');
    await page.getByTestId('palette-item-segment.pixel-classifier').dragTo(pane, { targetPosition: { x: box.width * 0.35, y: box.height * 0.85 } });
    await page.getByTestId('palette-search').fill('');
    await expect.poll(() => studio.canvasNodes().count()).toBe(before + 1);
    pcId = (await page.locator('[data-type="segment.pixel-classifier"]').getAttribute('data-testid'))!.slice('node-'.length);
    await connect(handle(node('denoise'), 'source', 'image'), handle(node(pcId), 'target', 'image'));
    await node(pcId).click();

    const canvas = page.getByTestId('paint-canvas');
    await canvas.waitFor({ state: 'visible', timeout: 15_000 });
    expect(Number(await canvas.getAttribute('data-full-width'))).toBe(spots.width);
    expect(await page.getByTestId('paint-class-1').textContent()).toMatch(/pores/);
    expect(await page.getByTestId('paint-class-3').textContent()).toMatch(/NMC/);

    const full = { width: spots.width, height: spots.height };
    await page.getByTestId('paint-class-1').click();
    await stroke(...spots.pores, full);
    // Drawn at once, before any run: the scribble is on the canvas.
    expect(await paintColoured()).toBeGreaterThan(0);
    await page.getByTestId('paint-class-2').click();
    await stroke(...spots.binder, full);
    await page.getByTestId('paint-class-3').click();
    await stroke(...spots.nmc, full);
    const st = page.getByTestId('paint-status');
    await expect.poll(() => st.getAttribute('data-strokes')).toBe('3');
    // The node re-runs after each stroke (once two classes are painted); wait for the last one.
    await expect.poll(async () => (await status(pcId)) === 'done' && !(await st.textContent())?.includes('predicting'), { timeout: 60_000 }).toBe(true);
    await expect.poll(() => st.getAttribute('data-prediction'), { timeout: 15_000 }).toBe('shown');
    await expect.poll(paintColoured, { timeout: 15_000 }).toBeGreaterThan(0.3);
    await shot(page, '07-paint-prediction');

    // The overlay opacity slider takes the prediction away (only the scribbles stay coloured).
    await page.getByTestId('paint-opacity').fill('0');
    await expect.poll(paintColoured).toBeLessThan(0.05);
    await page.getByTestId('paint-opacity').fill('0.45');
  });

  it('keeps the strokes through save and reload', async () => {
    const { page } = studio;
    const saved = JSON.parse(new TextDecoder().decode(await studio.download('menu-save')));
    const pc = saved.nodes.find((n: { id: string }) => n.id === pcId);
    expect(pc.params.scribbles.map((s: { class: number }) => s.class)).toEqual([1, 2, 3]);
    expect(pc.params.scribbles[0].points.length).toBeGreaterThanOrEqual(4);
    const [x, y] = spots.pores;
    expect(Math.abs(pc.params.scribbles[0].points[0] - (x - 5))).toBeLessThanOrEqual(1);
    expect(Math.abs(pc.params.scribbles[0].points[1] - y)).toBeLessThanOrEqual(1);

    await page.waitForTimeout(1200); // autosave is debounced
    await page.goto(studio.url); // the autosave (the first URL named an example)
    await node(pcId).waitFor({ timeout: 30_000 });
    await node(pcId).click();
    expect(await page.getByTestId('inspector').getByTestId('param-scribbles').textContent()).toMatch(/3 entries/);
    await expect.poll(() => page.getByTestId('paint-status').getAttribute('data-strokes')).toBe('3');
    await studio.waitFilesLoaded(['slice']);
    await node(pcId).click();
    await page.getByTestId('paint-run-input').click();
    // Two classes are painted: the button runs the classifier with its input, and the same
    // prediction as before the reload comes back.
    await page.getByTestId('paint-canvas').waitFor({ state: 'visible', timeout: 60_000 });
    await expect.poll(() => page.getByTestId('paint-status').getAttribute('data-prediction'), { timeout: 60_000 }).toBe('shown');
    await expect.poll(paintColoured, { timeout: 15_000 }).toBeGreaterThan(0.3);
    await shot(page, '08-paint-after-reload');
  });

  it('logged no errors in the page', () => {
    expect(studio.errors).toEqual([]);
  });
});
