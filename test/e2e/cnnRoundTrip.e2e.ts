// Train → reopen in a real browser (Debian Chromium via playwright-core, production build): the real
// NMC slice test/fixtures/image/nmc_1.tif with multi-Otsu labels trains a tiny U-Net (1 epoch, a few
// steps, TF.js WASM in the engine worker); the emitted <name>.ofmodel.json lands in the studio's files
// (IndexedDB); a CNN segmentation node picks it as its model file and labels the slice; after a page
// reload the file is still there and the node runs again from it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, shot, useStudio } from './harness';

const studio = useStudio();
const { node, runSelected } = studio;
const MODEL = 'e2e-roundtrip.ofmodel.json';

const workflow = {
  format: 'operando-flow.workflow',
  version: 2,
  meta: { title: 'Train and reopen a CNN (e2e)', description: 'nmc_1.tif + multi-Otsu → train-cnn; segment.cnn with the saved model file', created: '2026-12-02T12:00:00Z', app: 'operando-flow 0.1.0' },
  nodes: [
    { id: 'slice', type: 'io.load-image', typeVersion: 1, label: 'Slice', position: { x: 0, y: 0 }, params: { files: [{ name: 'nmc_1.tif' }] } },
    { id: 'labels', type: 'segment.threshold', typeVersion: 1, label: 'Labels', position: { x: 320, y: 160 }, params: { method: 'multiotsu', classes: 3 } },
    {
      id: 'train',
      type: 'segment.train-cnn',
      typeVersion: 1,
      label: 'Train',
      position: { x: 660, y: 0 },
      params: { architecture: 'u-net', channels: 2, patch: 32, batch: 2, epochs: 1, stepsPerEpoch: 4, lr: 0.01, backend: 'wasm', name: 'e2e-roundtrip' },
    },
    // Not wired to the trainer: it reads the model from the studio's files, as a later session would.
    { id: 'cnn', type: 'segment.cnn', typeVersion: 1, label: 'CNN', position: { x: 340, y: -200 }, params: { backend: 'wasm' } },
  ],
  edges: [
    { id: 'e1', source: 'slice', sourcePort: 'image', target: 'labels', targetPort: 'image' },
    { id: 'e2', source: 'slice', sourcePort: 'image', target: 'train', targetPort: 'images' },
    { id: 'e3', source: 'labels', sourcePort: 'labels', target: 'train', targetPort: 'labels' },
    { id: 'e4', source: 'slice', sourcePort: 'image', target: 'cnn', targetPort: 'image' },
  ],
};

/** segment.cnn ran on the model file and labelled the whole slice (3 classes of the trainer). */
async function expectSegmentedFromFile(): Promise<void> {
  const { inspector } = studio;
  await node('cnn').click();
  await expect.poll(() => inspector.textContent(), { timeout: 10_000 }).toMatch(/e2e-roundtrip\.ofmodel\.json ran on (WebAssembly \(CPU\)|JavaScript \(CPU\)|WebGPU): 1 slice/);
  expect(await inspector.textContent()).toMatch(/labels: labels 499×601, 3 classes/);
}

describe('a model trained in the studio is reopened by segment.cnn from the saved file', () => {
  it('train (tiny U-Net, 1 epoch) → file in the studio’s files → segment.cnn with that file → labels', async () => {
    const { page, inspector } = studio;
    await studio.gotoEmptyCanvas();
    await studio.openWorkflow(workflow, 'roundtrip.json');
    await studio.addFiles('slice', join(ROOT, 'test', 'fixtures', 'image', 'nmc_1.tif'));

    await runSelected('train', 120_000);
    await expect.poll(() => page.textContent('body'), { timeout: 15_000 }).toMatch(/e2e-roundtrip\.ofmodel\.json saved to your files/);

    // The CNN node lists the saved model among its files; pick it.
    await node('cnn').click();
    const fileList = inspector.getByTestId('param-file');
    await expect.poll(() => fileList.locator('option').allTextContents(), { timeout: 15_000 }).toContain(MODEL);
    await fileList.selectOption(MODEL);
    await runSelected('cnn', 60_000);
    await expectSegmentedFromFile();
  }, 240_000);

  it('after a page reload the model file is still in the studio’s files and segment.cnn runs from it again', async () => {
    const { page, inspector } = studio;
    await page.waitForTimeout(1200); // autosave is debounced
    await page.goto(studio.url); // the autosave (the first URL asked for a reset)
    await node('cnn').waitFor({ timeout: 30_000 });
    expect(await studio.status('cnn')).not.toMatch(/done|cached/); // results are not kept: it must run again
    await node('cnn').click();
    const fileList = inspector.getByTestId('param-file');
    await expect.poll(() => fileList.locator('option').allTextContents(), { timeout: 30_000 }).toContain(MODEL);
    expect(await fileList.locator('option.missing').count()).toBe(0);
    await runSelected('cnn', 60_000);
    await expectSegmentedFromFile();
    await shot(page, '13-cnn-from-saved-model');
  }, 120_000);

  it('logged no errors in the page', () => {
    expect(studio.errors).toEqual([]);
  });
});
