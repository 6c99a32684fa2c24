// WebGPU in the built app: Chromium with --enable-unsafe-webgpu (SwiftShader here) gives an
// adapter on the page and in workers, and the engine worker's WebGPU Gaussian (clean.denoise,
// forced with ?backend=webgpu) gives the same picture as the CPU path.
import { describe, expect, it } from 'vitest';
import { shot, useStudio } from './harness';

const studio = useStudio();

/** Opens the CT example with a forced backend, runs it, returns the denoise preview's RGBA pixels. */
async function denoisePreview(backend: 'cpu' | 'webgpu'): Promise<{ pixels: number[]; badge: string | null; inspector: string }> {
  const { page } = studio;
  await page.goto(`${studio.url}?example=ct-segmentation&backend=${backend}`);
  const denoise = studio.node('denoise');
  await denoise.waitFor({ timeout: 30_000 });
  await page.getByTestId('run-all').click();
  // 'done', not 'cached': this backend must have run.
  await studio.waitDone(['denoise'], { timeout: 120_000, states: ['done'] });
  await denoise.click();
  const img = page.getByTestId('preview-image');
  await img.waitFor({ state: 'visible', timeout: 15_000 });
  await page.waitForFunction(() => ((document.querySelector('[data-testid="preview-image"]') as HTMLCanvasElement | null)?.width ?? 0) > 0);
  const pixels = await img.evaluate((c: HTMLCanvasElement) => Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data));
  const badge = await denoise.locator('.fnode-backend').textContent().catch(() => null);
  const inspector = (await page.getByTestId('inspector').textContent()) ?? '';
  return { pixels, badge, inspector };
}

describe('WebGPU in Chromium', () => {
  it('navigator.gpu gives an adapter on the page and in a worker', async () => {
    const { page } = studio;
    await page.goto(studio.url); // a secure context (127.0.0.1), not about:blank
    const onPage = await page.evaluate(async () => {
      const a = await navigator.gpu?.requestAdapter();
      return a ? 'adapter' : 'none';
    });
    expect(onPage).toBe('adapter');
    const inWorker = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const src = 'navigator.gpu.requestAdapter().then((a) => postMessage(a ? "adapter" : "none"), (e) => postMessage(String(e)));';
          const w = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
          w.onmessage = (e) => resolve(String(e.data));
          w.onerror = (e) => resolve(`error: ${e.message}`);
        }),
    );
    expect(inWorker).toBe('adapter');
  });

  it('the engine worker runs clean.denoise on WebGPU and the preview equals the CPU run', async () => {
    const gpuRun = await denoisePreview('webgpu');
    expect(gpuRun.badge).toBe('webgpu');
    expect(gpuRun.inspector).toMatch(/webgpu/);
    await shot(studio.page, 'webgpu-denoise');
    const cpuRun = await denoisePreview('cpu');
    expect(cpuRun.badge).toBeNull(); // the node shows a badge only for a GPU backend
    expect(cpuRun.inspector).toMatch(/cpu/);
    expect(gpuRun.pixels.length).toBe(cpuRun.pixels.length);
    expect(gpuRun.pixels.length).toBeGreaterThan(1000);
    // The preview maps the 0.5–99.5 % range to 8 bits; float32 differences (≤ ~1e-6 relative)
    // can move a value across a rounding boundary: at most one grey level.
    let worst = 0;
    for (let i = 0; i < gpuRun.pixels.length; i++) worst = Math.max(worst, Math.abs(gpuRun.pixels[i] - cpuRun.pixels[i]));
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('logged no errors in the page', () => {
    expect(studio.errors).toEqual([]);
  });
});
