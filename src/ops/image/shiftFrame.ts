import type { ImageData2D } from './assertImageData';
import { bilinearShift } from './bilinearShift';
import { fourierShift } from './fourierShift';
import { warpAffine } from './warpAffine';

export interface ShiftFrameOptions {
  /** Shift in pixels along rows (y) and columns (x): out(y, x) = in(y − dy, x − dx). */
  dy: number;
  dx: number;
  /** 'fourier' (circular), 'bicubic' (cubic B-spline, scipy order 3); anything else bilinear (order 1). */
  interpolation: string;
  /** Value of pixels shifted in from outside (bilinear, bicubic). */
  fill: number;
  /** Output buffer (width·height). */
  out: Float32Array;
}

/**
 * Translates one frame by (dy, dx) with the chosen interpolation — the apply step of drift
 * correction, run per frame by the one-thread path and by the worker pool alike.
 */
export function shiftFrame(frame: ImageData2D, width: number, height: number, o: ShiftFrameOptions): Float32Array {
  const { dy, dx, fill, out } = o;
  if (o.interpolation === 'fourier') return fourierShift(frame, width, height, { dy, dx, out });
  if (o.interpolation === 'bicubic') return warpAffine(frame, width, height, { matrix: [1, 0, -dy, 0, 1, -dx], order: 3, fill, out });
  return bilinearShift(frame, width, height, { dy, dx, fill, out });
}
