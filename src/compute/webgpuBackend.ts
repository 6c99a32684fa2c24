/// <reference types="@webgpu/types" />
/**
 * The WebGPU backend: WGSL kernels (`./wgsl/`) behind `ComputeBackend`, checked against the CPU
 * backend in `test/gpu/`.
 *
 * State kept per backend instance (and only here): the device, compiled pipelines (by kernel),
 * constant tables (Gaussian weights, FFT twiddles, Bluestein chirps, by key; small, bounded), one
 * uniform buffer, and the buffer pool (`gpuBufferPool.ts`). Every dispatch is its own submit
 * after writing its parameters into the uniform buffer: the queue executes writes and submits in
 * order, so one uniform buffer serves all dispatches.
 *
 * Arrays too large for one storage binding (`maxBindingBytes`, by default the device's
 * `maxStorageBufferBindingSize` / `maxBufferSize`) stay in host memory and are processed in tiles:
 * images in padded 2-D tiles (`tiles2d.ts`; Richardson–Lucy in rounds of iterations on tiles
 * cut at the image border, the bilinear shift in output tiles with the source rectangle each
 * reads), volumes in padded 3-D boxes, FFTs in bands of rows and of columns, elementwise kernels
 * and reductions in chunks. Results of tiled kernels are host-resident handles.
 */
import {
  checkConvolveKernel,
  checkCrossPowerArgs,
  checkImageArgs,
  checkVolumeArgs,
  checkMedianSize,
  checkSigma,
  fftInputKind,
  fftShapeKind,
  type ArrayInput,
  type ComputeBackend,
  type BilinearShiftBackendOptions,
  type Convolve2dOptions,
  type NlMeansBackendOptions,
  nlMeansSettings,
  type RichardsonLucyBackendOptions,
  type CrossPowerOptions,
  type DeviceArray,
  type Fft2dBackendOptions,
  type GaussianFilter2dOptions,
  type MedianFilter2dOptions,
  type ReduceResult,
} from './computeBackend';
import { GPU_MAP_READ, GPU_USAGE, GpuBufferPool } from './gpuBufferPool';
import {
  clippedRegion,
  copyRegion,
  gatherTile2d,
  gatherTile3d,
  planTiles2d,
  planTiles3d,
  scatterRegion,
  scatterTile2d,
  scatterTile3d,
  type EdgeMode,
  type Plan3d,
  type Tile2d,
  type Tile3d,
} from './tiles2d';
import { WG_ELEMENT, WG_REDUCE } from './wgsl/common.wgsl';
import { gaussianWgsl } from './wgsl/gaussian.wgsl';
import { medianWgsl } from './wgsl/median.wgsl';
import { convolveWgsl } from './wgsl/convolve.wgsl';
import { bilinearShiftWgsl } from './wgsl/bilinearShift.wgsl';
import { bilinearShiftTable } from './bilinearShiftTable';
import { nlMeansWgsl } from './wgsl/nlMeans.wgsl';
import { rlClipWgsl, rlRatioWgsl, rlUpdateWgsl } from './wgsl/richardsonLucy.wgsl';
import { richardsonLucySettings } from '../ops/image/richardsonLucy';
import {
  bluesteinMulWgsl,
  bluesteinPostWgsl,
  bluesteinPreWgsl,
  conjScaleWgsl,
  crossPowerWgsl,
  realToComplexWgsl,
  stockhamWgsl,
  transposeWgsl,
} from './wgsl/fft.wgsl';
import { REDUCE_FOLD, reduceFirstWgsl, reduceNextWgsl } from './wgsl/reduce.wgsl';
import { gaussianKernel1d } from '../ops/image/gaussianKernel1d';
import { getFftPlan } from '../ops/fft/fftPlanCache';
import { CROSS_POWER_FLOOR } from '../ops/fft/crossPowerSpectrum';

export interface WebGpuBackendOptions {
  /** Where to find an adapter. @default globalThis.navigator.gpu */
  gpu?: GPU;
  /** Use this device (it is not destroyed by `dispose`) instead of requesting one. */
  device?: GPUDevice;
  /**
   * Largest array (bytes) bound as one storage buffer; larger inputs are tiled through host memory.
   * Tests force a small value to exercise tiling.
   * @default min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize)
   */
  maxBindingBytes?: number;
  /**
   * Bytes of released buffers kept for reuse.
   * @default 256 MiB
   */
  poolBytes?: number;
}

export interface WebGpuBackend extends ComputeBackend {
  readonly name: 'webgpu';
  readonly device: GPUDevice;
  /** The effective binding limit in bytes (tiling threshold). */
  readonly maxBindingBytes: number;
  /** The buffer pool (live / pooled counts, for tests and benchmarks). */
  readonly pool: GpuBufferPool;
  /** A software adapter (e.g. SwiftShader): correct but usually slower than the CPU backend. */
  readonly isFallbackAdapter: boolean;
}

/** A WebGPU handle: a pooled GPU buffer, or host memory when too large for one binding. */
class WebGpuArray implements DeviceArray {
  readonly backend = 'webgpu' as const;
  constructor(
    readonly owner: object,
    readonly length: number,
    private buf: GPUBuffer | null,
    private hostData: Float32Array | null,
    private readonly release: (b: GPUBuffer) => void,
  ) {}
  get disposed(): boolean {
    return !this.buf && !this.hostData;
  }
  get buffer(): GPUBuffer | null {
    if (this.disposed) throw new Error('webgpu backend: this array was disposed');
    return this.buf;
  }
  get host(): Float32Array | null {
    if (this.disposed) throw new Error('webgpu backend: this array was disposed');
    return this.hostData;
  }
  dispose(): void {
    if (this.buf) this.release(this.buf);
    this.buf = null;
    this.hostData = null;
  }
}

interface Table {
  buffer: GPUBuffer;
}

const MAX_TABLES = 32;

/**
 * Richardson–Lucy tiling: the cost of moving one value between host and GPU, in GPU arithmetic
 * operations. A discrete GPU does thousands of multiply-adds per float the bus moves, a software
 * or integrated one a few; 256 leans to fewer rounds without allowing unbounded redundant work.
 */
const RL_TRANSFER_COST = 256;

/** Creates a WebGPU backend; rejects when there is no adapter or device. */
export async function createWebGpuBackend(options: WebGpuBackendOptions = {}): Promise<WebGpuBackend> {
  let device = options.device;
  let description = 'webgpu';
  let fallback = false;
  const owned = !device;
  if (!device) {
    const gpu = options.gpu ?? (globalThis.navigator as Navigator | undefined)?.gpu;
    if (!gpu) throw new Error('WebGPU is not available here (no navigator.gpu)');
    const adapter = await gpu.requestAdapter();
    if (!adapter) throw new Error('WebGPU: no adapter (in Chromium it needs --enable-unsafe-webgpu without a GPU)');
    device = await adapter.requestDevice({
      requiredLimits: {
        maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
        maxBufferSize: adapter.limits.maxBufferSize,
      },
    });
    const info = adapter.info;
    fallback = Boolean(
      (info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter ??
        (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter,
    );
    const what = [info?.vendor, info?.architecture, info?.description].filter((s) => s).join(' ');
    description = `webgpu: ${what || 'adapter'}${fallback ? ' (fallback adapter)' : ''}`;
  }
  return new Backend(device, description, owned, fallback, options);
}

class Backend implements WebGpuBackend {
  readonly name = 'webgpu' as const;
  readonly maxBindingBytes: number;
  readonly pool: GpuBufferPool;
  private readonly maxValues: number;
  private readonly pipelines = new Map<string, Promise<GPUComputePipeline>>();
  private readonly tables = new Map<string, Table>();
  private readonly uniform: GPUBuffer;
  private readonly releaseBuffer = (b: GPUBuffer) => this.pool.release(b);
  private lost = false;

  constructor(
    readonly device: GPUDevice,
    readonly description: string,
    private readonly ownsDevice: boolean,
    readonly isFallbackAdapter: boolean,
    options: WebGpuBackendOptions,
  ) {
    const hw = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
    const limit = options.maxBindingBytes ?? hw;
    if (!(limit >= 16) || limit > hw) {
      throw new RangeError(`createWebGpuBackend: maxBindingBytes = ${limit}, expected 16 … ${hw} (the device limit)`);
    }
    this.maxBindingBytes = Math.floor(limit / 4) * 4;
    this.maxValues = this.maxBindingBytes / 4;
    this.pool = new GpuBufferPool(device, options.poolBytes ?? 256 * 1024 * 1024);
    this.uniform = device.createBuffer({ size: 256, usage: GPU_USAGE.UNIFORM | GPU_USAGE.COPY_DST });
    void device.lost.then(() => {
      this.lost = true;
    });
  }

  // ---------------------------------------------------------------- plumbing

  private check(): void {
    if (this.lost) throw new Error('webgpu backend: the device was lost or disposed');
  }

  private pipeline(code: string, entry = 'main'): Promise<GPUComputePipeline> {
    const key = `${entry}\u0000${code}`;
    let p = this.pipelines.get(key);
    if (!p) {
      const module = this.device.createShaderModule({ code });
      p = this.device.createComputePipelineAsync({ layout: 'auto', compute: { module, entryPoint: entry } });
      this.pipelines.set(key, p);
      p.catch(() => this.pipelines.delete(key));
    }
    return p;
  }

  /** A constant table (built once per key on the host in float64, stored as float32). */
  private table(key: string, build: () => Float32Array<ArrayBuffer>): GPUBuffer {
    const hit = this.tables.get(key);
    if (hit) return hit.buffer;
    if (this.tables.size >= MAX_TABLES) {
      const [oldest, t] = this.tables.entries().next().value as [string, Table];
      t.buffer.destroy();
      this.tables.delete(oldest);
    }
    const data = build();
    const buffer = this.device.createBuffer({
      size: Math.max(16, Math.ceil(data.byteLength / 16) * 16),
      usage: GPU_USAGE.STORAGE | GPU_USAGE.COPY_DST,
    });
    this.device.queue.writeBuffer(buffer, 0, data);
    this.tables.set(key, { buffer });
    return buffer;
  }

  /**
   * One dispatch over `threads` invocations (workgroups spread over x and y when more than
   * `maxComputeWorkgroupsPerDimension` are needed). Returns the number of workgroups launched.
   */
  private async dispatch(
    code: string,
    entry: string,
    bindings: (GPUBuffer | { buffer: GPUBuffer; size: number })[],
    uniforms: ArrayBuffer,
    threads: number,
    wg: number,
  ): Promise<{ x: number; y: number }> {
    this.check();
    const pipeline = await this.pipeline(code, entry);
    const groups = Math.ceil(threads / wg);
    const maxDim = this.device.limits.maxComputeWorkgroupsPerDimension;
    const x = Math.min(groups, maxDim);
    const y = Math.ceil(groups / x);
    if (y > maxDim) throw new RangeError(`webgpu: ${threads} invocations need more than ${maxDim}² workgroups`);
    this.device.queue.writeBuffer(this.uniform, 0, uniforms);
    const entries: GPUBindGroupEntry[] = [{ binding: 0, resource: { buffer: this.uniform, size: uniforms.byteLength } }];
    bindings.forEach((b, i) =>
      entries.push({ binding: i + 1, resource: 'buffer' in b ? b : { buffer: b } }),
    );
    const bindGroup = this.device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries });
    const enc = this.device.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(x, y);
    pass.end();
    this.device.queue.submit([enc.finish()]);
    return { x, y };
  }

  private wrap(length: number, buffer: GPUBuffer | null, host: Float32Array | null): WebGpuArray {
    return new WebGpuArray(this, length, buffer, host, this.releaseBuffer);
  }

  private fits(values: number): boolean {
    return values <= this.maxValues;
  }

  /** The handle for an input; `temp` when created here (dispose after use). */
  private input(x: ArrayInput, op: string): { a: WebGpuArray; temp: boolean } {
    if (x instanceof Float32Array) {
      if (!this.fits(x.length)) return { a: this.wrap(x.length, null, x), temp: true };
      return { a: this.uploadNow(x), temp: true };
    }
    if (x instanceof WebGpuArray && x.owner === this) {
      void x.buffer; // throws when disposed
      return { a: x, temp: false };
    }
    throw new TypeError(`${op}: got an array of another backend (${x.backend}); read it to the host first`);
  }

  private uploadNow(data: Float32Array): WebGpuArray {
    this.check();
    const buffer = this.pool.acquire(data.byteLength);
    this.device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
    return this.wrap(data.length, buffer, null);
  }

  private async download(buffer: GPUBuffer, length: number, out?: Float32Array): Promise<Float32Array> {
    this.check();
    const bytes = length * 4;
    const staging = this.device.createBuffer({ size: Math.max(4, bytes), usage: GPU_USAGE.MAP_READ | GPU_USAGE.COPY_DST });
    try {
      const enc = this.device.createCommandEncoder();
      enc.copyBufferToBuffer(buffer, 0, staging, 0, bytes);
      this.device.queue.submit([enc.finish()]);
      await staging.mapAsync(GPU_MAP_READ);
      const result = out ?? new Float32Array(length);
      result.set(new Float32Array(staging.getMappedRange(0, bytes)));
      staging.unmap();
      return result;
    } finally {
      staging.destroy();
    }
  }

  /** Host values of a handle (downloads GPU-resident data). */
  private async hostOf(a: WebGpuArray): Promise<Float32Array> {
    return a.host ?? this.download(a.buffer!, a.length);
  }

  private done(temps: { a: WebGpuArray; temp: boolean }[]): void {
    for (const t of temps) if (t.temp) t.a.dispose();
  }

  // ---------------------------------------------------------------- interface

  async upload(data: Float32Array): Promise<DeviceArray> {
    if (!(data instanceof Float32Array)) throw new TypeError('upload: expected a Float32Array');
    return this.fits(data.length) ? this.uploadNow(data) : this.wrap(data.length, null, data);
  }

  async read(input: ArrayInput, out?: Float32Array): Promise<Float32Array> {
    if (out && out.length !== input.length) throw new RangeError(`read: out has ${out.length} values, expected ${input.length}`);
    if (input instanceof Float32Array) {
      if (!out) return input;
      out.set(input);
      return out;
    }
    const { a } = this.input(input, 'read');
    if (a.host) {
      if (!out) return a.host;
      out.set(a.host);
      return out;
    }
    return this.download(a.buffer!, a.length, out);
  }

  async finish(): Promise<void> {
    this.check();
    await this.device.queue.onSubmittedWorkDone();
  }

  dispose(): void {
    this.pool.destroy();
    for (const t of this.tables.values()) t.buffer.destroy();
    this.tables.clear();
    this.pipelines.clear();
    this.uniform.destroy();
    if (this.ownsDevice) this.device.destroy();
    this.lost = true;
  }

  // ---------------------------------------------------------------- image filters

  /** Runs `kernel` on the GPU, or tile by tile through host memory when the image is too large. */
  private async imageFilter(
    op: string,
    input: ArrayInput,
    width: number,
    height: number,
    halo: number,
    mode: EdgeMode,
    kernel: (src: GPUBuffer, dst: GPUBuffer, w: number, h: number) => Promise<void>,
  ): Promise<DeviceArray> {
    const x = this.input(input, op);
    try {
      const n = width * height;
      if (x.a.buffer) {
        const dst = this.pool.acquire(n * 4);
        await kernel(x.a.buffer, dst, width, height);
        return this.wrap(n, dst, null);
      }
      const data = x.a.host!;
      const out = new Float32Array(n);
      const tiles = planTiles2d(op, width, height, halo, this.maxValues);
      const maxPadded = Math.max(...tiles.map((t) => (t.w + 2 * halo) * (t.h + 2 * halo)));
      const padded = new Float32Array(maxPadded);
      const src = this.pool.acquire(maxPadded * 4);
      const dst = this.pool.acquire(maxPadded * 4);
      try {
        for (const t of tiles) {
          const pw = t.w + 2 * halo;
          const ph = t.h + 2 * halo;
          const view = padded.subarray(0, pw * ph);
          gatherTile2d(data, width, height, t, halo, mode, view);
          this.device.queue.writeBuffer(src, 0, view.buffer, view.byteOffset, view.byteLength);
          await kernel(src, dst, pw, ph);
          scatterTile2d(await this.download(dst, pw * ph, view), t, halo, out, width);
        }
      } finally {
        this.pool.release(src);
        this.pool.release(dst);
      }
      return this.wrap(n, null, out);
    } finally {
      this.done([x]);
    }
  }

  async gaussianFilter2d(input: ArrayInput, width: number, height: number, options: GaussianFilter2dOptions): Promise<DeviceArray> {
    checkImageArgs('gaussianFilter2d', input, width, height);
    const truncate = options.truncate ?? 4;
    checkSigma('gaussianFilter2d', options.sigma, truncate);
    const key = `gauss:${options.sigma}:${truncate}`;
    const weights = this.table(key, () => Float32Array.from(gaussianKernel1d({ sigma: options.sigma, truncate })));
    const radius = Math.floor(truncate * options.sigma + 0.5);
    return this.imageFilter('gaussianFilter2d', input, width, height, radius, 'nearest', async (src, dst, w, h) => {
      const count = w * h;
      const tmp = this.pool.acquire(count * 4);
      const u = new Uint32Array([w, h, radius, count]).buffer;
      const bytes = count * 4;
      await this.dispatch(gaussianWgsl, 'rows', [{ buffer: src, size: bytes }, { buffer: tmp, size: bytes }, weights], u, count, WG_ELEMENT);
      await this.dispatch(gaussianWgsl, 'cols', [{ buffer: tmp, size: bytes }, { buffer: dst, size: bytes }, weights], u, count, WG_ELEMENT);
      this.pool.release(tmp);
    });
  }

  /**
   * Three passes (x, y within planes, z) of the 2-D kernel's weights. A volume over one binding
   * goes through host memory in padded boxes (`planTiles3d`, 'nearest' halos): all three passes
   * per box with an r-voxel halo on every split axis, or, when that moves more values (or does
   * not fit: (2r + 1)³ > the limit), an x–y round trip with in-plane halos and then a z round
   * trip with z halos. Each box runs the same passes in the same order as the resident volume,
   * so the interior equals the untiled result exactly.
   */
  async gaussianFilter3d(input: ArrayInput, width: number, height: number, depth: number, options: GaussianFilter2dOptions): Promise<DeviceArray> {
    checkVolumeArgs('gaussianFilter3d', input, width, height, depth);
    const truncate = options.truncate ?? 4;
    checkSigma('gaussianFilter3d', options.sigma, truncate);
    const weights = this.table(`gauss:${options.sigma}:${truncate}`, () => Float32Array.from(gaussianKernel1d({ sigma: options.sigma, truncate })));
    const radius = Math.floor(truncate * options.sigma + 0.5);
    const n = width * height * depth;
    const x = this.input(input, 'gaussianFilter3d');
    try {
      if (x.a.buffer) return this.wrap(n, await this.gauss3dPasses(x.a.buffer, weights, radius, ['x', 'y', 'z'], width, height, depth), null);
      const data = x.a.host!;
      const plan = (xy: number, z: number) => {
        try {
          return planTiles3d('gaussianFilter3d', width, height, depth, { xy, z }, this.maxValues);
        } catch {
          return null;
        }
      };
      const all = plan(radius, radius);
      const inPlane = plan(radius, 0);
      const across = plan(0, radius);
      const split = inPlane && across ? inPlane.padded + across.padded : Infinity;
      if (all && all.padded <= split) return this.wrap(n, null, await this.gauss3dTiled(data, weights, radius, ['x', 'y', 'z'], all, width, height, depth));
      if (!inPlane || !across) {
        planTiles3d('gaussianFilter3d', width, height, depth, { xy: radius, z: 0 }, this.maxValues); // throws with the reason
        planTiles3d('gaussianFilter3d', width, height, depth, { xy: 0, z: radius }, this.maxValues);
      }
      const xy = await this.gauss3dTiled(data, weights, radius, ['x', 'y'], inPlane!, width, height, depth);
      return this.wrap(n, null, await this.gauss3dTiled(xy, weights, radius, ['z'], across!, width, height, depth));
    } finally {
      this.done([x]);
    }
  }

  /** The given Gaussian passes over a resident w × h × d volume; returns a new pooled buffer. */
  private async gauss3dPasses(src: GPUBuffer, weights: GPUBuffer, radius: number, passes: ('x' | 'y' | 'z')[], w: number, h: number, d: number): Promise<GPUBuffer> {
    const n = w * h * d;
    const bytes = n * 4;
    const a = this.pool.acquire(bytes);
    let b: GPUBuffer | null = null;
    let from = src;
    for (const [i, axis] of passes.entries()) {
      const to = i % 2 === 0 ? a : (b ??= this.pool.acquire(bytes));
      // z: a 'cols' pass whose rows are whole planes.
      const [entry, pw, ph] = axis === 'x' ? (['rows', w, h * d] as const) : axis === 'y' ? (['planeCols', w, h] as const) : (['cols', w * h, d] as const);
      await this.dispatch(gaussianWgsl, entry, [{ buffer: from, size: bytes }, { buffer: to, size: bytes }, weights], new Uint32Array([pw, ph, radius, n]).buffer, n, WG_ELEMENT);
      from = to;
    }
    if (b && b !== from) this.pool.release(b);
    if (a !== from) this.pool.release(a);
    return from;
  }

  /** The passes box by box through host memory (`plan` from `planTiles3d`); returns the volume. */
  private async gauss3dTiled(data: Float32Array, weights: GPUBuffer, radius: number, passes: ('x' | 'y' | 'z')[], plan: Plan3d, w: number, h: number, d: number): Promise<Float32Array> {
    const { halo } = plan;
    const size = (t: Tile3d) => [t.w + 2 * halo.xy, t.h + 2 * halo.xy, t.d + 2 * halo.z] as const;
    const maxBox = plan.tiles.reduce((m, t) => Math.max(m, size(t).reduce((a, b) => a * b, 1)), 0);
    const box = new Float32Array(maxBox);
    const src = this.pool.acquire(maxBox * 4);
    const out = new Float32Array(w * h * d);
    try {
      for (const t of plan.tiles) {
        const [pw, ph, pd] = size(t);
        const view = box.subarray(0, pw * ph * pd);
        gatherTile3d(data, w, h, d, t, halo, 'nearest', view);
        this.device.queue.writeBuffer(src, 0, view.buffer, view.byteOffset, view.byteLength);
        const dst = await this.gauss3dPasses(src, weights, radius, passes, pw, ph, pd);
        try {
          scatterTile3d(await this.download(dst, view.length, view), t, halo, out, w, h);
        } finally {
          this.pool.release(dst);
        }
      }
    } finally {
      this.pool.release(src);
    }
    return out;
  }

  async medianFilter2d(input: ArrayInput, width: number, height: number, options: MedianFilter2dOptions): Promise<DeviceArray> {
    checkImageArgs('medianFilter2d', input, width, height);
    checkMedianSize(options.size);
    const radius = (options.size - 1) / 2;
    return this.imageFilter('medianFilter2d', input, width, height, radius, 'reflect', async (src, dst, w, h) => {
      const count = w * h;
      const u = new Uint32Array([w, h, options.size, count]).buffer;
      await this.dispatch(medianWgsl, 'main', [{ buffer: src, size: count * 4 }, { buffer: dst, size: count * 4 }], u, count, WG_ELEMENT);
    });
  }

  async convolve2d(input: ArrayInput, width: number, height: number, options: Convolve2dOptions): Promise<DeviceArray> {
    checkImageArgs('convolve2d', input, width, height);
    checkConvolveKernel(options);
    const { kernelWidth: kw, kernelHeight: kh } = options;
    const k = this.kernelBuffer('convolve2d', options.kernel, kw, kh);
    try {
      // Halo ≥ max(⌈(k − 1)/2⌉) on every side; a tile's zero-filled 'constant' halo is the image's zero edge.
      return await this.imageFilter('convolve2d', input, width, height, Math.max(kw, kh) - 1, 'constant', (src, dst, w, h) =>
        this.convolveOn(src, dst, w, h, k, kw, kh),
      );
    } finally {
      this.pool.release(k.buffer);
    }
  }

  /**
   * Bilinear shift with host-computed (float64) index / weight tables. An image (or table) over
   * one binding is shifted in output tiles: each tile gets the slice of the table for its columns
   * and rows, re-based to the input rectangle those entries touch (a translation: at most tile + 1
   * pixels per side, so `planTiles2d` with a 1-pixel halo bounds it), and only that rectangle is
   * uploaded. Same source pixels and weights as the resident kernel, so the same result.
   */
  async bilinearShift2d(input: ArrayInput, width: number, height: number, options: BilinearShiftBackendOptions): Promise<DeviceArray> {
    checkImageArgs('bilinearShift2d', input, width, height);
    const fill = options.fill ?? 0;
    const tab = bilinearShiftTable(width, height, options.dy, options.dx);
    const n = width * height;
    const x = this.input(input, 'bilinearShift2d');
    try {
      if (!x.a.buffer || !this.fits(tab.length)) return this.wrap(n, null, await this.bilinearShiftTiled(await this.hostOf(x.a), width, height, tab, fill));
      const dst = this.pool.acquire(n * 4);
      try {
        await this.bilinearShiftOn({ buffer: x.a.buffer, size: n * 4 }, dst, tab, width, height, width, height, fill);
      } catch (e) {
        this.pool.release(dst);
        throw e;
      }
      return this.wrap(n, dst, null);
    } finally {
      this.done([x]);
    }
  }

  /** One bilinear-shift dispatch: a w × h output from a srcWidth × srcHeight source with table `tab`. */
  private async bilinearShiftOn(src: { buffer: GPUBuffer; size: number }, dst: GPUBuffer, tab: Float32Array<ArrayBuffer>, w: number, h: number, srcWidth: number, srcHeight: number, fill: number): Promise<void> {
    const t = this.pool.acquire(tab.byteLength);
    this.device.queue.writeBuffer(t, 0, tab);
    const u = new ArrayBuffer(32);
    new Uint32Array(u, 0, 3).set([w, h, w * h]);
    new Float32Array(u, 12, 1)[0] = fill;
    new Uint32Array(u, 16, 2).set([srcWidth, srcHeight]);
    try {
      await this.dispatch(bilinearShiftWgsl, 'main', [src, { buffer: dst, size: w * h * 4 }, { buffer: t, size: tab.byteLength }], u, w * h, WG_ELEMENT);
    } finally {
      this.pool.release(t);
    }
  }

  private async bilinearShiftTiled(data: Float32Array, width: number, height: number, tab: Float32Array<ArrayBuffer>, fill: number): Promise<Float32Array> {
    const out = new Float32Array(width * height);
    const tiles = planTiles2d('bilinearShift2d', width, height, 1, this.maxValues);
    const maxTile = tiles.reduce((m, t) => Math.max(m, (t.w + 2) * (t.h + 2)), 0);
    const rect = new Float32Array(maxTile);
    const src = this.pool.acquire(maxTile * 4);
    const dst = this.pool.acquire(maxTile * 4);
    // The source span of table entries [at, at + count): first and last pixel used, or null (all outside).
    const span = (at: number, count: number, n: number) => {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = at; i < at + count; i++) {
        const i0 = tab[2 * i];
        if (i0 < 0) continue;
        lo = Math.min(lo, i0);
        hi = Math.max(hi, Math.min(i0 + 1, n - 1));
      }
      return lo <= hi ? { lo, n: hi - lo + 1 } : null;
    };
    try {
      for (const t of tiles) {
        const cols = span(t.x0, t.w, width);
        const rows = span(width + t.y0, t.h, height);
        const tileOut = rect.subarray(0, t.w * t.h);
        if (!cols || !rows) {
          tileOut.fill(fill);
        } else {
          const region = { x0: cols.lo, y0: rows.lo, w: cols.n, h: rows.n };
          // 2(w + h) values: less than the padded tile, so it fits.
          const sub = new Float32Array(2 * (t.w + t.h));
          const rebase = (from: number, count: number, at: number, lo: number) => {
            for (let i = 0; i < count; i++) {
              const i0 = tab[2 * (from + i)];
              sub[2 * (at + i)] = i0 < 0 ? -1 : i0 - lo;
              sub[2 * (at + i) + 1] = tab[2 * (from + i) + 1];
            }
          };
          rebase(t.x0, t.w, 0, cols.lo);
          rebase(width + t.y0, t.h, t.w, rows.lo);
          const view = rect.subarray(0, region.w * region.h);
          copyRegion(data, width, region, view);
          this.device.queue.writeBuffer(src, 0, view.buffer, view.byteOffset, view.byteLength);
          await this.bilinearShiftOn({ buffer: src, size: view.byteLength }, dst, sub, t.w, t.h, region.w, region.h, fill);
          await this.download(dst, tileOut.length, tileOut);
        }
        scatterTile2d(tileOut, t, 0, out, width);
      }
    } finally {
      this.pool.release(src);
      this.pool.release(dst);
    }
    return out;
  }

  /**
   * Non-local means on the reflect-padded image (padded on the host, as the CPU op). An image
   * whose padded copy exceeds one binding is done in tiles, each gathered with a halo of patch
   * radius + search radius (the farthest pixel a sum reads) under numpy's 'reflect' (`mirror`):
   * the same padded values around every pixel, hence the same sums as the whole image.
   */
  async nlMeansDenoise2d(input: ArrayInput, width: number, height: number, options: NlMeansBackendOptions): Promise<DeviceArray> {
    checkImageArgs('nlMeansDenoise2d', input, width, height);
    const { h, s, d, sigma } = nlMeansSettings(options);
    const n = width * height;
    const offset = (s - 1) / 2;
    const x = this.input(input, 'nlMeansDenoise2d');
    try {
      const data = await this.hostOf(x.a);
      const pad = offset + d + 1;
      if (this.fits((height + 2 * pad) * (width + 2 * pad))) {
        const tile = { x0: 0, y0: 0, w: width, h: height };
        const padded = new Float32Array((width + 2 * pad) * (height + 2 * pad));
        gatherTile2d(data, width, height, tile, pad, 'mirror', padded);
        const dst = this.pool.acquire(n * 4);
        try {
          await this.nlMeansOn(padded, dst, width, height, pad, offset, d, h, s, sigma);
        } catch (e) {
          this.pool.release(dst);
          throw e;
        }
        return this.wrap(n, dst, null);
      }
      const halo = offset + d;
      const out = new Float32Array(n);
      const tiles = planTiles2d('nlMeansDenoise2d', width, height, halo, this.maxValues);
      const padded = new Float32Array(tiles.reduce((m, t) => Math.max(m, (t.w + 2 * halo) * (t.h + 2 * halo)), 0));
      const dst = this.pool.acquire(tiles.reduce((m, t) => Math.max(m, t.w * t.h), 0) * 4);
      try {
        for (const t of tiles) {
          const view = padded.subarray(0, (t.w + 2 * halo) * (t.h + 2 * halo));
          gatherTile2d(data, width, height, t, halo, 'mirror', view);
          await this.nlMeansOn(view, dst, t.w, t.h, halo, offset, d, h, s, sigma);
          const tileOut = view.subarray(0, t.w * t.h);
          scatterTile2d(await this.download(dst, tileOut.length, tileOut), t, 0, out, width);
        }
      } finally {
        this.pool.release(dst);
      }
      return this.wrap(n, null, out);
    } finally {
      this.done([x]);
    }
  }

  /** One NLM dispatch: a w × h result from its padded image (halo `pad`, uploaded here). */
  private async nlMeansOn(padded: Float32Array, dst: GPUBuffer, w: number, h: number, pad: number, offset: number, d: number, hh: number, s: number, sigma: number): Promise<void> {
    const img = this.uploadNow(padded);
    const u = new ArrayBuffer(48);
    new Uint32Array(u, 0, 8).set([w, h, w + 2 * pad, w * h, pad, offset, d, 0]);
    new Float32Array(u, 32, 2).set([hh * hh * s * s, 2 * sigma * sigma]);
    try {
      await this.dispatch(nlMeansWgsl, 'main', [{ buffer: img.buffer!, size: padded.byteLength }, { buffer: dst, size: w * h * 4 }], u, w * h, WG_ELEMENT);
    } finally {
      img.dispose();
    }
  }

  /** A per-call kernel (a PSF, not a constant table) in a pooled buffer; release it after use. */
  private kernelBuffer(op: string, kernel: ArrayLike<number>, kw: number, kh: number): { buffer: GPUBuffer; size: number } {
    const k = Float32Array.from(kernel);
    if (!this.fits(k.length)) throw new RangeError(`${op}: a ${kw} × ${kh} kernel does not fit the GPU binding limit of ${this.maxBindingBytes} bytes`);
    const buffer = this.pool.acquire(k.byteLength);
    this.device.queue.writeBuffer(buffer, 0, k);
    return { buffer, size: k.byteLength };
  }

  private async convolveOn(src: GPUBuffer, dst: GPUBuffer, w: number, h: number, k: { buffer: GPUBuffer; size: number }, kw: number, kh: number): Promise<void> {
    const count = w * h;
    const u = new Uint32Array([w, h, kw, kh, Math.floor((kw - 1) / 2), Math.floor((kh - 1) / 2), count, 0]).buffer;
    await this.dispatch(convolveWgsl, 'main', [{ buffer: src, size: count * 4 }, { buffer: dst, size: count * 4 }, k], u, count, WG_ELEMENT);
  }

  /**
   * Richardson–Lucy with every iteration on the GPU (two convolutions, ratio, product). An image
   * over one binding is done in rounds of k iterations on clipped padded tiles (`rlTilePlan`):
   * an iteration reads pixels up to `spread` away (two 'same' convolutions), so after k
   * iterations on a tile grown by k·spread the tile's own pixels are exact; the growth is cut at
   * the image border, where the kernel's zero edge is the op's. Between rounds the estimate
   * goes through host memory (float32, as it stays on the GPU), so each pixel sees the same
   * operations as in the resident run.
   */
  async richardsonLucy(input: ArrayInput, width: number, height: number, options: RichardsonLucyBackendOptions): Promise<DeviceArray> {
    checkImageArgs('richardsonLucy', input, width, height);
    const { numIter, clip, filterEpsilon } = richardsonLucySettings(options);
    const { psf, psfWidth: kw, psfHeight: kh } = options;
    const n = width * height;
    const mirror = Float32Array.from({ length: kw * kh }, (_, i) => psf[kw * kh - 1 - i]);
    const k = this.kernelBuffer('richardsonLucy', psf, kw, kh);
    const km = this.kernelBuffer('richardsonLucy', mirror, kw, kh);
    const psfs = { k, km, kw, kh };
    try {
      const x = this.input(input, 'richardsonLucy');
      try {
        if (x.a.buffer) {
          const u = this.pool.acquire(n * 4);
          try {
            this.device.queue.writeBuffer(u, 0, new Float32Array(n).fill(0.5));
            await this.rlOn(x.a.buffer, u, width, height, numIter, clip, filterEpsilon, psfs);
          } catch (e) {
            this.pool.release(u);
            throw e;
          }
          return this.wrap(n, u, null);
        }
        return this.wrap(n, null, await this.rlTiled(x.a.host!, width, height, numIter, clip, filterEpsilon, psfs));
      } finally {
        this.done([x]);
      }
    } finally {
      this.pool.release(k.buffer);
      this.pool.release(km.buffer);
    }
  }

  /** `iters` RL iterations in place on the resident estimate `u` of a w × h image, then the clip. */
  private async rlOn(
    image: GPUBuffer,
    u: GPUBuffer,
    w: number,
    h: number,
    iters: number,
    clip: boolean,
    filterEpsilon: number,
    psfs: { k: { buffer: GPUBuffer; size: number }; km: { buffer: GPUBuffer; size: number }; kw: number; kh: number },
  ): Promise<void> {
    const n = w * h;
    const bytes = n * 4;
    const r = this.pool.acquire(bytes);
    const r2 = this.pool.acquire(bytes);
    try {
      const ratioParams = new ArrayBuffer(16);
      new Uint32Array(ratioParams, 0, 1)[0] = n;
      new Float32Array(ratioParams, 4, 1)[0] = filterEpsilon;
      const countParams = new Uint32Array([n, 0, 0, 0]).buffer;
      const img = { buffer: image, size: bytes };
      for (let it = 0; it < iters; it++) {
        await this.convolveOn(u, r, w, h, psfs.k, psfs.kw, psfs.kh);
        await this.dispatch(rlRatioWgsl, 'main', [img, { buffer: r, size: bytes }], ratioParams, n, WG_ELEMENT);
        await this.convolveOn(r, r2, w, h, psfs.km, psfs.kw, psfs.kh);
        await this.dispatch(rlUpdateWgsl, 'main', [{ buffer: r2, size: bytes }, { buffer: u, size: bytes }], countParams, n, WG_ELEMENT);
      }
      if (clip) await this.dispatch(rlClipWgsl, 'main', [{ buffer: u, size: bytes }], countParams, n, WG_ELEMENT);
    } finally {
      this.pool.release(r);
      this.pool.release(r2);
    }
  }

  /**
   * Iterations per round and tiles for a tiled RL. k = all iterations in one round moves the
   * image through host memory once but grows each tile by numIter·spread (redundant arithmetic,
   * and it may not fit); k = 1 grows tiles least but moves the image 3× per iteration. Cost of a
   * plan: rounds · Σ padded tile area · (3 transfers · RL_TRANSFER_COST + k iterations of
   * 2·taps + 3 operations), the cheapest k among those giving distinct round counts.
   */
  private rlTilePlan(width: number, height: number, numIter: number, spread: number, taps: number): { k: number; tiles: Tile2d[] } {
    let best: { k: number; tiles: Tile2d[]; cost: number } | null = null;
    for (let rounds = 1; rounds <= numIter; rounds++) {
      const k = Math.ceil(numIter / rounds);
      if (rounds > 1 && k === Math.ceil(numIter / (rounds - 1))) continue;
      let tiles: Tile2d[];
      try {
        tiles = planTiles2d('richardsonLucy', width, height, k * spread, this.maxValues, true);
      } catch {
        continue;
      }
      const area = tiles.reduce((a, t) => {
        const r = clippedRegion(t, k * spread, width, height);
        return a + r.w * r.h;
      }, 0);
      const cost = Math.ceil(numIter / k) * area * (3 * RL_TRANSFER_COST + k * (2 * taps + 3));
      if (!best || cost < best.cost) best = { k, tiles, cost };
    }
    if (!best) planTiles2d('richardsonLucy', width, height, spread, this.maxValues, true); // throws with the reason
    return best!;
  }

  private async rlTiled(
    data: Float32Array,
    width: number,
    height: number,
    numIter: number,
    clip: boolean,
    filterEpsilon: number,
    psfs: { k: { buffer: GPUBuffer; size: number }; km: { buffer: GPUBuffer; size: number }; kw: number; kh: number },
  ): Promise<Float32Array> {
    let u = new Float32Array(width * height).fill(0.5);
    if (numIter === 0) return u; // the start value; within [−1, 1], so clipping keeps it
    // 'same' convolution offsets reach ⌊(k − 1)/2⌋ one way and ⌈(k − 1)/2⌉ the other; the mirrored
    // PSF's reach the same way, so an iteration reaches 2·⌈(k − 1)/2⌉.
    const spread = 2 * Math.ceil((Math.max(psfs.kw, psfs.kh) - 1) / 2);
    const { k, tiles } = this.rlTilePlan(width, height, numIter, spread, psfs.kw * psfs.kh);
    const halo = k * spread;
    const regions = tiles.map((t) => clippedRegion(t, halo, width, height));
    const maxRegion = regions.reduce((m, r) => Math.max(m, r.w * r.h), 0);
    const imgHost = new Float32Array(maxRegion);
    const uHost = new Float32Array(maxRegion);
    const img = this.pool.acquire(maxRegion * 4);
    const ub = this.pool.acquire(maxRegion * 4);
    let next = new Float32Array(width * height);
    try {
      for (let it0 = 0; it0 < numIter; it0 += k) {
        const iters = Math.min(k, numIter - it0);
        for (const [i, t] of tiles.entries()) {
          const region = regions[i];
          const len = region.w * region.h;
          copyRegion(data, width, region, imgHost.subarray(0, len));
          copyRegion(u, width, region, uHost.subarray(0, len));
          this.device.queue.writeBuffer(img, 0, imgHost.buffer, 0, len * 4);
          this.device.queue.writeBuffer(ub, 0, uHost.buffer, 0, len * 4);
          await this.rlOn(img, ub, region.w, region.h, iters, clip && it0 + iters === numIter, filterEpsilon, psfs);
          scatterRegion(await this.download(ub, len, uHost.subarray(0, len)), region, t, next, width);
        }
        [u, next] = [next, u];
      }
    } finally {
      this.pool.release(img);
      this.pool.release(ub);
    }
    return u;
  }

  // ---------------------------------------------------------------- FFT

  private twiddles(n: number): GPUBuffer {
    return this.table(`tw:${n}`, () => {
      const t = new Float32Array(Math.max(2, n));
      for (let m = 0; m < n / 2; m++) {
        const a = (-2 * Math.PI * m) / n;
        t[2 * m] = Math.cos(a);
        t[2 * m + 1] = Math.sin(a);
      }
      return t;
    });
  }

  private async conjScale(buf: GPUBuffer, count: number, sign: number, scale: number): Promise<void> {
    const u = new ArrayBuffer(16);
    new Uint32Array(u, 0, 1)[0] = count;
    new Float32Array(u, 4, 2).set([sign, scale]);
    await this.dispatch(conjScaleWgsl, 'main', [{ buffer: buf, size: count * 8 }], u, count, WG_ELEMENT);
  }

  private copy(src: GPUBuffer, dst: GPUBuffer, bytes: number): void {
    const enc = this.device.createCommandEncoder();
    enc.copyBufferToBuffer(src, 0, dst, 0, bytes);
    this.device.queue.submit([enc.finish()]);
  }

  /** Power-of-two FFT (Stockham) of `batch` contiguous rows of length n: src → dst (src unchanged). */
  private async stockham(src: GPUBuffer, dst: GPUBuffer, n: number, batch: number): Promise<void> {
    const bytes = n * batch * 8;
    if (n === 1) {
      this.copy(src, dst, bytes);
      return;
    }
    const stages = Math.round(Math.log2(n));
    const tmp = this.pool.acquire(bytes);
    const bufs = stages % 2 === 1 ? [dst, tmp] : [tmp, dst];
    const tw = this.twiddles(n);
    const half = n / 2;
    const count = batch * half;
    for (let s = 0; s < stages; s++) {
      const ns = 1 << s;
      const from = s === 0 ? src : bufs[(s - 1) % 2];
      const to = bufs[s % 2];
      const u = new Uint32Array([n, half, ns, count, half / ns, 0, 0, 0]).buffer;
      await this.dispatch(stockhamWgsl, 'main', [{ buffer: from, size: bytes }, { buffer: to, size: bytes }, tw], u, count, WG_ELEMENT);
    }
    this.pool.release(tmp);
  }

  /**
   * 1-D FFTs of `batch` contiguous complex rows of length n (any n): src → dst, src unchanged.
   * Inverse by conjugation: conj(FFT(conj x))/n, as `fft1d`.
   */
  private async fftRows(src: GPUBuffer, dst: GPUBuffer, n: number, batch: number, inverse: boolean): Promise<void> {
    const count = n * batch;
    let input = src;
    if (inverse) {
      input = this.pool.acquire(count * 8);
      this.copy(src, input, count * 8);
      await this.conjScale(input, count, -1, 1);
    }
    const plan = getFftPlan(n);
    if (plan.kind !== 'bluestein') await this.stockham(input, dst, n, batch);
    else {
      const { m } = plan;
      if (2 * m > this.maxValues) {
        throw new RangeError(`fft2d: a transform of length ${n} needs ${2 * m * 4} bytes of Bluestein scratch, over the GPU binding limit ${this.maxBindingBytes}`);
      }
      const chunk = Math.min(batch, Math.floor(this.maxValues / (2 * m)));
      const chirp = this.table(`chirp:${n}`, () => {
        const c = new Float32Array(2 * n);
        for (let k = 0; k < n; k++) {
          c[2 * k] = plan.chirpRe[k];
          c[2 * k + 1] = plan.chirpIm[k];
        }
        return c;
      });
      const kernel = this.table(`bluestein:${n}`, () => Float32Array.from(plan.kernel));
      const s1 = this.pool.acquire(chunk * m * 8);
      const s2 = this.pool.acquire(chunk * m * 8);
      const whole = { buffer: input, size: count * 8 };
      const out = { buffer: dst, size: count * 8 };
      for (let r0 = 0; r0 < batch; r0 += chunk) {
        const rowsNow = Math.min(chunk, batch - r0);
        const cm = rowsNow * m;
        const scratch1 = { buffer: s1, size: cm * 8 };
        const scratch2 = { buffer: s2, size: cm * 8 };
        await this.dispatch(bluesteinPreWgsl, 'main', [whole, scratch1, chirp], new Uint32Array([n, m, r0, cm]).buffer, cm, WG_ELEMENT);
        await this.stockham(s1, s2, m, rowsNow);
        await this.dispatch(bluesteinMulWgsl, 'main', [scratch2, kernel], new Uint32Array([m, cm, 0, 0]).buffer, cm, WG_ELEMENT);
        await this.stockham(s2, s1, m, rowsNow);
        const u = new ArrayBuffer(32);
        new Uint32Array(u, 0, 4).set([n, m, r0, rowsNow * n]);
        new Float32Array(u, 16, 1)[0] = 1 / m;
        await this.dispatch(bluesteinPostWgsl, 'main', [scratch1, out, chirp], u, rowsNow * n, WG_ELEMENT);
      }
      this.pool.release(s1);
      this.pool.release(s2);
    }
    if (inverse) {
      this.pool.release(input);
      await this.conjScale(dst, count, -1, 1 / n);
    }
  }

  private async transpose(src: GPUBuffer, dst: GPUBuffer, rows: number, cols: number): Promise<void> {
    const count = rows * cols;
    await this.dispatch(transposeWgsl, 'main', [{ buffer: src, size: count * 8 }, { buffer: dst, size: count * 8 }], new Uint32Array([rows, cols, count, 0]).buffer, count, WG_ELEMENT);
  }

  /** Whether an FFT over the given lengths can run resident (complex array + Bluestein scratch). */
  private fftFits(total: number, lengths: readonly number[]): boolean {
    const scratch = (n: number) => {
      const p = getFftPlan(n);
      return p.kind === 'bluestein' ? 2 * p.m : 0;
    };
    return this.fits(2 * total) && lengths.every((n) => this.fits(scratch(n)));
  }

  async fft1d(input: ArrayInput, batch: number, n: number, options: Fft2dBackendOptions = {}): Promise<DeviceArray> {
    const kind = fftShapeKind('fft1d', input, ['batch', 'n'], [batch, n]);
    return this.fftNd('fft1d', input, kind, [batch, n], 1, options.inverse ?? false);
  }

  async fft2d(input: ArrayInput, rows: number, cols: number, options: Fft2dBackendOptions = {}): Promise<DeviceArray> {
    const kind = fftInputKind(input, rows, cols);
    return this.fftNd('fft2d', input, kind, [rows, cols], 2, options.inverse ?? false);
  }

  async fft3d(input: ArrayInput, depth: number, rows: number, cols: number, options: Fft2dBackendOptions = {}): Promise<DeviceArray> {
    const kind = fftShapeKind('fft3d', input, ['depth', 'rows', 'cols'], [depth, rows, cols]);
    return this.fftNd('fft3d', input, kind, [depth, rows, cols], 3, options.inverse ?? false);
  }

  /**
   * DFT over the last `axes` axes of a row-major array of `shape`. Resident: each step transforms
   * the last axis (contiguous rows) and transposes (rest × last) so that the next axis becomes the
   * last; after `axes` steps on all axes the order is back (1-D: one step, no transpose). Length-1
   * axes are skipped (their transpose moves nothing). Too large for one binding: `fftNdTiled`.
   */
  private async fftNd(op: string, input: ArrayInput, kind: 'real' | 'complex', shape: readonly number[], axes: number, inverse: boolean): Promise<DeviceArray> {
    const n = shape.reduce((a, b) => a * b, 1);
    const lengths = shape.slice(shape.length - axes);
    const x = this.input(input, op);
    try {
      if (x.a.buffer && this.fftFits(n, lengths)) {
        let a = this.pool.acquire(n * 8);
        if (kind === 'real') {
          await this.dispatch(realToComplexWgsl, 'main', [{ buffer: x.a.buffer, size: n * 4 }, { buffer: a, size: n * 8 }], new Uint32Array([n, 0, 0, 0]).buffer, n, WG_ELEMENT);
        } else this.copy(x.a.buffer, a, n * 8);
        let b = this.pool.acquire(n * 8);
        if (axes === 1) {
          await this.fftRows(a, b, lengths[0], n / lengths[0], inverse);
          [a, b] = [b, a];
        } else {
          const dims = [...shape];
          for (let k = 0; k < axes; k++) {
            const len = dims[dims.length - 1];
            if (len > 1) {
              await this.fftRows(a, b, len, n / len, inverse);
              await this.transpose(b, a, n / len, len);
            }
            dims.unshift(dims.pop()!);
          }
        }
        this.pool.release(b);
        return this.wrap(2 * n, a, null);
      }
      return this.wrap(2 * n, null, await this.fftNdTiled(op, await this.hostOf(x.a), kind, shape, axes, inverse));
    } finally {
      this.done([x]);
    }
  }

  /**
   * The same through host memory: for each axis, bands of lines along it are gathered into
   * contiguous rows, transformed on the GPU, and scattered back.
   */
  private async fftNdTiled(op: string, data: Float32Array, kind: 'real' | 'complex', shape: readonly number[], axes: number, inverse: boolean): Promise<Float32Array> {
    const n = shape.reduce((a, b) => a * b, 1);
    const out = new Float32Array(2 * n);
    if (kind === 'real') for (let i = 0; i < n; i++) out[2 * i] = data[i];
    else out.set(data);
    for (let ax = shape.length - 1; ax >= shape.length - axes; ax--) {
      const len = shape[ax];
      if (len === 1) continue;
      const plan = getFftPlan(len);
      const rowValues = 2 * len;
      if (!this.fits(rowValues) || (plan.kind === 'bluestein' && !this.fits(2 * plan.m))) {
        throw new RangeError(`${op}: one transform of length ${len} does not fit the GPU binding limit of ${this.maxBindingBytes} bytes`);
      }
      // Line l along this axis: outer o = ⌊l/S⌋, inner i = l mod S, elements o·len·S + i + k·S.
      const S = shape.slice(ax + 1).reduce((a, b) => a * b, 1);
      const lines = n / len;
      const band = Math.max(1, Math.min(lines, Math.floor(this.maxValues / rowValues)));
      const buf = new Float32Array(band * rowValues);
      const move = (l0: number, nl: number, gather: boolean) => {
        if (S === 1) {
          if (gather) buf.set(out.subarray(2 * l0 * len, 2 * (l0 + nl) * len));
          else out.set(buf.subarray(0, nl * rowValues), 2 * l0 * len);
          return;
        }
        for (let j = 0; j < nl; j++) {
          const l = l0 + j;
          const o = Math.floor(l / S);
          const base = o * len * S + (l - o * S);
          for (let k = 0; k < len; k++) {
            const e = 2 * (base + k * S);
            const b = 2 * (j * len + k);
            if (gather) {
              buf[b] = out[e];
              buf[b + 1] = out[e + 1];
            } else {
              out[e] = buf[b];
              out[e + 1] = buf[b + 1];
            }
          }
        }
      };
      const src = this.pool.acquire(buf.byteLength);
      const dst = this.pool.acquire(buf.byteLength);
      try {
        for (let l0 = 0; l0 < lines; l0 += band) {
          const nl = Math.min(band, lines - l0);
          const view = buf.subarray(0, nl * rowValues);
          move(l0, nl, true);
          this.device.queue.writeBuffer(src, 0, view.buffer, view.byteOffset, view.byteLength);
          await this.fftRows(src, dst, len, nl, inverse);
          await this.download(dst, view.length, view);
          move(l0, nl, false);
        }
      } finally {
        this.pool.release(src);
        this.pool.release(dst);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- elementwise, reductions

  async crossPowerSpectrum(a: ArrayInput, b: ArrayInput, options: CrossPowerOptions = {}): Promise<DeviceArray> {
    checkCrossPowerArgs(a, b);
    const normalize = options.normalize ?? true;
    const xa = this.input(a, 'crossPowerSpectrum');
    const xb = this.input(b, 'crossPowerSpectrum');
    try {
      const uniforms = (count: number) => {
        const u = new ArrayBuffer(16);
        new Uint32Array(u, 0, 2).set([count, normalize ? 1 : 0]);
        new Float32Array(u, 8, 1)[0] = CROSS_POWER_FLOOR;
        return u;
      };
      const kernel = async (ba: GPUBuffer, bb: GPUBuffer, dst: GPUBuffer, values: number) =>
        this.dispatch(crossPowerWgsl, 'main', [{ buffer: ba, size: values * 4 }, { buffer: bb, size: values * 4 }, { buffer: dst, size: values * 4 }], uniforms(values / 2), values / 2, WG_ELEMENT);
      if (xa.a.buffer && xb.a.buffer) {
        const dst = this.pool.acquire(a.length * 4);
        await kernel(xa.a.buffer, xb.a.buffer, dst, a.length);
        return this.wrap(a.length, dst, null);
      }
      const ha = await this.hostOf(xa.a);
      const hb = await this.hostOf(xb.a);
      const out = new Float32Array(a.length);
      await this.chunked(a.length, 2, [ha, hb], out, (bufs, dst, values) => kernel(bufs[0], bufs[1], dst, values));
      return this.wrap(a.length, null, out);
    } finally {
      this.done([xa, xb]);
    }
  }

  /** Elementwise kernels through host memory, chunk by chunk (chunks a multiple of `step` values). */
  private async chunked(
    length: number,
    step: number,
    inputs: Float32Array[],
    out: Float32Array,
    kernel: (bufs: GPUBuffer[], dst: GPUBuffer, values: number) => Promise<unknown>,
  ): Promise<void> {
    const chunk = Math.floor(this.maxValues / step) * step;
    const bufs = inputs.map(() => this.pool.acquire(chunk * 4));
    const dst = this.pool.acquire(chunk * 4);
    try {
      for (let i0 = 0; i0 < length; i0 += chunk) {
        const nv = Math.min(chunk, length - i0);
        inputs.forEach((h, k) => this.device.queue.writeBuffer(bufs[k], 0, h.buffer, h.byteOffset + i0 * 4, nv * 4));
        await kernel(bufs, dst, nv);
        await this.download(dst, nv, out.subarray(i0, i0 + nv));
      }
    } finally {
      for (const b of bufs) this.pool.release(b);
      this.pool.release(dst);
    }
  }

  /** Reduces a GPU-resident float32 array of `count` values to (min, max, sum, sum of squares). */
  private async reduceBuffer(src: GPUBuffer, count: number): Promise<[number, number, number, number]> {
    const u = (c: number, partials: number) => {
      const b = new ArrayBuffer(16);
      new Uint32Array(b, 0, 2).set([c, partials]);
      new Float32Array(b, 12, 1)[0] = Infinity;
      return b;
    };
    let values = Math.ceil(count / REDUCE_FOLD);
    let from = this.pool.acquire(values * 16);
    await this.dispatch(reduceFirstWgsl, 'main', [{ buffer: src, size: count * 4 }, { buffer: from, size: values * 16 }], u(count, values), values, WG_REDUCE);
    while (values > 1) {
      const next = Math.ceil(values / REDUCE_FOLD);
      const to = this.pool.acquire(next * 16);
      await this.dispatch(reduceNextWgsl, 'main', [{ buffer: from, size: values * 16 }, { buffer: to, size: next * 16 }], u(values, next), next, WG_REDUCE);
      this.pool.release(from);
      from = to;
      values = next;
    }
    const r = await this.download(from, 4);
    this.pool.release(from);
    return [r[0], r[1], r[2], r[3]];
  }

  async reduce(input: ArrayInput): Promise<ReduceResult> {
    if (input.length === 0) throw new RangeError('reduce: input has 0 values, expected at least 1');
    const x = this.input(input, 'reduce');
    try {
      if (x.a.buffer) {
        const [min, max, sum, sumSquares] = await this.reduceBuffer(x.a.buffer, x.a.length);
        return { min, max, sum, sumSquares, count: x.a.length };
      }
      // Chunks, combined in float64 on the host.
      const data = x.a.host!;
      const r = { min: Infinity, max: -Infinity, sum: 0, sumSquares: 0, count: data.length };
      const buf = this.pool.acquire(Math.min(data.length, this.maxValues) * 4);
      try {
        for (let i0 = 0; i0 < data.length; i0 += this.maxValues) {
          const nv = Math.min(this.maxValues, data.length - i0);
          this.device.queue.writeBuffer(buf, 0, data.buffer, data.byteOffset + i0 * 4, nv * 4);
          const [mn, mx, s, ss] = await this.reduceBuffer(buf, nv);
          r.min = Math.min(r.min, mn);
          r.max = Math.max(r.max, mx);
          r.sum += s;
          r.sumSquares += ss;
        }
      } finally {
        this.pool.release(buf);
      }
      return r;
    } finally {
      this.done([x]);
    }
  }
}
