// segment.cnn in a real browser (Debian Chromium via playwright-core, production build): a workflow
// loading the real NMC slice test/fixtures/image/nmc_1.tif (SegmentPy slice 1) → segment.cnn with the
// bundled LRCS-Net (onnxruntime-web in the engine worker, WebAssembly here: no GPU adapter) →
// view.overlay; the labels drawn over the image, the backend reported on the node; then the
// bundled U-Net picked in the model list.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStudio, ROOT, shot, type Studio } from './harness';

let studio: Studio;
let page: Page;

beforeAll(async () => {
  studio = await openStudio();
  page = studio.page;
});
afterAll(async () => {
  await studio?.close();
});

const node = (id: string) => page.getByTestId(`node-${id}`);
const status = (id: string) => node(id).getAttribute('data-status');

const workflow = {
  format: 'operando-flow.workflow',
  version: 2,
  meta: { title: 'CNN segmentation (e2e)', description: 'nmc_1.tif → segment.cnn (bundled) → overlay', created: '2026-11-25T12:00:00Z', app: 'operando-flow 0.1.0' },
  nodes: [
    { id: 'slice', type: 'io.load-image', typeVersion: 1, label: 'Slice', position: { x: 0, y: 0 }, params: { files: [{ name: 'nmc_1.tif' }] } },
    { id: 'cnn', type: 'segment.cnn', typeVersion: 1, label: 'CNN', position: { x: 340, y: 0 }, params: { bundled: 'lrcs-nmc' } },
    { id: 'overlay', type: 'view.overlay', typeVersion: 1, label: 'Phases', position: { x: 680, y: 0 }, params: { opacity: 0.45 } },
  ],
  edges: [
    { id: 'e1', source: 'slice', sourcePort: 'image', target: 'cnn', targetPort: 'image' },
    { id: 'e2', source: 'slice', sourcePort: 'image', target: 'overlay', targetPort: 'image' },
    { id: 'e3', source: 'cnn', sourcePort: 'labels', target: 'overlay', targetPort: 'labels' },
  ],
};

describe('segment.cnn in the studio', () => {
  it('segments the real slice with the bundled model and shows the phases over the image', async () => {
    await page.goto(`${studio.url}?reset=1`);
    await page.locator('.react-flow__node').first().waitFor({ timeout: 30_000 }); // the first example has opened
    await page.getByTestId('menu-new').click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(0);
    const path = join(mkdtempSync(join(tmpdir(), 'cnn-e2e-')), 'cnn.json');
    writeFileSync(path, JSON.stringify(workflow));
    await page.getByTestId('open-file-input').setInputFiles(path);
    await expect.poll(() => page.locator('.react-flow__node').count(), { timeout: 30_000 }).toBe(3);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(3);
    await node('slice').click();
    await page.getByTestId('inspector').getByTestId('param-files-add').setInputFiles(join(ROOT, 'test', 'fixtures', 'image', 'nmc_1.tif'));
    const files = page.getByTestId('inspector').getByTestId('param-files');
    await expect.poll(() => files.locator('option.missing').count(), { timeout: 30_000 }).toBe(0);

    await page.getByTestId('run-all').click();
    await expect
      .poll(async () => {
        const s = await status('cnn');
        if (s === 'error') throw new Error(`segment.cnn failed: ${await node('cnn').textContent()}`);
        return s;
      }, { timeout: 120_000, interval: 500 })
      .toMatch(/done|cached/);
    await expect.poll(() => status('overlay'), { timeout: 30_000 }).toMatch(/done|cached/);

    await node('cnn').click();
    const inspector = page.getByTestId('inspector');
    await expect.poll(() => inspector.textContent(), { timeout: 10_000 }).toMatch(/lrcs-nmc \(bundled\) ran on (WebAssembly \(CPU\)|WebGPU): 1 slice/);
    expect(await inspector.textContent()).toMatch(/labels: labels 499×601, 3 classes/);

    await node('overlay').click();
    const img = page.getByTestId('preview-image');
    await img.waitFor({ state: 'visible', timeout: 15_000 });
    // Colour per class: count the three dominant non-grey hues (NMC, carbon-binder, pores) on the canvas.
    const coloured = await img.evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d');
      if (!ctx || c.width === 0) return -1;
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 40) n++;
      return n / (d.length / 4);
    });
    expect(coloured).toBeGreaterThan(0.3);
    await shot(page, '09-cnn-overlay');
  });

  it('runs the bundled U-Net when it is picked in the model list', async () => {
    await node('cnn').click();
    const inspector = page.getByTestId('inspector');
    await inspector.getByTestId('param-bundled').selectOption('unet-nmc');
    await page.getByTestId('run-selected').click();
    await expect.poll(() => status('cnn'), { timeout: 60_000, interval: 250 }).toMatch(/done|cached|error/);
    if ((await status('cnn')) === 'error') throw new Error(`segment.cnn failed: ${await node('cnn').textContent()}`);
    await expect.poll(() => inspector.textContent(), { timeout: 10_000 }).toMatch(/unet-nmc \(bundled\) ran on (WebAssembly \(CPU\)|WebGPU): 1 slice/);
    expect(await inspector.textContent()).toMatch(/labels: labels 499×601, 3 classes/);
  });

  it('logged no errors in the page', () => {
    expect(studio.errors).toEqual([]);
  });
});
