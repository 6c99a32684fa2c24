/// <reference types="@webgpu/types" />
/**
 * The core one WebGPU backend's kernels share: the device, the binding limit, the buffer pool,
 * compiled pipelines (by kernel), constant tables (by key; small, bounded) and one uniform buffer.
 * Every dispatch is its own submit after writing its parameters into the uniform buffer: the queue
 * executes writes and submits in order, so one uniform buffer serves all dispatches.
 */
import { GPU_MAP_READ, GPU_USAGE, GpuBufferPool } from '../gpuBufferPool';
import { WG_ELEMENT } from '../wgsl/common.wgsl';

/** Constant tables kept (Gaussian weights, twiddles, Bluestein chirps); the oldest goes first. */
const MAX_TABLES = 32;

/** A storage binding: a whole buffer, or its first `size` bytes. */
export type Binding = GPUBuffer | { buffer: GPUBuffer; size: number };

/** A uniform word: a number is a u32, `f32(x)` a float. */
export type ParamWord = number | { f32: number };

export const f32 = (value: number): ParamWord => ({ f32: value });

/** Packs 4-byte words in order into a uniform block (zero-padded to a multiple of 16 bytes). */
export function params(...words: ParamWord[]): ArrayBuffer {
  const block = new ArrayBuffer(Math.max(1, Math.ceil(words.length / 4)) * 16);
  const view = new DataView(block);
  words.forEach((w, i) => (typeof w === 'number' ? view.setUint32(4 * i, w, true) : view.setFloat32(4 * i, w.f32, true)));
  return block;
}

export class GpuContext {
  /** The binding limit in bytes (a multiple of 4) and in float32 values. */
  readonly maxBindingBytes: number;
  readonly maxValues: number;
  readonly pool: GpuBufferPool;
  private readonly pipelines = new Map<string, Promise<GPUComputePipeline>>();
  private readonly tables = new Map<string, GPUBuffer>();
  private readonly uniform: GPUBuffer;
  private lost = false;

  constructor(
    readonly device: GPUDevice,
    maxBindingBytes: number | undefined,
    poolBytes: number,
  ) {
    const hw = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
    const limit = maxBindingBytes ?? hw;
    if (!(limit >= 16) || limit > hw) {
      throw new RangeError(`createWebGpuBackend: maxBindingBytes = ${limit}, expected 16 … ${hw} (the device limit)`);
    }
    this.maxBindingBytes = Math.floor(limit / 4) * 4;
    this.maxValues = this.maxBindingBytes / 4;
    this.pool = new GpuBufferPool(device, poolBytes);
    this.uniform = device.createBuffer({ size: 256, usage: GPU_USAGE.UNIFORM | GPU_USAGE.COPY_DST });
    void device.lost.then(() => {
      this.lost = true;
    });
  }

  check(): void {
    if (this.lost) throw new Error('webgpu backend: the device was lost or disposed');
  }

  /** Whether `values` float32 values fit one storage binding. */
  fits(values: number): boolean {
    return values <= this.maxValues;
  }

  private pipeline(code: string, entry: string): Promise<GPUComputePipeline> {
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
  table(key: string, build: () => Float32Array<ArrayBuffer>): GPUBuffer {
    const hit = this.tables.get(key);
    if (hit) return hit;
    if (this.tables.size >= MAX_TABLES) {
      const [oldest, buffer] = this.tables.entries().next().value as [string, GPUBuffer];
      buffer.destroy();
      this.tables.delete(oldest);
    }
    const data = build();
    const buffer = this.device.createBuffer({
      size: Math.max(16, Math.ceil(data.byteLength / 16) * 16),
      usage: GPU_USAGE.STORAGE | GPU_USAGE.COPY_DST,
    });
    this.device.queue.writeBuffer(buffer, 0, data);
    this.tables.set(key, buffer);
    return buffer;
  }

  /**
   * One dispatch of `entry` in `code` over `threads` invocations, `uniforms` at binding 0 and
   * `bindings` from 1 (workgroups spread over x and y when more than
   * `maxComputeWorkgroupsPerDimension` are needed).
   */
  async dispatch(code: string, entry: string, bindings: Binding[], uniforms: ArrayBuffer, threads: number, wg = WG_ELEMENT): Promise<void> {
    this.check();
    const pipeline = await this.pipeline(code, entry);
    const groups = Math.ceil(threads / wg);
    const maxDim = this.device.limits.maxComputeWorkgroupsPerDimension;
    const x = Math.min(groups, maxDim);
    const y = Math.ceil(groups / x);
    if (y > maxDim) throw new RangeError(`webgpu: ${threads} invocations need more than ${maxDim}² workgroups`);
    this.device.queue.writeBuffer(this.uniform, 0, uniforms);
    const entries: GPUBindGroupEntry[] = [{ binding: 0, resource: { buffer: this.uniform, size: uniforms.byteLength } }];
    bindings.forEach((b, i) => entries.push({ binding: i + 1, resource: 'buffer' in b ? b : { buffer: b } }));
    const bindGroup = this.device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries });
    const enc = this.device.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(x, y);
    pass.end();
    this.device.queue.submit([enc.finish()]);
  }

  /** Writes host values to the start of `buffer`. */
  write(buffer: GPUBuffer, data: Float32Array): void {
    this.device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
  }

  /** A pooled buffer holding `data`. */
  upload(data: Float32Array): GPUBuffer {
    this.check();
    const buffer = this.pool.acquire(data.byteLength);
    this.write(buffer, data);
    return buffer;
  }

  /** Runs `use` with `data` in a pooled buffer, released afterwards (also on error). */
  async withUploaded<T>(data: Float32Array, use: (buffer: GPUBuffer) => Promise<T>): Promise<T> {
    const buffer = this.upload(data);
    try {
      return await use(buffer);
    } finally {
      this.pool.release(buffer);
    }
  }

  copy(src: GPUBuffer, dst: GPUBuffer, bytes: number): void {
    const enc = this.device.createCommandEncoder();
    enc.copyBufferToBuffer(src, 0, dst, 0, bytes);
    this.device.queue.submit([enc.finish()]);
  }

  /** The first `length` float32 values of `buffer`, into `out` when given. */
  async download(buffer: GPUBuffer, length: number, out?: Float32Array): Promise<Float32Array> {
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

  /** Runs `use` with pooled buffers of the given byte sizes, released afterwards (also on error). */
  async withBuffers<T>(bytes: readonly number[], use: (buffers: GPUBuffer[]) => Promise<T>): Promise<T> {
    const buffers = bytes.map((b) => this.pool.acquire(b));
    try {
      return await use(buffers);
    } finally {
      for (const b of buffers) this.pool.release(b);
    }
  }

  async finish(): Promise<void> {
    this.check();
    await this.device.queue.onSubmittedWorkDone();
  }

  /** Frees every buffer, table and pipeline (and the device when `ownsDevice`). */
  dispose(ownsDevice: boolean): void {
    this.pool.destroy();
    for (const t of this.tables.values()) t.destroy();
    this.tables.clear();
    this.pipelines.clear();
    this.uniform.destroy();
    if (ownsDevice) this.device.destroy();
    this.lost = true;
  }
}
