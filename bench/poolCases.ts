/**
 * Rows that compare our frame pool (src/workers/pool) with our own one-thread path on the same
 * stack: the same kernel per frame on both sides, so the results must be bit-identical. The
 * peer-vs-ours rows (cases.ts) stay single-threaded on both sides.
 */
import type { FramePool } from '../src/workers/pool/framePool';
import { mapFrames } from '../src/workers/pool/mapFrames';
import { benchImage } from './inputs';
import { gaussianPsf } from '../src/ops/image/gaussianPsf';
import { hannWindow2d } from '../src/ops/image/hannWindow2d';
import { realFft2d } from '../src/ops/fft/realFft2d';
import { prepareForCorrelation } from '../src/ops/image/estimateFrameShift';
import type { BenchSizes } from './cases';

export interface PoolBenchCase {
  id: string;
  title: string;
  /** Builds the stack (not timed) and returns the timed run; `pool` null = one thread. */
  prepare(sizes: BenchSizes, pool: FramePool | null): () => Promise<Float32Array>;
}

const FRAMES = 32;

/**
 * 32 frames of the bench image (at most 1024² each, so the full run's stack stays at 128 MiB;
 * `maxSide` smaller for the slow kernels), shared memory.
 */
function sharedStack(s: BenchSizes, maxSide = 1024): { data: Float32Array; side: number } {
  const side = Math.min(s.image, maxSide);
  const img = benchImage(side);
  const data = new Float32Array(new SharedArrayBuffer(FRAMES * img.length * 4));
  // Each frame different (scaled), so a lane mixing up frames would show in the agreement.
  for (let f = 0; f < FRAMES; f++) {
    const dst = data.subarray(f * img.length, (f + 1) * img.length);
    for (let i = 0; i < img.length; i++) dst[i] = img[i] * (1 + f / FRAMES);
  }
  return { data, side };
}

export const POOL_CASES: PoolBenchCase[] = [
  {
    id: 'denoise-frames',
    title: `denoise Gaussian σ=2 per frame, ${FRAMES} frames`,
    prepare: (s, pool) => {
      const { data, side } = sharedStack(s);
      const out = new Float32Array(new SharedArrayBuffer(data.length * 4));
      const p = { method: 'gaussian', sigma: 2, size: 3, sigmaSpatial: 1, sigmaColor: null, h: null, noiseSigma: 0, patchSize: 7, patchDistance: 11, weight: null };
      return async () => {
        await mapFrames('denoise.frame', p, data, out, side, side, { pool });
        return out;
      };
    },
  },
  {
    id: 'deblur-frames',
    title: `deblur Richardson–Lucy, 10 iterations, Gaussian PSF 7×7 σ=1.5, per frame, ${FRAMES} frames (≤ 512²)`,
    prepare: (s, pool) => {
      const { data, side } = sharedStack(s, 512);
      const out = new Float32Array(new SharedArrayBuffer(data.length * 4));
      const p = { method: 'richardson-lucy', psf: gaussianPsf({ size: 7, sigma: 1.5 }), psfWidth: 7, psfHeight: 7, clip: false, iterations: 10, filterEpsilon: null, balance: 0.01 };
      return async () => {
        await mapFrames('deblur.frame', p, data, out, side, side, { pool });
        return out;
      };
    },
  },
  {
    id: 'drift-estimate-frames',
    title: `drift estimation: phase correlation to frame 0, Hann, upsample 10, ${FRAMES} frames`,
    prepare: (s, pool) => {
      const { data, side } = sharedStack(s);
      const plane = side * side;
      const sharedF64 = () => new Float64Array(new SharedArrayBuffer(plane * 8));
      const window = sharedF64();
      window.set(hannWindow2d(side, side));
      const referenceSpectrum = realFft2d(prepareForCorrelation(data.subarray(0, plane), window, new Float64Array(plane)), side, side, { re: sharedF64(), im: sharedF64() });
      const values = new Float64Array(new SharedArrayBuffer(FRAMES * 3 * 8));
      const p = { against: 'fixed' as const, referenceSpectrum, window, upsampleFactor: 10 };
      return async () => {
        await mapFrames('register.estimateShift', p, data, null, side, side, { pool, values });
        return new Float32Array(values.buffer);
      };
    },
  },
  {
    id: 'rings-frames',
    title: `remove rings, all (dead → large → sorting), per frame, ${FRAMES} frames (≤ 512²)`,
    prepare: (s, pool) => {
      const { data, side } = sharedStack(s, 512);
      const out = new Float32Array(new SharedArrayBuffer(data.length * 4));
      const values = new Float64Array(new SharedArrayBuffer(FRAMES * 2 * 8));
      const p = { method: 'all', polarMethod: 'sorting', size: 21, sigma: 3, order: 2, fitSigma: 10, snr: 3, largeSize: 51, dropRatio: 0.1, level: null, wavelet: 'db5', waveletSigma: 2, pad: true, countThreshold: 0.005 };
      return async () => {
        await mapFrames('rings.frame', p, data, out, side, side, { pool, values });
        return out;
      };
    },
  },
  {
    id: 'quality-frames',
    title: `quality features (noise, sharpness, contrast, BRISQUE), ${FRAMES} frames (≤ 512²)`,
    prepare: (s, pool) => {
      const { data, side } = sharedStack(s, 512);
      const values = new Float64Array(new SharedArrayBuffer(FRAMES * 42 * 8));
      const p = { brisque: true, offset: 0, scale: 1 };
      return async () => {
        await mapFrames('quality.features', p, data, null, side, side, { pool, values });
        return new Float32Array(values.buffer);
      };
    },
  },
];
