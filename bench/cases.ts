/**
 * What `npm run bench` times: each case runs one of our kernels on the shared input; `peer.py`
 * runs the field's tool on the same input under the same id. A case returns its result so the
 * runner can check both sides computed the same thing (max |ours − peer| relative to the range).
 */
import { fft2d } from '../src/ops/fft/fft2d';
import { fft3d } from '../src/ops/fft/fft3d';
import { gaussianFilter } from '../src/ops/image/gaussianFilter';
import { gaussianPsf } from '../src/ops/image/gaussianPsf';
import { medianFilter } from '../src/ops/image/medianFilter';
import { nlMeansDenoise } from '../src/ops/image/nlMeansDenoise';
import { phaseCrossCorrelation } from '../src/ops/image/phaseCrossCorrelation';
import { richardsonLucy } from '../src/ops/image/richardsonLucy';
import { thresholdOtsu } from '../src/ops/image/thresholdOtsu';
import { tvDenoiseChambolle } from '../src/ops/image/tvDenoiseChambolle';
import { gaussianFilter3d } from '../src/ops/volume/gaussianFilter3d';
import { medianFilter3d } from '../src/ops/volume/medianFilter3d';
import { benchImage, benchVolume } from './inputs';

export interface BenchSizes {
  /** Side of the square test image (2048 in the full run). */
  image: number;
  /** Side of the cubic test volume (256 in the full run). */
  volume: number;
}

export interface BenchCase {
  id: string;
  /** What the row says: kernel and parameters. */
  title: string;
  input: 'image' | 'volume';
  /** The peer it is compared with (run by peer.py under the same id). */
  peer: string;
  /** Builds the inputs (not timed) and returns the timed function, which returns the result. */
  prepare(sizes: BenchSizes): () => Float32Array | Float64Array;
}

const img = (s: BenchSizes) => ({ data: benchImage(s.image), w: s.image, h: s.image });

/** Richardson–Lucy assumes non-negative data: the slice lifted to min 0.1 (as peer.py does). */
function positive(i: { data: Float32Array; w: number; h: number }) {
  let min = Infinity;
  for (const v of i.data) min = Math.min(min, v);
  return { ...i, data: i.data.map((v) => v - min + 0.1) };
}

/** |FFT| as float32 interleaved re, im is large; the check compares the first row of re/im only. */
function firstRow(re: Float64Array, im: Float64Array, cols: number): Float64Array {
  const out = new Float64Array(2 * cols);
  for (let c = 0; c < cols; c++) {
    out[2 * c] = re[c];
    out[2 * c + 1] = im[c];
  }
  return out;
}

export const CASES: BenchCase[] = [
  {
    id: 'gaussian-2d',
    title: 'Gaussian σ=2 (truncate 4, nearest)',
    input: 'image',
    peer: 'skimage.filters.gaussian',
    prepare: (s) => {
      const { data, w, h } = img(s);
      return () => gaussianFilter(data, w, h, { sigma: 2 });
    },
  },
  {
    id: 'median-2d',
    title: 'median 3×3 (reflect)',
    input: 'image',
    peer: 'scipy.ndimage.median_filter',
    prepare: (s) => {
      const { data, w, h } = img(s);
      return () => medianFilter(data, w, h, { size: 3 });
    },
  },
  {
    id: 'nlm-2d',
    title: 'non-local means, fast mode, patch 5, distance 6, h 0.1',
    input: 'image',
    peer: 'skimage.restoration.denoise_nl_means',
    prepare: (s) => {
      const { data, w, h } = img(s);
      return () => nlMeansDenoise(data, w, h, { h: 0.1, patchSize: 5, patchDistance: 6 });
    },
  },
  {
    id: 'tv-2d',
    title: 'TV Chambolle, weight 0.1, eps 2e-4, ≤ 200 iterations',
    input: 'image',
    peer: 'skimage.restoration.denoise_tv_chambolle',
    prepare: (s) => {
      const { data, w, h } = img(s);
      return () => tvDenoiseChambolle(data, w, h, { weight: 0.1 });
    },
  },
  {
    id: 'phase-correlation-2d',
    title: 'phase correlation, upsample 10 (shift 7, 11 px)',
    input: 'image',
    peer: 'skimage.registration.phase_cross_correlation',
    prepare: (s) => {
      const { data, w, h } = img(s);
      // The moving frame: the same tiling read 7 rows and 11 columns further on.
      const moving = new Float32Array(w * h);
      for (let y = 0; y < h - 7; y++) moving.set(data.subarray((y + 7) * w + 11, (y + 8) * w), y * w);
      return () => Float64Array.from(phaseCrossCorrelation(data, moving, w, h, { upsampleFactor: 10 }).shift);
    },
  },
  {
    id: 'richardson-lucy-2d',
    title: 'Richardson–Lucy, 10 iterations, Gaussian PSF 5×5 σ=1',
    input: 'image',
    peer: 'skimage.restoration.richardson_lucy',
    prepare: (s) => {
      const { data, w, h } = positive(img(s));
      const psf = gaussianPsf({ size: 5, sigma: 1 });
      return () => richardsonLucy(data, w, h, { psf, psfWidth: 5, psfHeight: 5, numIter: 10, clip: false });
    },
  },
  {
    id: 'otsu-2d',
    title: 'Otsu threshold, 256 bins',
    input: 'image',
    peer: 'skimage.filters.threshold_otsu',
    prepare: (s) => {
      const { data } = img(s);
      return () => Float64Array.of(thresholdOtsu(data));
    },
  },
  {
    id: 'fft-2d',
    title: 'FFT 2-D, complex, forward',
    input: 'image',
    peer: 'numpy.fft.fft2',
    prepare: (s) => {
      const { data, w, h } = img(s);
      const re = new Float64Array(w * h);
      const im = new Float64Array(w * h);
      return () => {
        re.set(data);
        im.fill(0);
        fft2d(re, im, h, w);
        return firstRow(re, im, w);
      };
    },
  },
  {
    id: 'gaussian-3d',
    title: 'Gaussian σ=2 (truncate 4, nearest)',
    input: 'volume',
    peer: 'scipy.ndimage.gaussian_filter',
    prepare: (s) => {
      const v = benchVolume(s.volume);
      return () => gaussianFilter3d(v, s.volume, s.volume, s.volume, { sigma: 2 });
    },
  },
  {
    id: 'median-3d',
    title: 'median 3×3×3 (reflect)',
    input: 'volume',
    peer: 'scipy.ndimage.median_filter',
    prepare: (s) => {
      const v = benchVolume(s.volume);
      return () => medianFilter3d(v, s.volume, s.volume, s.volume, { size: 3 });
    },
  },
  {
    id: 'fft-3d',
    title: 'FFT 3-D, complex, forward',
    input: 'volume',
    peer: 'numpy.fft.fftn',
    prepare: (s) => {
      const n = s.volume;
      const v = benchVolume(n);
      const re = new Float64Array(n * n * n);
      const im = new Float64Array(n * n * n);
      return () => {
        re.set(v);
        im.fill(0);
        fft3d(re, im, n, n, n);
        return firstRow(re, im, n);
      };
    },
  },
];
