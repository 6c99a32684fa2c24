/// <reference types="@webgpu/types" />
/** The phase-correlation cross-power spectrum of two interleaved complex spectra, elementwise. */
import { checkCrossPowerArgs, type ArrayInput, type CrossPowerOptions, type DeviceArray } from '../computeBackend';
import { CROSS_POWER_FLOOR } from '../../ops/fft/crossPowerSpectrum';
import { crossPowerWgsl } from '../wgsl/fft.wgsl';
import { hostValues, onGpu, onHost, withInputs } from './gpuArrays';
import { f32, params, type GpuContext } from './gpuContext';
import { forEachChunk } from './hostChunks';

export function crossPowerSpectrum(ctx: GpuContext, a: ArrayInput, b: ArrayInput, options: CrossPowerOptions = {}): Promise<DeviceArray> {
  checkCrossPowerArgs(a, b);
  const normalize = options.normalize ?? true;
  // `values` float32s: values / 2 complex products.
  const kernel = (ba: GPUBuffer, bb: GPUBuffer, dst: GPUBuffer, values: number) =>
    ctx.dispatch(
      crossPowerWgsl,
      'main',
      [{ buffer: ba, size: values * 4 }, { buffer: bb, size: values * 4 }, { buffer: dst, size: values * 4 }],
      params(values / 2, normalize ? 1 : 0, f32(CROSS_POWER_FLOOR)),
      values / 2,
    );
  return withInputs(ctx, 'crossPowerSpectrum', [a, b], async ([xa, xb]) => {
    const [ga, gb] = [xa.buffer, xb.buffer];
    if (ga && gb) return onGpu(ctx, a.length, (dst) => kernel(ga, gb, dst, a.length));
    const out = new Float32Array(a.length);
    await forEachChunk(ctx, [await hostValues(ctx, xa), await hostValues(ctx, xb)], 2, 1, async ([ba, bb, dst], i0, values) => {
      await kernel(ba, bb, dst, values);
      await ctx.download(dst, values, out.subarray(i0, i0 + values));
    });
    return onHost(ctx, out);
  });
}
