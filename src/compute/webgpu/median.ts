/** Median 3×3 / 5×5 ('reflect' edges) as one image kernel. */
import { checkImageArgs, checkMedianSize, type ArrayInput, type DeviceArray, type MedianFilter2dOptions } from '../computeBackend';
import { medianWgsl } from '../wgsl/median.wgsl';
import { params, type GpuContext } from './gpuContext';
import { filterImage } from './imageFilter';

export function medianFilter2d(ctx: GpuContext, input: ArrayInput, width: number, height: number, options: MedianFilter2dOptions): Promise<DeviceArray> {
  checkImageArgs('medianFilter2d', input, width, height);
  checkMedianSize(options.size);
  const radius = (options.size - 1) / 2;
  return filterImage(ctx, 'medianFilter2d', input, width, height, radius, 'reflect', (src, dst, w, h) => {
    const count = w * h;
    return ctx.dispatch(medianWgsl, 'main', [{ buffer: src, size: count * 4 }, { buffer: dst, size: count * 4 }], params(w, h, options.size, count), count);
  }, options);
}
