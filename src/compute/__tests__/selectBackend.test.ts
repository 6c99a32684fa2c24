import { afterEach, describe, expect, it } from 'vitest';
import { resetBackends, selectBackend, setGpuSource } from '../selectBackend';

afterEach(() => setGpuSource(undefined));

describe('selectBackend', () => {
  it("'cpu' is the CPU backend; 'auto' falls back to it without WebGPU (Node has no navigator.gpu)", async () => {
    expect((await selectBackend('cpu')).name).toBe('cpu');
    expect((await selectBackend('auto')).name).toBe('cpu');
    expect((await selectBackend()).name).toBe('cpu');
  });

  it("'webgpu' without an adapter fails with the reason", async () => {
    setGpuSource(null);
    await expect(selectBackend('webgpu')).rejects.toThrow(/WebGPU is not available here/);
    const noAdapter = { requestAdapter: async () => null } as unknown as GPU;
    setGpuSource(noAdapter);
    await expect(selectBackend('webgpu')).rejects.toThrow(/no adapter .*--enable-unsafe-webgpu/);
    expect((await selectBackend('auto')).name).toBe('cpu');
    resetBackends();
  });

  it('rejects an unknown choice', async () => {
    await expect(selectBackend('cuda' as never)).rejects.toThrow(/choice = "cuda", expected 'auto', 'cpu' or 'webgpu'/);
  });
});
