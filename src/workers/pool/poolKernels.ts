/**
 * The kernels the frame pool can run, by id. Each is a thin adapter over the same op the
 * one-thread path calls (no science here), so pooled and one-thread results are bit-identical.
 * Parameters travel as structured-cloned plain objects; pixels never do (SharedArrayBuffer views).
 */
import type { ImageData2D } from '../../ops/image/assertImageData';
import { denoiseFrame, type DenoiseFrameOptions } from '../../ops/image/denoiseFrame';
import { shiftFrame, type ShiftFrameOptions } from '../../ops/image/shiftFrame';

/** Per-frame shifts of drift correction: frame f moves by (dy[f], dx[f]). */
export interface ShiftFramesParams extends Omit<ShiftFrameOptions, 'dy' | 'dx' | 'out'> {
  dy: ArrayLike<number>;
  dx: ArrayLike<number>;
}

export interface PoolKernelParams {
  'denoise.frame': DenoiseFrameOptions;
  'register.shiftFrame': ShiftFramesParams;
}

export type PoolKernelId = keyof PoolKernelParams;

/** frame → out (width·height float32) for frame index f. */
type FrameKernel<P> = (frame: ImageData2D, width: number, height: number, params: P, out: Float32Array, f: number) => void;

export const POOL_KERNELS: { [K in PoolKernelId]: FrameKernel<PoolKernelParams[K]> } = {
  'denoise.frame': (frame, w, h, p, out) => denoiseFrame(frame, w, h, p, out),
  'register.shiftFrame': (frame, w, h, p, out, f) => void shiftFrame(frame, w, h, { ...p, dy: p.dy[f], dx: p.dx[f], out }),
};
