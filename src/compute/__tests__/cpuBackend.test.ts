import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../cpuBackend';
import { gaussianFilter } from '../../ops/image/gaussianFilter';
import { medianFilter } from '../../ops/image/medianFilter';
import { realFft2d } from '../../ops/fft/realFft2d';
import { lcg } from '../../ops/image/__tests__/helpers';

const cpu = createCpuBackend();
const W = 13;
const H = 7;
const x = Float32Array.from(lcg(W * H, 3), (v) => v * 100);

describe('cpu backend (the reference)', () => {
  it('delegates the filters to the ops unchanged', async () => {
    expect(Array.from(await cpu.read(await cpu.gaussianFilter2d(x, W, H, { sigma: 1.5 })))).toEqual(Array.from(gaussianFilter(x, W, H, { sigma: 1.5 })));
    expect(Array.from(await cpu.read(await cpu.medianFilter2d(x, W, H, { size: 5 })))).toEqual(Array.from(medianFilter(x, W, H, { size: 5 })));
  });

  it('fft2d: real input → interleaved complex spectrum (numpy.fft.fft2), inverse returns the input', async () => {
    const { re, im } = realFft2d(x, H, W);
    const spec = await cpu.read(await cpu.fft2d(x, H, W));
    expect(spec.length).toBe(2 * W * H);
    for (let i = 0; i < W * H; i++) {
      expect(spec[2 * i]).toBe(Math.fround(re[i]));
      expect(spec[2 * i + 1]).toBe(Math.fround(im[i]));
    }
    const back = await cpu.read(await cpu.fft2d(spec, H, W, { inverse: true }));
    for (let i = 0; i < W * H; i++) {
      expect(back[2 * i]).toBeCloseTo(x[i], 3);
      expect(Math.abs(back[2 * i + 1])).toBeLessThan(1e-3);
    }
  });

  it('reduce and the cross-power spectrum', async () => {
    const r = await cpu.reduce(Float32Array.of(1, -2, 3));
    expect(r).toEqual({ min: -2, max: 3, sum: 2, sumSquares: 14, count: 3 });
    const c = await cpu.read(await cpu.crossPowerSpectrum(Float32Array.of(0, 2), Float32Array.of(0, 1)));
    expect(Array.from(c)).toEqual([1, 0]); // 2i·conj(i) = 2, normalised to 1
  });

  it('handles: read without copy, into `out`, and not after dispose; foreign handles refused', async () => {
    const h = await cpu.upload(x);
    expect(await cpu.read(h)).toBe(x);
    const out = new Float32Array(x.length);
    expect(await cpu.read(h, out)).toBe(out);
    expect(Array.from(out)).toEqual(Array.from(x));
    h.dispose();
    await expect(cpu.read(h)).rejects.toThrow(/disposed/);
    const foreign = { backend: 'webgpu' as const, length: 4, dispose() {} };
    await expect(cpu.reduce(foreign)).rejects.toThrow(/array of the webgpu backend/);
  });

  it('names the parameter on bad input', async () => {
    await expect(cpu.gaussianFilter2d(x, W, H + 1, { sigma: 1 })).rejects.toThrow(/input has 91 values, expected width·height = 13·8 = 104/);
    await expect(cpu.fft2d(x, 0, W)).rejects.toThrow(/rows × cols = 0 × 13, expected positive integers/);
    await expect(cpu.crossPowerSpectrum(Float32Array.of(1, 2), Float32Array.of(1))).rejects.toThrow(/b has 1 values, expected 2/);
    await expect(cpu.reduce(new Float32Array(0))).rejects.toThrow(/0 values/);
  });
});
