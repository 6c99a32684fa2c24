/**
 * What the GPU bench times: each case is one of our `ComputeBackend` kernels (or a chain of them),
 * run on the WebGPU backend and on the CPU backend with the same input; `peer_gpu.py` runs the
 * PyTorch equivalent under the same id. Inputs are the ones `npm run bench` uses (bench/inputs.ts).
 */
import type { ComputeBackend, DeviceArray } from '../../src/compute/computeBackend';
import { gaussianPsf } from '../../src/ops/image/gaussianPsf';
import { benchImage, benchVolume } from '../inputs';

export interface GpuBenchSizes {
  /** Side of the square image (2048 full, small in --smoke). */
  image: number;
  /** Side of the cubic volume (256 full). */
  volume: number;
}

export const FULL_SIZES: GpuBenchSizes = { image: 2048, volume: 256 };
/** Seconds on SwiftShader; powers of two so the same FFT path (Stockham) runs as in the full size. */
export const SMOKE_SIZES: GpuBenchSizes = { image: 64, volume: 16 };

/** The timed call: from backend-resident inputs to a result (a handle, or host values). */
export type GpuRun = (b: ComputeBackend, inputs: DeviceArray[]) => Promise<DeviceArray | Float32Array>;

export interface GpuCase {
  id: string;
  title: string;
  /** e.g. '2048²' — filled from the sizes. */
  shape(s: GpuBenchSizes): string;
  /** What peer_gpu.py runs for it. */
  peer: string;
  /**
   * Largest max |webgpu − cpu| / max |cpu| accepted (float32 round-off of the kernel; the smoke
   * test fails beyond it).
   */
  tolerance: number;
  /** Host inputs (not timed), uploaded once per backend before timing. */
  inputs(s: GpuBenchSizes, slicePath?: string): Float32Array[];
  run(s: GpuBenchSizes): GpuRun;
}

/** Richardson–Lucy assumes non-negative data: lifted to min 0.1 (as bench/cases.ts and peer.py). */
function positive(x: Float32Array): Float32Array {
  let min = Infinity;
  for (const v of x) min = Math.min(min, v);
  return x.map((v) => v - min + 0.1);
}

/** The moving frame of the phase-correlation case: the image read 7 rows and 11 columns on. */
function shifted(data: Float32Array, n: number): Float32Array {
  const moving = new Float32Array(n * n);
  for (let y = 0; y < n - 7; y++) moving.set(data.subarray((y + 7) * n + 11, (y + 8) * n), y * n);
  return moving;
}

/** Index (row, col) of the largest |c| of an interleaved complex rows × cols surface. */
export function complexArgmax(c: Float32Array, cols: number): [number, number] {
  let best = -1;
  let at = 0;
  for (let i = 0; i < c.length; i += 2) {
    const m = c[i] * c[i] + c[i + 1] * c[i + 1];
    if (m > best) {
      best = m;
      at = i >> 1;
    }
  }
  return [Math.floor(at / cols), at % cols];
}

const sq = (n: number) => `${n}²`;
const cube = (n: number) => `${n}³`;
const PSF_SIZE = 5;

export const GPU_CASES: GpuCase[] = [
  {
    id: 'fft-2d',
    title: 'FFT 2-D, real in, complex out, forward',
    shape: (s) => sq(s.image),
    peer: 'torch.fft.fft2',
    // Stockham radix-2 in float32: error grows ~ log2(n)·ε relative to the largest bin.
    tolerance: 1e-5,
    inputs: (s, p) => [benchImage(s.image, p)],
    run: (s) => (b, [x]) => b.fft2d(x, s.image, s.image),
  },
  {
    id: 'fft-3d',
    title: 'FFT 3-D, real in, complex out, forward',
    shape: (s) => cube(s.volume),
    peer: 'torch.fft.fftn',
    tolerance: 1e-5,
    inputs: (s, p) => [benchVolume(s.volume, p)],
    run: (s) => (b, [x]) => b.fft3d(x, s.volume, s.volume, s.volume),
  },
  {
    id: 'gaussian-2d',
    title: 'Gaussian σ=2 (truncate 4, nearest)',
    shape: (s) => sq(s.image),
    peer: 'torch conv2d, separable, replicate padding',
    tolerance: 1e-6,
    inputs: (s, p) => [benchImage(s.image, p)],
    run: (s) => (b, [x]) => b.gaussianFilter2d(x, s.image, s.image, { sigma: 2 }),
  },
  {
    id: 'gaussian-3d',
    title: 'Gaussian σ=2 (truncate 4, nearest)',
    shape: (s) => cube(s.volume),
    peer: 'torch conv3d, separable, replicate padding',
    tolerance: 1e-6,
    inputs: (s, p) => [benchVolume(s.volume, p)],
    run: (s) => (b, [x]) => b.gaussianFilter3d(x, s.volume, s.volume, s.volume, { sigma: 2 }),
  },
  {
    id: 'median-2d',
    title: 'median 3×3 (reflect)',
    shape: (s) => sq(s.image),
    peer: 'torch unfold + median, reflect padding',
    // Selection, no arithmetic: identical values.
    tolerance: 0,
    inputs: (s, p) => [benchImage(s.image, p)],
    run: (s) => (b, [x]) => b.medianFilter2d(x, s.image, s.image, { size: 3 }),
  },
  {
    id: 'nlm-2d',
    title: 'non-local means, fast mode, patch 5, distance 6, h 0.1',
    shape: (s) => sq(s.image),
    peer: 'torch, full search window, shifted box sums, Schraudolph exp',
    // The GPU rebuilds fastExp with ldexp in float32 (src/compute/CONTEXT.md: ≤ 2e−6 of the range).
    tolerance: 1e-5,
    inputs: (s, p) => [benchImage(s.image, p)],
    run: (s) => (b, [x]) => b.nlMeansDenoise2d(x, s.image, s.image, { h: 0.1, patchSize: 5, patchDistance: 6 }),
  },
  {
    id: 'richardson-lucy-2d',
    title: `Richardson–Lucy, 10 iterations, Gaussian PSF ${PSF_SIZE}×${PSF_SIZE} σ=1`,
    shape: (s) => sq(s.image),
    peer: 'torch conv2d, zero padding',
    // Ten multiplicative updates, each a ratio of float32 convolutions.
    tolerance: 1e-4,
    inputs: (s, p) => [positive(benchImage(s.image, p))],
    run: (s) => {
      const psf = gaussianPsf({ size: PSF_SIZE, sigma: 1 });
      return (b, [x]) => b.richardsonLucy(x, s.image, s.image, { psf, psfWidth: PSF_SIZE, psfHeight: PSF_SIZE, numIter: 10, clip: false });
    },
  },
  {
    id: 'phase-correlation-2d',
    title: 'phase correlation: 2 FFTs, cross-power, inverse FFT, read-back, integer peak (shift 7, 11 px)',
    shape: (s) => sq(s.image),
    peer: 'torch.fft.fft2 ×2, normalised cross-power, ifft2, argmax',
    // The result is the peak position: exact.
    tolerance: 0,
    inputs: (s, p) => {
      const a = benchImage(s.image, p);
      return [a, shifted(a, s.image)];
    },
    run: (s) => async (b, [a, m]) => {
      const n = s.image;
      const handles: DeviceArray[] = [];
      const keep = (h: DeviceArray) => (handles.push(h), h);
      try {
        const fa = keep(await b.fft2d(a, n, n));
        const fb = keep(await b.fft2d(m, n, n));
        const r = keep(await b.crossPowerSpectrum(fa, fb));
        const c = keep(await b.fft2d(r, n, n, { inverse: true }));
        return Float32Array.from(complexArgmax(await b.read(c), n));
      } finally {
        for (const h of handles) h.dispose();
      }
    },
  },
];

/** Uploads host inputs to a backend (CPU: wraps them without copying). */
export async function uploadAll(b: ComputeBackend, xs: Float32Array[]): Promise<DeviceArray[]> {
  const out: DeviceArray[] = [];
  for (const x of xs) out.push(await b.upload(x));
  return out;
}
