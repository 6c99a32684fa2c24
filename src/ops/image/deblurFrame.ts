import type { ImageData2D } from './assertImageData';
import { richardsonLucy } from './richardsonLucy';
import { wienerDeconvolve } from './wienerDeconvolve';

/** The deconvolution of one 2-D frame (the parameters of the `clean.deblur` node, PSF resolved). */
export interface DeblurFrameOptions {
  /** 'wiener'; anything else is Richardson–Lucy (the node's enum). */
  method: string;
  psf: Float64Array;
  psfWidth: number;
  psfHeight: number;
  clip: boolean;
  /** Richardson–Lucy. */
  iterations: number;
  filterEpsilon: number | null;
  /** Wiener. */
  balance: number;
}

/**
 * Richardson–Lucy or Wiener deconvolution of one frame into `out` — what clean.deblur runs per
 * frame on the CPU, on one thread and on the frame pool alike (so both give the same bits).
 */
export function deblurFrame(frame: ImageData2D, width: number, height: number, o: DeblurFrameOptions, out: Float32Array): Float32Array {
  const common = { psf: o.psf, psfWidth: o.psfWidth, psfHeight: o.psfHeight, clip: o.clip, out };
  if (o.method === 'wiener') return wienerDeconvolve(frame, width, height, { ...common, balance: o.balance });
  return richardsonLucy(frame, width, height, { ...common, numIter: o.iterations, filterEpsilon: o.filterEpsilon });
}
