import { realFft2d } from '../fft/realFft2d';
import { assertImageData, type ImageData2D } from './assertImageData';
import { phaseCrossCorrelation } from './phaseCrossCorrelation';
import { clearPhaseCorrelationScratch } from './phaseCorrelationScratch';

/** How register.drift estimates one frame's shift (the per-frame step, pool or one thread). */
export interface EstimateFrameShiftOptions {
  /**
   * 'fixed': against `referenceSpectrum` (one frame's, computed once by the caller); 'previous':
   * against frame f − 1 of `stack` (frame 0 gets 0, 0, 0).
   */
  against: 'fixed' | 'previous';
  referenceSpectrum?: { re: Float64Array; im: Float64Array };
  /** The whole stack (frames × plane), for 'previous'. In shared memory it reaches pool threads without a copy. */
  stack?: ImageData2D;
  /** Taper applied after removing the mean (e.g. Hann), or null for the raw frame. */
  window: Float64Array | null;
  upsampleFactor: number;
}

/**
 * Scratch of this op (one size kept, like phaseCorrelationScratch): the prepared moving frame and,
 * for 'previous', the prepared previous frame and its spectrum. Per thread; freed by
 * `clearFrameShiftScratch` when a stack is done.
 */
let kept: Float64Array[] | null = null;
function scratch(n: number): Float64Array[] {
  if (!kept || kept[0].length !== n) {
    kept = null;
    kept = [new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  }
  return kept;
}

export function clearFrameShiftScratch(): void {
  kept = null;
  clearPhaseCorrelationScratch();
}

/** The frame as correlated: mean removed and tapered into `buf`, or the raw frame without a window. */
export function prepareForCorrelation(frame: ImageData2D, window: Float64Array | null, buf: Float64Array): ImageData2D {
  if (!window) return frame;
  const n = window.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += frame[i];
  mean /= n;
  for (let i = 0; i < n; i++) buf[i] = (frame[i] - mean) * window[i];
  return buf;
}

/**
 * Shift of frame `f` (`frame` is its pixels) by phase correlation, written to `out` as
 * [dy, dx, error] (skimage's phase_cross_correlation shift and error).
 */
export function estimateFrameShift(frame: ImageData2D, width: number, height: number, o: EstimateFrameShiftOptions, f: number, out: Float64Array): Float64Array {
  const n = width * height;
  if (o.window && o.window.length !== n) throw new RangeError(`estimateFrameShift: window has ${o.window.length} values, expected ${n}`);
  const [movBuf, prevBuf, refRe, refIm] = scratch(n);
  let spectrum = o.referenceSpectrum;
  if (o.against === 'previous') {
    if (f === 0) {
      // Frame 0 is only ever a reference: checked here, as every other frame is when it moves.
      assertImageData('phaseCrossCorrelation (reference)', frame, width, height);
      out[0] = out[1] = out[2] = 0;
      return out;
    }
    if (!o.stack || o.stack.length < (f + 1) * n) throw new RangeError(`estimateFrameShift: 'previous' needs the stack with frame ${f}`);
    // Not checked here: frame f − 1 is checked as the moving frame of its own step, which comes first.
    const prev = o.stack.subarray((f - 1) * n, f * n);
    // phaseCrossCorrelation reads only the columns 0 … ⌊W/2⌋ of a reference spectrum.
    spectrum = realFft2d(prepareForCorrelation(prev, o.window, prevBuf), height, width, { re: refRe, im: refIm }, { halfOnly: true });
  }
  if (!spectrum) throw new RangeError("estimateFrameShift: 'fixed' needs referenceSpectrum");
  // The raw frame, so a bad pixel is named where it is (the tapered copy would be NaN everywhere).
  assertImageData('phaseCrossCorrelation (moving)', frame, width, height);
  const r = phaseCrossCorrelation(spectrum.re, prepareForCorrelation(frame, o.window, movBuf), width, height, {
    upsampleFactor: o.upsampleFactor,
    referenceSpectrum: spectrum,
  });
  out[0] = r.shift[0];
  out[1] = r.shift[1];
  out[2] = r.error;
  return out;
}
