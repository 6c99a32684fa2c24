import { assertImageData, type ImageData2D } from '../image/assertImageData';
import { polarRemoveRings } from '../image/polarRemoveRings';
import { polarFromCartesian } from '../image/polarFromCartesian';
import { removeStripeSorting } from './removeStripeSorting';
import { removeStripeFiltering } from './removeStripeFiltering';
import { removeStripeFitting } from './removeStripeFitting';
import { removeLargeStripe } from './removeLargeStripe';
import { removeDeadStripe } from './removeDeadStripe';
import { removeAllStripe } from './removeAllStripe';
import { removeStripeWaveletFft } from './removeStripeWaveletFft';
import { countStripes } from './countStripes';

/** Stripe / ring removal of one frame: the parameters of the `clean.remove-rings` node. */
export interface RemoveRingsFrameOptions {
  /** A sinogram method ('sorting', 'filtering', 'fitting', 'large', 'dead', 'all', 'wavelet-fft') or 'polar'. */
  method: string;
  /** 'polar': the sinogram method run in polar coordinates. */
  polarMethod: string;
  size: number;
  sigma: number;
  order: number;
  fitSigma: number;
  snr: number;
  largeSize: number;
  dropRatio: number;
  level: number | null;
  wavelet: string;
  waveletSigma: number;
  pad: boolean;
  /** Threshold of the stripe count (the node's table). */
  countThreshold: number;
}

/** Runs the sinogram method `method` on one frame (angle on rows). */
export function removeStripes(method: string, p: RemoveRingsFrameOptions, data: ImageData2D | Float64Array, w: number, h: number): Float32Array {
  switch (method) {
    case 'sorting':
      return removeStripeSorting(data, w, h, { size: p.size });
    case 'filtering':
      return removeStripeFiltering(data, w, h, { sigma: p.sigma, size: p.size });
    case 'fitting':
      return removeStripeFitting(data, w, h, { order: p.order, sigma: p.fitSigma });
    case 'large':
      return removeLargeStripe(data, w, h, { snr: p.snr, size: p.largeSize, dropRatio: p.dropRatio });
    case 'dead':
      return removeDeadStripe(data, w, h, { snr: p.snr, size: p.largeSize });
    case 'all':
      return removeAllStripe(data, w, h, { snr: p.snr, laSize: p.largeSize, smSize: p.size, dropRatio: p.dropRatio });
    case 'wavelet-fft':
      return removeStripeWaveletFft(data, w, h, { level: p.level, wavelet: p.wavelet, sigma: p.waveletSigma, pad: p.pad });
    default:
      throw new RangeError(`method: unknown stripe-removal method ${JSON.stringify(method)}`);
  }
}

/**
 * One frame of clean.remove-rings: stripes removed into `out`, and the stripe-column counts before
 * and after into `counts` ([before, after]; in polar coordinates for 'polar'). What the node runs
 * per frame on one thread and on the frame pool alike.
 */
export function removeRingsFrame(frame: ImageData2D, width: number, height: number, p: RemoveRingsFrameOptions, out: Float32Array, counts: Float64Array): void {
  assertImageData('image', frame, width, height);
  const count = (d: ImageData2D | Float64Array) =>
    p.method === 'polar' ? countStripes(polarFromCartesian(d, width), width, height, { threshold: p.countThreshold }) : countStripes(d, width, height, { threshold: p.countThreshold });
  if (p.method === 'polar') {
    polarRemoveRings(frame, width, { removeStripes: (pol, w, h) => removeStripes(p.polarMethod, p, pol, w, h), out });
  } else {
    out.set(removeStripes(p.method, p, frame, width, height));
  }
  counts[0] = count(frame);
  counts[1] = count(out);
}
