/// <reference types="@webgpu/types" />
/**
 * The WebGPU backend: WGSL kernels (`./wgsl/`) behind `ComputeBackend`, checked against the CPU
 * backend in `test/gpu/`. This file makes the device and delegates each method to its kernel
 * family in `./webgpu/`; the state of one backend (device, binding limit, buffer pool, pipelines,
 * constant tables, uniform buffer) is its `GpuContext` (`webgpu/gpuContext.ts`).
 *
 * Arrays too large for one storage binding (`maxBindingBytes`, by default the device's
 * `maxStorageBufferBindingSize` / `maxBufferSize`) stay in host memory and are processed in tiles
 * (see `CONTEXT.md`); results of tiled kernels are host-resident handles.
 */
import {
  fftInputKind,
  fftShapeKind,
  type ArrayInput,
  type BilinearShiftBackendOptions,
  type ComputeBackend,
  type Convolve2dOptions,
  type CrossPowerOptions,
  type DeviceArray,
  type Fft2dBackendOptions,
  type GaussianFilter2dOptions,
  type MedianFilter2dOptions,
  type NlMeansBackendOptions,
  type ReduceResult,
  type RichardsonLucyBackendOptions,
  type TileRunOptions,
} from './computeBackend';
import type { GpuBufferPool } from './gpuBufferPool';
import { bilinearShift2d } from './webgpu/bilinearShift';
import { convolve2d } from './webgpu/convolve';
import { crossPowerSpectrum } from './webgpu/crossPower';
import { fftNd } from './webgpu/fftNd';
import { gaussianFilter2d } from './webgpu/gaussian';
import { gaussianFilter3d } from './webgpu/gaussian3d';
import { fromHost, resolveInput } from './webgpu/gpuArrays';
import { GpuContext } from './webgpu/gpuContext';
import { medianFilter2d } from './webgpu/median';
import { medianFilter3d } from './webgpu/median3d';
import { nlMeansDenoise2d } from './webgpu/nlMeans';
import { reduce } from './webgpu/reduce';
import { richardsonLucy } from './webgpu/richardsonLucy';

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
  return new Backend(new GpuContext(device, options.maxBindingBytes, options.poolBytes ?? 256 * 1024 * 1024), description, owned, fallback);
}

class Backend implements WebGpuBackend {
  readonly name = 'webgpu' as const;

  constructor(
    private readonly ctx: GpuContext,
    readonly description: string,
    private readonly ownsDevice: boolean,
    readonly isFallbackAdapter: boolean,
  ) {}

  get device(): GPUDevice {
    return this.ctx.device;
  }
  get maxBindingBytes(): number {
    return this.ctx.maxBindingBytes;
  }
  get pool(): GpuBufferPool {
    return this.ctx.pool;
  }

  async upload(data: Float32Array): Promise<DeviceArray> {
    if (!(data instanceof Float32Array)) throw new TypeError('upload: expected a Float32Array');
    return fromHost(this.ctx, data);
  }

  async read(input: ArrayInput, out?: Float32Array): Promise<Float32Array> {
    if (out && out.length !== input.length) throw new RangeError(`read: out has ${out.length} values, expected ${input.length}`);
    const a = input instanceof Float32Array ? null : resolveInput(this.ctx, input, 'read').a;
    const host = a ? a.host : (input as Float32Array);
    if (host) {
      if (!out) return host;
      out.set(host);
      return out;
    }
    return this.ctx.download(a!.buffer!, a!.length, out);
  }

  finish(): Promise<void> {
    return this.ctx.finish();
  }

  dispose(): void {
    this.ctx.dispose(this.ownsDevice);
  }

  async gaussianFilter2d(input: ArrayInput, width: number, height: number, options: GaussianFilter2dOptions): Promise<DeviceArray> {
    return gaussianFilter2d(this.ctx, input, width, height, options);
  }

  async gaussianFilter3d(input: ArrayInput, width: number, height: number, depth: number, options: GaussianFilter2dOptions): Promise<DeviceArray> {
    return gaussianFilter3d(this.ctx, input, width, height, depth, options);
  }

  async medianFilter2d(input: ArrayInput, width: number, height: number, options: MedianFilter2dOptions): Promise<DeviceArray> {
    return medianFilter2d(this.ctx, input, width, height, options);
  }

  async medianFilter3d(input: ArrayInput, width: number, height: number, depth: number, options: TileRunOptions = {}): Promise<DeviceArray> {
    return medianFilter3d(this.ctx, input, width, height, depth, options);
  }

  async convolve2d(input: ArrayInput, width: number, height: number, options: Convolve2dOptions): Promise<DeviceArray> {
    return convolve2d(this.ctx, input, width, height, options);
  }

  async bilinearShift2d(input: ArrayInput, width: number, height: number, options: BilinearShiftBackendOptions): Promise<DeviceArray> {
    return bilinearShift2d(this.ctx, input, width, height, options);
  }

  async nlMeansDenoise2d(input: ArrayInput, width: number, height: number, options: NlMeansBackendOptions): Promise<DeviceArray> {
    return nlMeansDenoise2d(this.ctx, input, width, height, options);
  }

  async richardsonLucy(input: ArrayInput, width: number, height: number, options: RichardsonLucyBackendOptions): Promise<DeviceArray> {
    return richardsonLucy(this.ctx, input, width, height, options);
  }

  async fft1d(input: ArrayInput, batch: number, n: number, options: Fft2dBackendOptions = {}): Promise<DeviceArray> {
    const kind = fftShapeKind('fft1d', input, ['batch', 'n'], [batch, n]);
    return fftNd(this.ctx, 'fft1d', input, kind, [batch, n], 1, options.inverse ?? false, options);
  }

  async fft2d(input: ArrayInput, rows: number, cols: number, options: Fft2dBackendOptions = {}): Promise<DeviceArray> {
    const kind = fftInputKind(input, rows, cols);
    return fftNd(this.ctx, 'fft2d', input, kind, [rows, cols], 2, options.inverse ?? false, options);
  }

  async fft3d(input: ArrayInput, depth: number, rows: number, cols: number, options: Fft2dBackendOptions = {}): Promise<DeviceArray> {
    const kind = fftShapeKind('fft3d', input, ['depth', 'rows', 'cols'], [depth, rows, cols]);
    return fftNd(this.ctx, 'fft3d', input, kind, [depth, rows, cols], 3, options.inverse ?? false, options);
  }

  async crossPowerSpectrum(a: ArrayInput, b: ArrayInput, options: CrossPowerOptions = {}): Promise<DeviceArray> {
    return crossPowerSpectrum(this.ctx, a, b, options);
  }

  async reduce(input: ArrayInput): Promise<ReduceResult> {
    return reduce(this.ctx, input);
  }
}
