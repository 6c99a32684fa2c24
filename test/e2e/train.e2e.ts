// segment.train-cnn in a real browser (Debian Chromium via playwright-core, production build): the
// real NMC slice test/fixtures/image/nmc_1.tif, labels from multi-Otsu on it (3 classes) → train a
// tiny U-Net for 3 epochs with TF.js in the engine worker (WASM backend) → the loss / IoU curves
// appear live in the preview while it trains, the history plot after; the trained model file is
// offered for download and kept in the studio's files.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, shot, useStudio } from './harness';

const SLICE = join(ROOT, 'test', 'fixtures', 'image', 'nmc_1.tif');

const workflow = {
  format: 'operando-flow.workflow',
  version: 2,
  meta: { title: 'Train a CNN (e2e)', description: 'nmc_1.tif + multi-Otsu labels → segment.train-cnn', created: '2026-11-25T12:00:00Z', app: 'operando-flow 0.1.0' },
  nodes: [
    { id: 'slice', type: 'io.load-image', typeVersion: 1, label: 'Slice', position: { x: 0, y: 0 }, params: { files: [{ name: 'nmc_1.tif' }] } },
    { id: 'labels', type: 'segment.threshold', typeVersion: 1, label: 'Labels', position: { x: 320, y: 160 }, params: { method: 'multiotsu', classes: 3 } },
    {
      id: 'train',
      type: 'segment.train-cnn',
      typeVersion: 1,
      label: 'Train',
      position: { x: 660, y: 0 },
      params: { architecture: 'u-net', channels: 4, patch: 32, batch: 4, epochs: 3, stepsPerEpoch: 100, lr: 0.01, backend: 'wasm', name: 'e2e-unet' },
    },
  ],
  edges: [
    { id: 'e1', source: 'slice', sourcePort: 'image', target: 'labels', targetPort: 'image' },
    { id: 'e2', source: 'slice', sourcePort: 'image', target: 'train', targetPort: 'images' },
    { id: 'e3', source: 'labels', sourcePort: 'labels', target: 'train', targetPort: 'labels' },
  ],
};

describe('segment.train-cnn in the studio', () => {
  const studio = useStudio();
  const { node, status } = studio;

  it('trains 3 tiny epochs with live loss / IoU curves in the preview, then offers the model file', async () => {
    const { page } = studio;
    await studio.gotoEmptyCanvas();
    await studio.openWorkflow(workflow, 'train.json');
    await studio.addFiles('slice', SLICE);

    // TF.js's wasm backend starts its pthread pool (Blob-URL workers) in this cross-origin isolated
    // page; a production build that broke them would hang here (scripts/viteTfjsWasmThreads.ts).
    let pthreadWorkers = 0;
    page.on('worker', (w) => void (w.url().startsWith('blob:') && pthreadWorkers++));
    await node('train').click();
    await page.getByTestId('run-all').click();
    // While training: the live curves replace "Running…" in the preview panel.
    const live = page.getByTestId('live-preview');
    await expect
      .poll(async () => {
        const s = await status('train');
        if (s === 'error') throw new Error(`segment.train-cnn failed: ${await node('train').textContent()}`);
        return (await live.count()) > 0 && (await live.locator('canvas').count()) > 0;
      }, { timeout: 120_000, interval: 200 })
      .toBe(true);
    // After the first epoch's validation the curves hold the step loss and the validation markers.
    await expect.poll(async () => (await live.textContent()) ?? '', { timeout: 60_000, interval: 100 }).toMatch(/epoch [1-3]\/3, step \d+\/300, loss/);

    await studio.waitDone(['train'], { timeout: 300_000 });
    // After: the history plot (loss line, validation markers) and the model file to download.
    const panel = page.getByTestId('preview-panel');
    await expect.poll(() => panel.locator('canvas').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await panel.textContent()).toMatch(/val IoU class 2/);
    await page.getByTestId('download-e2e-unet.ofmodel.json').waitFor({ timeout: 15_000 });
    expect(pthreadWorkers).toBeGreaterThan(0);
    await expect.poll(() => page.textContent('body'), { timeout: 15_000 }).toMatch(/e2e-unet\.ofmodel\.json saved to your files/);
    await shot(page, '11-train-done');
  });

  it('shows the curves live during a long training; Cancel stops it and still offers the best model so far', async () => {
    const { page } = studio;
    const long = structuredClone(workflow);
    Object.assign(long.nodes[2].params, { epochs: 200, stepsPerEpoch: 10, name: 'e2e-cancel' });
    await studio.openWorkflow(long, 'train-long.json');
    await node('train').click();
    await page.getByTestId('run-all').click();
    const live = page.getByTestId('live-preview');
    // Epoch 3 or later running (training can pass epoch 3 between two polls): two validations done,
    // so the validation markers are on the plot.
    await expect
      .poll(async () => ((await live.count()) ? ((await live.textContent()) ?? '') : ''), { timeout: 180_000, interval: 200 })
      .toMatch(/epoch ([3-9]|\d{2,3})\/200, step \d+\/2000, loss/);
    expect(await status('train')).toBe('running');
    await shot(page, '10-train-live');
    await page.getByTestId('cancel-run').click();
    await expect.poll(() => status('train'), { timeout: 60_000 }).toBe('cancelled');
    await page.getByTestId('download-e2e-cancel.ofmodel.json').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.textContent('body'), { timeout: 15_000 }).toMatch(/Run cancelled · model e2e-cancel\.ofmodel\.json saved to your files/);
    await shot(page, '12-train-cancelled');
  });

  it('logged no errors in the page', () => {
    expect(studio.errors).toEqual([]);
  });
});

// Chromium gives a real WebGPU adapter (SwiftShader, software) only with --enable-unsafe-webgpu:
// then the backend chain picks WebGPU, and training runs its WGSL kernels. On SwiftShader with two
// cores TF.js's shader compilation alone takes minutes (a 6-step run did not finish in 6 min), so
// this runs only when asked: OPERANDO_E2E_GPU_TRAIN=1 (on a machine with a GPU, or with patience).
const gpuTrain = process.env.OPERANDO_E2E_GPU_TRAIN === '1';
if (!gpuTrain) console.warn('SKIPPED: segment.train-cnn on WebGPU (set OPERANDO_E2E_GPU_TRAIN=1; SwiftShader training takes minutes)');
describe.runIf(gpuTrain)('segment.train-cnn on WebGPU (SwiftShader)', () => {
  const gpu = useStudio({ args: ['--enable-unsafe-webgpu'] });

  it('trains with backend auto on the WebGPU adapter (no fallback warning) and gives a usable model', async () => {
    const p = gpu.page;
    const wf = structuredClone(workflow);
    Object.assign(wf.nodes[2].params, { backend: 'auto', epochs: 1, stepsPerEpoch: 6, name: 'e2e-webgpu' });
    await gpu.gotoEmptyCanvas();
    await gpu.openWorkflow(wf, 'train-gpu.json');
    await gpu.addFiles('slice', SLICE);
    await gpu.node('train').click();
    await p.getByTestId('run-all').click();
    await gpu.waitDone(['train'], { timeout: 300_000 });
    const text = (await gpu.inspector.textContent()) ?? '';
    expect(text).toMatch(/model: model e2e-webgpu/);
    expect(text).not.toMatch(/trained on (wasm|cpu)/);
    await p.getByTestId('download-e2e-webgpu.ofmodel.json').waitFor({ timeout: 15_000 });
    expect(gpu.errors).toEqual([]);
  });
});

