// segment.cnn in a real browser (Debian Chromium via playwright-core, production build): a workflow
// loading the real NMC slice test/fixtures/image/nmc_1.tif (SegmentPy slice 1) → segment.cnn with the
// bundled LRCS-Net (in the engine worker; no GPU adapter here, so our ONNX→TF.js executor on WebAssembly) →
// view.overlay; the labels drawn over the image, the backend reported on the node; then the
// bundled U-Net picked in the model list.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, shot, useStudio } from './harness';
import { colouredFraction } from './studioSession';

const studio = useStudio();
const { node } = studio;

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
    const { page } = studio;
    await studio.gotoEmptyCanvas();
    await studio.openWorkflow(workflow, 'cnn.json');
    await studio.addFiles('slice', join(ROOT, 'test', 'fixtures', 'image', 'nmc_1.tif'));

    await page.getByTestId('run-all').click();
    await studio.waitDone(['cnn'], { timeout: 120_000 });
    await studio.waitDone(['overlay'], { timeout: 30_000 });

    const { inspector } = studio;
    await node('cnn').click();
    await expect.poll(() => inspector.textContent(), { timeout: 10_000 }).toMatch(/lrcs-nmc \(bundled\) ran on (WebAssembly \(CPU\), TF\.js XNNPACK|WebGPU): 1 slice/);
    expect(await inspector.textContent()).toMatch(/labels: labels 499×601, 3 classes/);

    await node('overlay').click();
    const img = page.getByTestId('preview-image');
    await img.waitFor({ state: 'visible', timeout: 15_000 });
    // Colour per class: count the three dominant non-grey hues (NMC, carbon-binder, pores) on the canvas.
    expect(await colouredFraction(img)).toBeGreaterThan(0.3);
    await shot(page, '09-cnn-overlay');
  });

  it('runs the bundled U-Net when it is picked in the model list', async () => {
    const { inspector } = studio;
    await node('cnn').click();
    await inspector.getByTestId('param-bundled').selectOption('unet-nmc');
    await studio.runSelected('cnn', 60_000);
    await expect.poll(() => inspector.textContent(), { timeout: 10_000 }).toMatch(/unet-nmc \(bundled\) ran on (WebAssembly \(CPU\), TF\.js XNNPACK|WebGPU): 1 slice/);
    expect(await inspector.textContent()).toMatch(/labels: labels 499×601, 3 classes/);
  });

  it('logged no errors in the page', () => {
    expect(studio.errors).toEqual([]);
  });
});
