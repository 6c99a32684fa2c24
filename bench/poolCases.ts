/**
 * Rows that compare our frame pool (src/workers/pool) with our own one-thread path on the same
 * stack: the same kernel per frame on both sides, so the results must be bit-identical. The
 * peer-vs-ours rows (cases.ts) stay single-threaded on both sides.
 */
import type { FramePool } from '../src/workers/pool/framePool';
import { mapFrames } from '../src/workers/pool/mapFrames';
import { benchImage } from './inputs';
import type { BenchSizes } from './cases';

export interface PoolBenchCase {
  id: string;
  title: string;
  /** Builds the stack (not timed) and returns the timed run; `pool` null = one thread. */
  prepare(sizes: BenchSizes, pool: FramePool | null): () => Promise<Float32Array>;
}

const FRAMES = 32;

/** 32 frames of the bench image (at most 1024² each, so the full run's stack stays at 128 MiB), shared memory. */
function sharedStack(s: BenchSizes): { data: Float32Array; side: number } {
  const side = Math.min(s.image, 1024);
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
];
