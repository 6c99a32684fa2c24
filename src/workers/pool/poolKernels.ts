/**
 * The kernels the frame pool can run, by id. Each is a thin adapter over the same op the
 * one-thread path calls (no science here), so pooled and one-thread results are bit-identical.
 * Parameters travel as structured-cloned plain objects; pixels never do (SharedArrayBuffer views;
 * a typed array over a SharedArrayBuffer inside the parameters, e.g. a reference spectrum, is
 * shared too, not copied).
 */
import type { ImageData2D } from '../../ops/image/assertImageData';
import { deblurFrame, type DeblurFrameOptions } from '../../ops/image/deblurFrame';
import { denoiseFrame, type DenoiseFrameOptions } from '../../ops/image/denoiseFrame';
import { clearFrameShiftScratch, estimateFrameShift, type EstimateFrameShiftOptions } from '../../ops/image/estimateFrameShift';
import { shiftFrame, type ShiftFrameOptions } from '../../ops/image/shiftFrame';
import { frameQualityFeatures, type FrameQualityFeaturesOptions } from '../../ops/quality/frameQualityFeatures';
import { removeRingsFrame, type RemoveRingsFrameOptions } from '../../ops/sinogram/removeRingsFrame';

/** Per-frame shifts of drift correction: frame f moves by (dy[f], dx[f]). */
export interface ShiftFramesParams extends Omit<ShiftFrameOptions, 'dy' | 'dx' | 'out'> {
  dy: ArrayLike<number>;
  dx: ArrayLike<number>;
}

export interface PoolKernelParams {
  'denoise.frame': DenoiseFrameOptions;
  'register.shiftFrame': ShiftFramesParams;
  /** Values out: [dy, dx, error] per frame (no pixels). */
  'register.estimateShift': EstimateFrameShiftOptions;
  'deblur.frame': DeblurFrameOptions;
  /** Pixels out, and values [stripes before, stripes after] per frame. */
  'rings.frame': RemoveRingsFrameOptions;
  /** Values out: the frame's quality features (no pixels). */
  'quality.features': FrameQualityFeaturesOptions;
}

export type PoolKernelId = keyof PoolKernelParams;

/**
 * frame → `out` (its width·height float32 pixels; empty for value-only kernels) and `values` (its
 * slot of per-frame float64 values; empty for pixel-only kernels), for frame index f.
 */
export type FrameKernel<P> = (frame: ImageData2D, width: number, height: number, params: P, out: Float32Array, f: number, values: Float64Array) => void;

export const POOL_KERNELS: { [K in PoolKernelId]: FrameKernel<PoolKernelParams[K]> } = {
  'denoise.frame': (frame, w, h, p, out) => denoiseFrame(frame, w, h, p, out),
  'register.shiftFrame': (frame, w, h, p, out, f) => void shiftFrame(frame, w, h, { ...p, dy: p.dy[f], dx: p.dx[f], out }),
  'register.estimateShift': (frame, w, h, p, _out, f, values) => void estimateFrameShift(frame, w, h, p, f, values),
  'deblur.frame': (frame, w, h, p, out) => void deblurFrame(frame, w, h, p, out),
  'rings.frame': (frame, w, h, p, out, _f, values) => removeRingsFrame(frame, w, h, p, out, values),
  'quality.features': (frame, w, h, p, _out, _f, values) => {
    const v = frameQualityFeatures(frame, w, h, p).values;
    if (v.length !== values.length) throw new RangeError(`quality.features: ${v.length} features, the output has room for ${values.length}`);
    values.set(v);
  },
};

/** Frees what kernels keep per thread between frames (scratch planes); pool threads call it after each task. */
export function releaseKernelScratch(): void {
  clearFrameShiftScratch();
}
