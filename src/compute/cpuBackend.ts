/**
 * The CPU backend: the reference implementation of `ComputeBackend`. Every kernel delegates to
 * a tested op in `src/ops`; this file only converts between the interface's float32 arrays
 * (interleaved complex) and the ops' layouts. Handles wrap host arrays (no copy).
 */
import {
  checkConvolveKernel,
  checkCrossPowerArgs,
  checkImageArgs,
  checkVolumeArgs,
  checkMedianSize,
  fftInputKind,
  fftShapeKind,
  type ArrayInput,
  type ComputeBackend,
  type CrossPowerOptions,
  type DeviceArray,
  type Fft2dBackendOptions,
  type GaussianFilter2dOptions,
  type MedianFilter2dOptions,
  type ReduceResult,
} from './computeBackend';
import { gaussianFilter } from '../ops/image/gaussianFilter';
import { medianFilter } from '../ops/image/medianFilter';
import { gaussianFilter3d } from '../ops/volume/gaussianFilter3d';
import { medianFilter3d } from '../ops/volume/medianFilter3d';
import { sameConvolver } from '../ops/image/sameConvolver';
import { richardsonLucy } from '../ops/image/richardsonLucy';
import { bilinearShift } from '../ops/image/bilinearShift';
import { nlMeansDenoise } from '../ops/image/nlMeansDenoise';
import { fft1d } from '../ops/fft/fft1d';
import { fft2d } from '../ops/fft/fft2d';
import { fft3d } from '../ops/fft/fft3d';
import { realFft2d } from '../ops/fft/realFft2d';
import { crossPowerSpectrum } from '../ops/fft/crossPowerSpectrum';
import { reduceStats } from '../ops/array/reduceStats';

/** A CPU handle: the host array itself. */
export class CpuArray implements DeviceArray {
  readonly backend = 'cpu' as const;
  private array: Float32Array | null;
  constructor(data: Float32Array) {
    this.array = data;
  }
  get length(): number {
    return this.data.length;
  }
  /** The values (throws once disposed). */
  get data(): Float32Array {
    if (!this.array) throw new Error('cpu backend: this array was disposed');
    return this.array;
  }
  dispose(): void {
    this.array = null;
  }
}

function host(input: ArrayInput): Float32Array {
  if (input instanceof Float32Array) return input;
  if (input instanceof CpuArray) return input.data;
  throw new TypeError(`cpu backend: got an array of the ${input.backend} backend; read it to the host first`);
}

export function createCpuBackend(): ComputeBackend {
  return {
    name: 'cpu',
    description: 'cpu (TypeScript reference ops)',
    async upload(data) {
      return new CpuArray(data);
    },
    async read(input, out) {
      const data = host(input);
      if (!out) return data;
      if (out.length !== data.length) throw new RangeError(`read: out has ${out.length} values, expected ${data.length}`);
      out.set(data);
      return out;
    },
    async gaussianFilter2d(input, width, height, options: GaussianFilter2dOptions) {
      checkImageArgs('gaussianFilter2d', input, width, height);
      return new CpuArray(gaussianFilter(host(input), width, height, options));
    },
    async gaussianFilter3d(input, width, height, depth, options: GaussianFilter2dOptions) {
      checkVolumeArgs('gaussianFilter3d', input, width, height, depth);
      return new CpuArray(gaussianFilter3d(host(input), width, height, depth, options));
    },
    async medianFilter2d(input, width, height, options: MedianFilter2dOptions) {
      checkImageArgs('medianFilter2d', input, width, height);
      checkMedianSize(options.size);
      return new CpuArray(medianFilter(host(input), width, height, { size: options.size }));
    },
    async medianFilter3d(input, width, height, depth) {
      checkVolumeArgs('medianFilter3d', input, width, height, depth);
      return new CpuArray(medianFilter3d(host(input), width, height, depth, { size: 3 }));
    },
    async fft2d(input, rows, cols, options: Fft2dBackendOptions = {}) {
      const kind = fftInputKind(input, rows, cols);
      const x = host(input);
      const n = rows * cols;
      const inverse = options.inverse ?? false;
      // A real forward transform is realFft2d (half the work: Hermitian symmetry).
      const { re, im } = kind === 'real' && !inverse ? realFft2d(x, rows, cols) : { re: new Float64Array(n), im: new Float64Array(n) };
      if (kind === 'real' && inverse) re.set(x);
      else if (kind !== 'real')
        for (let i = 0; i < n; i++) {
          re[i] = x[2 * i];
          im[i] = x[2 * i + 1];
        }
      if (kind !== 'real' || inverse) fft2d(re, im, rows, cols, { inverse });
      const out = new Float32Array(2 * n);
      for (let i = 0; i < n; i++) {
        out[2 * i] = re[i];
        out[2 * i + 1] = im[i];
      }
      return new CpuArray(out);
    },
    async convolve2d(input, width, height, options) {
      checkImageArgs('convolve2d', input, width, height);
      checkConvolveKernel(options);
      // 'direct': the sums over the kernel in float64, the same order of terms for any image size.
      const convolve = sameConvolver(options.kernel, options.kernelWidth, options.kernelHeight, width, height, { method: 'direct' });
      const out = new Float32Array(width * height);
      convolve(host(input), out);
      return new CpuArray(out);
    },
    async richardsonLucy(input, width, height, options) {
      checkImageArgs('richardsonLucy', input, width, height);
      return new CpuArray(richardsonLucy(host(input), width, height, options));
    },
    async bilinearShift2d(input, width, height, options) {
      checkImageArgs('bilinearShift2d', input, width, height);
      return new CpuArray(bilinearShift(host(input), width, height, options));
    },
    async nlMeansDenoise2d(input, width, height, options) {
      checkImageArgs('nlMeansDenoise2d', input, width, height);
      return new CpuArray(nlMeansDenoise(host(input), width, height, options));
    },
    async fft1d(input, batch, n, options: Fft2dBackendOptions = {}) {
      const kind = fftShapeKind('fft1d', input, ['batch', 'n'], [batch, n]);
      const x = host(input);
      const re = new Float64Array(n);
      const im = new Float64Array(n);
      const out = new Float32Array(2 * batch * n);
      // Row by row: float64 scratch of one row only.
      for (let r = 0; r < batch; r++) {
        const o = r * n;
        for (let k = 0; k < n; k++) {
          re[k] = kind === 'real' ? x[o + k] : x[2 * (o + k)];
          im[k] = kind === 'real' ? 0 : x[2 * (o + k) + 1];
        }
        fft1d(re, im, { inverse: options.inverse ?? false });
        for (let k = 0; k < n; k++) {
          out[2 * (o + k)] = re[k];
          out[2 * (o + k) + 1] = im[k];
        }
      }
      return new CpuArray(out);
    },
    async fft3d(input, depth, rows, cols, options: Fft2dBackendOptions = {}) {
      const kind = fftShapeKind('fft3d', input, ['depth', 'rows', 'cols'], [depth, rows, cols]);
      const { re, im } = toComplex64(host(input), kind);
      fft3d(re, im, depth, rows, cols, { inverse: options.inverse ?? false });
      return new CpuArray(interleave(re, im));
    },
    async crossPowerSpectrum(a, b, options: CrossPowerOptions = {}) {
      checkCrossPowerArgs(a, b);
      return new CpuArray(crossPowerSpectrum(host(a), host(b), { normalize: options.normalize ?? true, out: new Float32Array(a.length) }) as Float32Array);
    },
    async reduce(input): Promise<ReduceResult> {
      return reduceStats(host(input), { op: 'reduce' });
    },
    async finish() {},
    dispose() {},
  };
}

/** Split float64 re / im of a real or interleaved complex float32 array. */
function toComplex64(x: Float32Array, kind: 'real' | 'complex'): { re: Float64Array; im: Float64Array } {
  const n = kind === 'real' ? x.length : x.length / 2;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  if (kind === 'real') re.set(x);
  else
    for (let i = 0; i < n; i++) {
      re[i] = x[2 * i];
      im[i] = x[2 * i + 1];
    }
  return { re, im };
}

function interleave(re: Float64Array, im: Float64Array): Float32Array {
  const out = new Float32Array(2 * re.length);
  for (let i = 0; i < re.length; i++) {
    out[2 * i] = re[i];
    out[2 * i + 1] = im[i];
  }
  return out;
}
