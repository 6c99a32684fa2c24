import type { ImageData2D } from './assertImageData';
import { bilateralFilter } from './bilateralFilter';
import { gaussianFilter } from './gaussianFilter';
import { medianFilter } from './medianFilter';
import { nlMeansDenoise } from './nlMeansDenoise';
import { tvDenoiseChambolle } from './tvDenoiseChambolle';

/** The denoising of one 2-D frame: method and its parameters (those of the `clean.denoise` node). */
export interface DenoiseFrameOptions {
  /** 'median' | 'bilateral' | 'nl-means' | 'tv'; anything else is 'gaussian' (the node's enum). */
  method: string;
  /** Gaussian σ in pixels. */
  sigma: number;
  /** Median window side (odd). */
  size: number;
  sigmaSpatial: number;
  /** Bilateral value σ; null = the image standard deviation. */
  sigmaColor: number | null;
  /** Non-local means cut-off; null = 0.1·(max − min) of the frame. */
  h: number | null;
  noiseSigma: number;
  patchSize: number;
  patchDistance: number;
  /** TV weight; null = 0.1·(max − min) of the frame. */
  weight: number | null;
}

/** Value range (max − min) of a frame: the scale of the automatic h and TV weight. */
export function valueRange(frame: ImageData2D): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < frame.length; i++) {
    const v = frame[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return hi - lo;
}

/**
 * One frame through the chosen denoising op into `out`. The single function both the one-thread
 * path and the worker pool run per frame, so their results are bit-identical.
 */
export function denoiseFrame(frame: ImageData2D, width: number, height: number, p: DenoiseFrameOptions, out: Float32Array): void {
  switch (p.method) {
    case 'median':
      medianFilter(frame, width, height, { size: p.size, out });
      return;
    case 'bilateral':
      bilateralFilter(frame, width, height, { sigmaColor: p.sigmaColor, sigmaSpatial: p.sigmaSpatial, out });
      return;
    case 'nl-means':
    case 'tv': {
      const strength = (p.method === 'tv' ? p.weight : p.h) ?? 0.1 * valueRange(frame);
      if (!(strength > 0)) {
        out.set(frame); // automatic strength on a flat frame: nothing to denoise
        return;
      }
      if (p.method === 'tv') tvDenoiseChambolle(frame, width, height, { weight: strength, out });
      else nlMeansDenoise(frame, width, height, { h: strength, sigma: p.noiseSigma, patchSize: p.patchSize, patchDistance: p.patchDistance, out });
      return;
    }
    default:
      gaussianFilter(frame, width, height, { sigma: p.sigma, out });
  }
}
