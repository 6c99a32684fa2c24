/**
 * The CPU backend: the reference implementation of `ComputeBackend`. Every kernel delegates to
 * a tested op in `src/ops`; this file only converts between the interface's float32 arrays
 * (interleaved complex) and the ops' layouts. Handles wrap host arrays (no copy).
 */
import {
  checkCrossPowerArgs,
  checkImageArgs,
  checkMedianSize,
  fftInputKind,
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
import { fft2d } from '../ops/fft/fft2d';
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
    async medianFilter2d(input, width, height, options: MedianFilter2dOptions) {
      checkImageArgs('medianFilter2d', input, width, height);
      checkMedianSize(options.size);
      return new CpuArray(medianFilter(host(input), width, height, { size: options.size }));
    },
    async fft2d(input, rows, cols, options: Fft2dBackendOptions = {}) {
      const kind = fftInputKind(input, rows, cols);
      const x = host(input);
      const n = rows * cols;
      const re = new Float64Array(n);
      const im = new Float64Array(n);
      if (kind === 'real') re.set(x);
      else
        for (let i = 0; i < n; i++) {
          re[i] = x[2 * i];
          im[i] = x[2 * i + 1];
        }
      fft2d(re, im, rows, cols, { inverse: options.inverse ?? false });
      const out = new Float32Array(2 * n);
      for (let i = 0; i < n; i++) {
        out[2 * i] = re[i];
        out[2 * i + 1] = im[i];
      }
      return new CpuArray(out);
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
