/// <reference types="@webgpu/types" />
/**
 * The WebGPU backend's handles: a pooled GPU buffer, or host memory when the array is larger than
 * one binding. A handle belongs to the `GpuContext` that made it; kernels take handles or host
 * arrays (`withInputs`) and return new handles (`onGpu`, `onHost`).
 */
import type { ArrayInput, DeviceArray } from '../computeBackend';
import type { GpuContext } from './gpuContext';

export class WebGpuArray implements DeviceArray {
  readonly backend = 'webgpu' as const;
  constructor(
    readonly owner: GpuContext,
    readonly length: number,
    private buf: GPUBuffer | null,
    private hostData: Float32Array | null,
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
    if (this.buf) this.owner.pool.release(this.buf);
    this.buf = null;
    this.hostData = null;
  }
}

/** A host-resident handle (an array over one binding, or a tiled kernel's result). */
export function onHost(ctx: GpuContext, data: Float32Array): WebGpuArray {
  return new WebGpuArray(ctx, data.length, null, data);
}

/** The handle of host data: uploaded when it fits one binding, else kept on the host. */
export function fromHost(ctx: GpuContext, data: Float32Array): WebGpuArray {
  return ctx.fits(data.length) ? new WebGpuArray(ctx, data.length, ctx.upload(data), null) : onHost(ctx, data);
}

/**
 * A new GPU-resident result of `length` values: `fill` writes it into a pooled buffer (released
 * again when `fill` throws).
 */
export async function onGpu(ctx: GpuContext, length: number, fill: (dst: GPUBuffer) => Promise<void>): Promise<WebGpuArray> {
  const dst = ctx.pool.acquire(length * 4);
  try {
    await fill(dst);
  } catch (e) {
    ctx.pool.release(dst);
    throw e;
  }
  return new WebGpuArray(ctx, length, dst, null);
}

/** Wraps a pooled buffer already holding a result. */
export function gpuResult(ctx: GpuContext, length: number, buffer: GPUBuffer): WebGpuArray {
  return new WebGpuArray(ctx, length, buffer, null);
}

/** The handle for an input, checked to be this context's and not disposed; `temp` when made here. */
export function resolveInput(ctx: GpuContext, x: ArrayInput, op: string): { a: WebGpuArray; temp: boolean } {
  if (x instanceof Float32Array) return { a: fromHost(ctx, x), temp: true };
  if (x instanceof WebGpuArray && x.owner === ctx) {
    void x.buffer; // throws when disposed
    return { a: x, temp: false };
  }
  throw new TypeError(`${op}: got an array of another backend (${x.backend}); read it to the host first`);
}

/** Runs `use` on the inputs' handles; those made here (uploads of host arrays) are disposed after. */
export async function withInputs<T>(ctx: GpuContext, op: string, inputs: ArrayInput[], use: (arrays: WebGpuArray[]) => Promise<T>): Promise<T> {
  const resolved: { a: WebGpuArray; temp: boolean }[] = [];
  try {
    for (const x of inputs) resolved.push(resolveInput(ctx, x, op));
    return await use(resolved.map((r) => r.a));
  } finally {
    for (const r of resolved) if (r.temp) r.a.dispose();
  }
}

/** Host values of a handle (downloads GPU-resident data). */
export async function hostValues(ctx: GpuContext, a: WebGpuArray): Promise<Float32Array> {
  return a.host ?? ctx.download(a.buffer!, a.length);
}
