/**
 * The compute interface nodes use for heavy kernels. Two implementations: `cpuBackend` (the
 * reference: it delegates to the tested ops in `src/ops`) and `webgpuBackend` (WGSL kernels).
 * `selectBackend` picks one per run. See `src/compute/CONTEXT.md`.
 *
 * Arrays are float32. A kernel takes `Float32Array`s or `DeviceArray` handles and returns a new
 * handle; the data stays where the backend keeps it (GPU memory for 'webgpu') until `read`, so a
 * chain Gaussian → FFT → cross-power → inverse FFT never copies back to the host in between.
 * Handles are immutable: kernels never write into their inputs.
 */

export type BackendName = 'cpu' | 'webgpu';
/** What a run asks for: one backend, or 'auto' (WebGPU when an adapter exists, else CPU). */
export type BackendChoice = BackendName | 'auto';
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'cpu', 'webgpu'];

/** A float32 array owned by a backend (GPU buffer, or host memory for the CPU backend). */
export interface DeviceArray {
  readonly backend: BackendName;
  /** Number of float32 values (complex arrays: 2 per element, interleaved re, im). */
  readonly length: number;
  /** Frees the storage (WebGPU: the buffer goes back to the pool). Using it afterwards throws. */
  dispose(): void;
}

export type ArrayInput = Float32Array | DeviceArray;

/**
 * Cancel and progress for kernels that may run in tiles (arrays over one binding go through host
 * memory tile by tile): the signal is checked before each tile (an aborted one stops the run with
 * `AbortError`, the runtime's cancel error) and `onProgress(done, total)` follows each tile; it
 * may itself throw to stop (a node's `ctx.progress` does when the run was cancelled).
 */
export interface TileRunOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void | Promise<void>;
}

export interface GaussianFilter2dOptions extends TileRunOptions {
  /** Standard deviation in pixels (> 0). */
  sigma: number;
  /**
   * Kernel half-width in standard deviations: radius = floor(truncate·sigma + 0.5).
   * @default 4
   */
  truncate?: number;
}

export interface MedianFilter2dOptions extends TileRunOptions {
  /** Window side: 3 or 5 (reflect mode, as `scipy.ndimage.median_filter`). */
  size: number;
}

export interface Convolve2dOptions {
  /** Kernel values, row-major kernelHeight × kernelWidth (e.g. a PSF). */
  kernel: ArrayLike<number>;
  kernelWidth: number;
  kernelHeight: number;
}

/** As `src/ops/image/richardsonLucy.ts` (skimage.restoration.richardson_lucy). */
export interface RichardsonLucyBackendOptions extends TileRunOptions {
  /** Point-spread function, row-major psfHeight × psfWidth. */
  psf: ArrayLike<number>;
  psfWidth: number;
  psfHeight: number;
  /** @default 50 */
  numIter?: number;
  /** Clip the result to [−1, 1]. @default true */
  clip?: boolean;
  /** Ratio set to 0 where the re-blurred estimate is below this; null or 0: off. @default null */
  filterEpsilon?: number | null;
}

export interface BilinearShiftBackendOptions extends TileRunOptions {
  /** Shift in pixels: out(y, x) = in(y − dy, x − dx). */
  dy: number;
  dx: number;
  /** Value of pixels shifted in from outside. @default 0 */
  fill?: number;
}

/** As `src/ops/image/nlMeansDenoise.ts` (skimage denoise_nl_means, fast mode). */
export interface NlMeansBackendOptions extends TileRunOptions {
  h: number;
  /** @default 7 */
  patchSize?: number;
  /** @default 11 */
  patchDistance?: number;
  /** @default 0 */
  sigma?: number;
}

export interface Fft2dBackendOptions extends TileRunOptions {
  /**
   * Inverse transform, normalised by 1/(rows·cols) (as `numpy.fft.ifft2`).
   * @default false
   */
  inverse?: boolean;
}

export interface CrossPowerOptions {
  /**
   * Divide by the magnitude (phase correlation); false: the plain product a·conj(b).
   * @default true
   */
  normalize?: boolean;
}

/** Result of `reduce`: float64 numbers (accumulated in float32 pairwise on the GPU). */
export interface ReduceResult {
  min: number;
  max: number;
  sum: number;
  sumSquares: number;
  count: number;
}

export interface ComputeBackend {
  readonly name: BackendName;
  /** Human-readable: the adapter for WebGPU (e.g. 'webgpu: SwiftShader (fallback adapter)'). */
  readonly description: string;
  /** Puts host data on the backend (CPU: wraps it without copying; do not change it afterwards). */
  upload(data: Float32Array): Promise<DeviceArray>;
  /** Copies the values to the host (CPU: returns the array itself unless `out` is given). */
  read(input: ArrayInput, out?: Float32Array): Promise<Float32Array>;
  /**
   * Separable 2-D Gaussian, 'nearest' edges, as `src/ops/image/gaussianFilter.ts`
   * (`skimage.filters.gaussian(mode='nearest', truncate=4)`). `input` has width·height values.
   */
  gaussianFilter2d(input: ArrayInput, width: number, height: number, options: GaussianFilter2dOptions): Promise<DeviceArray>;
  /**
   * Separable 3-D Gaussian of a depth × height × width volume (z slowest), 'nearest' edges, as
   * `src/ops/volume/gaussianFilter3d.ts` (`scipy.ndimage.gaussian_filter(mode='nearest')`).
   */
  gaussianFilter3d(input: ArrayInput, width: number, height: number, depth: number, options: GaussianFilter2dOptions): Promise<DeviceArray>;
  /** 3×3 or 5×5 median, reflect edges, as `src/ops/image/medianFilter.ts`. */
  medianFilter2d(input: ArrayInput, width: number, height: number, options: MedianFilter2dOptions): Promise<DeviceArray>;
  /**
   * 3×3×3 median of a depth × height × width volume (z slowest), 'reflect' edges, as
   * `src/ops/volume/medianFilter3d.ts` with size 3 (`scipy.ndimage.median_filter(mode='reflect')`).
   */
  medianFilter3d(input: ArrayInput, width: number, height: number, depth: number, options?: TileRunOptions): Promise<DeviceArray>;
  /**
   * Linear 2-D convolution with a user kernel, zero outside the image, cropped to the input size
   * as `scipy.signal.convolve(image, kernel, mode='same')` (`src/ops/image/sameConvolver.ts`).
   */
  convolve2d(input: ArrayInput, width: number, height: number, options: Convolve2dOptions): Promise<DeviceArray>;
  /**
   * Richardson–Lucy deconvolution, as `src/ops/image/richardsonLucy.ts`: the iterations are
   * convolutions (`convolve2d`) and elementwise ratio / product, all on the backend.
   */
  richardsonLucy(input: ArrayInput, width: number, height: number, options: RichardsonLucyBackendOptions): Promise<DeviceArray>;
  /**
   * Sub-pixel translation by bilinear interpolation, fill outside, as
   * `src/ops/image/bilinearShift.ts` (scipy.ndimage.shift order 1, mode 'constant').
   */
  bilinearShift2d(input: ArrayInput, width: number, height: number, options: BilinearShiftBackendOptions): Promise<DeviceArray>;
  /** Non-local means (skimage fast mode), as `src/ops/image/nlMeansDenoise.ts`. */
  nlMeansDenoise2d(input: ArrayInput, width: number, height: number, options: NlMeansBackendOptions): Promise<DeviceArray>;
  /**
   * 2-D complex DFT of a row-major rows × cols array, any sizes (numpy.fft.fft2 / ifft2
   * convention, as `src/ops/fft/fft2d.ts`). `input` is interleaved complex (2·rows·cols values) or
   * real (rows·cols values, imaginary parts zero); the result is always interleaved complex.
   */
  fft2d(input: ArrayInput, rows: number, cols: number, options?: Fft2dBackendOptions): Promise<DeviceArray>;
  /**
   * 1-D complex DFT of each of `batch` contiguous rows of length n, any n (numpy.fft.fft / ifft
   * along the last axis, as `src/ops/fft/fft1d.ts`). Input real (batch·n) or interleaved complex.
   */
  fft1d(input: ArrayInput, batch: number, n: number, options?: Fft2dBackendOptions): Promise<DeviceArray>;
  /**
   * 3-D complex DFT of a depth × rows × cols array (z slowest), any sizes (numpy.fft.fftn /
   * ifftn, as `src/ops/fft/fft3d.ts`). Input real or interleaved complex; output complex.
   */
  fft3d(input: ArrayInput, depth: number, rows: number, cols: number, options?: Fft2dBackendOptions): Promise<DeviceArray>;
  /**
   * Elementwise a·conj(b) / max(|a·conj(b)|, 100·eps) of two interleaved complex arrays, as
   * `src/ops/fft/crossPowerSpectrum.ts` (the phase-correlation step).
   */
  crossPowerSpectrum(a: ArrayInput, b: ArrayInput, options?: CrossPowerOptions): Promise<DeviceArray>;
  /** Min, max, sum and sum of squares, as `src/ops/array/reduceStats.ts`. */
  reduce(input: ArrayInput): Promise<ReduceResult>;
  /** Resolves when all submitted work has finished (time a kernel: call, `await finish()`). */
  finish(): Promise<void>;
  /** Frees pooled buffers, pipelines and (when owned) the device. The backend is unusable afterwards. */
  dispose(): void;
}

/** Shared argument checks of both backends (same messages whatever runs the kernel). */
export function checkImageArgs(op: string, input: { length: number }, width: number, height: number): void {
  if (!Number.isInteger(width) || width < 1) throw new RangeError(`${op}: width = ${width}, expected a positive integer`);
  if (!Number.isInteger(height) || height < 1) throw new RangeError(`${op}: height = ${height}, expected a positive integer`);
  if (input.length !== width * height) {
    throw new RangeError(`${op}: input has ${input.length} values, expected width·height = ${width}·${height} = ${width * height}`);
  }
}

export function checkMedianSize(size: number): void {
  if (size !== 3 && size !== 5) throw new RangeError(`medianFilter2d: size = ${size}, expected 3 or 5 (larger windows: src/ops/image/medianFilter.ts)`);
}

export function checkSigma(op: string, sigma: number, truncate: number): void {
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new RangeError(`${op}: sigma = ${sigma}, expected a finite number > 0 (pixels)`);
  if (!(truncate > 0) || !Number.isFinite(truncate)) throw new RangeError(`${op}: truncate = ${truncate}, expected a finite number > 0`);
}

/** Whether `input` holds real (rows·cols) or interleaved complex (2·rows·cols) values. */
export function fftInputKind(input: { length: number }, rows: number, cols: number): 'real' | 'complex' {
  return fftShapeKind('fft2d', input, ['rows', 'cols'], [rows, cols]);
}

/**
 * Whether `input` holds real (Π shape) or interleaved complex (2·Π shape) values of an array of
 * the given shape (`names` label the sizes in messages, e.g. ['depth', 'rows', 'cols']).
 */
export function fftShapeKind(op: string, input: { length: number }, names: readonly string[], shape: readonly number[]): 'real' | 'complex' {
  if (shape.some((v) => !Number.isInteger(v) || v < 1)) {
    throw new RangeError(`${op}: ${names.join(' × ')} = ${shape.join(' × ')}, expected positive integers`);
  }
  const n = shape.reduce((a, b) => a * b, 1);
  if (input.length === 2 * n) return 'complex';
  if (input.length === n) return 'real';
  const prod = names.join('·');
  throw new RangeError(
    `${op}: input has ${input.length} values, expected ${prod} = ${n} (real) or 2·${prod} = ${2 * n} (interleaved complex)`,
  );
}

export function checkCrossPowerArgs(a: { length: number }, b: { length: number }): void {
  if (a.length === 0 || a.length % 2 !== 0) {
    throw new RangeError(`crossPowerSpectrum: a has ${a.length} values, expected an even count > 0 (interleaved re, im)`);
  }
  if (b.length !== a.length) throw new RangeError(`crossPowerSpectrum: b has ${b.length} values, expected ${a.length} (as a)`);
}

export function checkConvolveKernel(o: Convolve2dOptions): void {
  const { kernel, kernelWidth: kw, kernelHeight: kh } = o;
  if (!Number.isInteger(kw) || kw < 1 || !Number.isInteger(kh) || kh < 1 || kernel.length !== kw * kh) {
    throw new RangeError(`convolve2d: kernel has ${kernel.length} values for kernelWidth × kernelHeight = ${kw} × ${kh}, expected kw·kh with positive integer sides`);
  }
  for (let i = 0; i < kernel.length; i++) {
    if (!Number.isFinite(kernel[i])) throw new RangeError(`convolve2d: kernel value ${i} (row ${Math.floor(i / kw)}, column ${i % kw}) is ${kernel[i]}, expected a finite number`);
  }
}

/** The settings of `nlMeansDenoise` with its defaults and messages (patch size made odd). */
export function nlMeansSettings(o: NlMeansBackendOptions): { h: number; s: number; d: number; sigma: number } {
  const { h } = o;
  const s = o.patchSize ?? 7;
  const d = o.patchDistance ?? 11;
  const sigma = o.sigma ?? 0;
  if (!(h > 0) || !Number.isFinite(h)) throw new RangeError(`nlMeansDenoise: h = ${h}, expected a finite number > 0`);
  if (!Number.isInteger(s) || s < 1) throw new RangeError(`nlMeansDenoise: patchSize = ${s}, expected an integer ≥ 1`);
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`nlMeansDenoise: patchDistance = ${d}, expected an integer ≥ 1`);
  if (!(sigma >= 0) || !Number.isFinite(sigma)) throw new RangeError(`nlMeansDenoise: sigma = ${sigma}, expected a finite number ≥ 0`);
  return { h, s: s % 2 === 0 ? s + 1 : s, d, sigma };
}

/** A depth × height × width volume: positive integer sizes and width·height·depth values. */
export function checkVolumeArgs(op: string, input: { length: number }, width: number, height: number, depth: number): void {
  if (!Number.isInteger(depth) || depth < 1) throw new RangeError(`${op}: depth = ${depth}, expected a positive integer`);
  checkImageArgs(op, { length: input.length / depth }, width, height);
}
