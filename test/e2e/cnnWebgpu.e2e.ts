// segment.cnn on WebGPU in a real browser: Debian Chromium with --enable-unsafe-webgpu gives a
// SwiftShader (software, "fallback") WebGPU adapter, which "automatic" skips (slower than WASM) and
// "Run on: WebGPU" uses, so onnxruntime-web's WebGPU execution provider runs the tiny 3×3-conv test
// network (test/fixtures/cnn; the bundled LRCS-Net takes minutes per tile on SwiftShader) on the real
// NMC slice test/fixtures/image/nmc_1.tif. The labels, exported as a TIFF and downloaded, must equal
// those of the WebAssembly run (the same node in Node) up to float ties.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, shot, useStudio } from './harness';
import { readTiff } from '../../src/ops/io/tiff/readTiff';
import { cnnSegmentNode } from '../../src/nodes/segment/cnn';
import { defaultParams } from '../../src/runtime/params';
import { emptyMeta } from '../../src/runtime/values';
import { testContext } from '../../src/nodes/io/__tests__/imageNodeContext';

const studio = useStudio({ args: ['--enable-unsafe-webgpu'] });
const { node } = studio;
const SLICE = join(ROOT, 'test', 'fixtures', 'image', 'nmc_1.tif');
const TINY = ['tinyconv.onnx', 'tinyconv.json'].map((f) => join(ROOT, 'test', 'fixtures', 'cnn', f));

const workflow = {
  format: 'operando-flow.workflow',
  version: 2,
  meta: { title: 'CNN on WebGPU (e2e)', description: 'nmc_1.tif → segment.cnn (bundled) → export.tiff', created: '2026-11-25T12:00:00Z', app: 'operando-flow 0.1.0' },
  nodes: [
    { id: 'slice', type: 'io.load-image', typeVersion: 1, label: 'Slice', position: { x: 0, y: 0 }, params: { files: [{ name: 'nmc_1.tif' }] } },
    { id: 'cnn', type: 'segment.cnn', typeVersion: 1, label: 'CNN', position: { x: 340, y: 0 }, params: { backend: 'webgpu', file: [{ name: 'tinyconv.onnx' }, { name: 'tinyconv.json' }] } },
    { id: 'export', type: 'export.tiff', typeVersion: 1, label: 'Labels TIFF', position: { x: 680, y: 0 }, params: { fileName: 'cnn-labels' } },
  ],
  edges: [
    { id: 'e1', source: 'slice', sourcePort: 'image', target: 'cnn', targetPort: 'image' },
    { id: 'e2', source: 'cnn', sourcePort: 'labels', target: 'export', targetPort: 'image' },
  ],
};

describe('segment.cnn on WebGPU (SwiftShader)', () => {
  it('runs a network on the WebGPU execution provider with the labels of the WebAssembly run', async () => {
    const { page, inspector } = studio;
    await studio.gotoEmptyCanvas();
    const hasAdapter = await page.evaluate(async () => {
      const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
      return !!gpu && (await gpu.requestAdapter()) !== null;
    });
    expect(hasAdapter, 'Chromium with --enable-unsafe-webgpu offers a WebGPU adapter').toBe(true);
    await studio.openWorkflow(workflow, 'cnn-gpu.json');
    await studio.addFiles('slice', SLICE);
    await studio.addFiles('cnn', TINY, { param: 'file' });

    await page.getByTestId('run-all').click();
    await studio.waitDone(['cnn', 'export'], { timeout: 180_000 });
    await node('cnn').click();
    await expect.poll(() => inspector.textContent()).toMatch(/tinyconv\.onnx ran on WebGPU, onnxruntime-web: 1 slice/);
    await shot(page, '10-cnn-webgpu');

    await node('export').click();
    const got = readTiff(await studio.download('download-cnn-labels.tif'), 'cnn-labels.tif');

    const img = readTiff(new Uint8Array(readFileSync(SLICE)), 'nmc_1.tif');
    const image = { kind: 'image' as const, width: img.width, height: img.height, dtype: img.dtype, data: img.data, valueAxis: { name: '', unit: '' }, meta: emptyMeta() };
    const ctx = testContext();
    for (const f of TINY) await ctx.store.put(f.split('/').at(-1)!, new Uint8Array(readFileSync(f)));
    const ref = await cnnSegmentNode.run({ image }, { ...defaultParams(cnnSegmentNode.params), backend: 'wasm', file: workflow.nodes[1].params.file! }, ctx);
    if (ref.labels.kind !== 'labels') throw new Error('wrong kind');
    expect([got.width, got.height]).toEqual([img.width, img.height]);
    let same = 0;
    for (let i = 0; i < ref.labels.data.length; i++) if (got.data[i] === ref.labels.data[i]) same++;
    console.log(`WebGPU vs WebAssembly labels: ${same} of ${ref.labels.data.length} pixels equal`);
    expect(same / ref.labels.data.length).toBeGreaterThan(0.999);
  }, 300_000);

  it('logged no errors in the page', () => {
    expect(studio.errors).toEqual([]);
  });
});
