/// <reference types="@webgpu/types" />
/**
 * GPU buffer pool: the storage buffers of one WebGPU backend. Kernels create and drop many
 * same-sized temporaries (ping-pong buffers of an FFT, the intermediate of a separable filter,
 * the results of a chain); creating a GPU buffer costs an allocation, so released buffers are kept
 * by size (rounded up to 256 bytes) for reuse, up to `maxIdleBytes` in all; beyond that, or on
 * `destroy`, they are destroyed. Reuse is safe without waiting: every use is a command on the one
 * queue, executed in submission order.
 */
/**
 * The WebGPU flag values (spec constants), so that importing this module needs no WebGPU globals
 * (a browser without WebGPU still loads the bundle and picks the CPU backend).
 */
export const GPU_USAGE = { MAP_READ: 0x1, COPY_SRC: 0x4, COPY_DST: 0x8, UNIFORM: 0x40, STORAGE: 0x80 } as const;
export const GPU_MAP_READ = 0x1;
export const STORAGE_USAGE = GPU_USAGE.STORAGE | GPU_USAGE.COPY_SRC | GPU_USAGE.COPY_DST;

export class GpuBufferPool {
  private readonly idle = new Map<number, GPUBuffer[]>();
  private idleBytes = 0;
  /** Buffers handed out and not yet released (tests check it returns to 0). */
  live = 0;

  constructor(
    private readonly device: GPUDevice,
    private readonly maxIdleBytes: number,
  ) {}

  /** A storage buffer of at least `bytes` bytes (contents undefined). */
  acquire(bytes: number): GPUBuffer {
    const size = Math.max(256, Math.ceil(bytes / 256) * 256);
    const list = this.idle.get(size);
    this.live++;
    const reused = list?.pop();
    if (reused) {
      this.idleBytes -= size;
      return reused;
    }
    return this.device.createBuffer({ size, usage: STORAGE_USAGE });
  }

  release(buffer: GPUBuffer): void {
    this.live--;
    const size = buffer.size;
    if (this.idleBytes + size > this.maxIdleBytes) {
      buffer.destroy();
      return;
    }
    let list = this.idle.get(size);
    if (!list) this.idle.set(size, (list = []));
    list.push(buffer);
    this.idleBytes += size;
  }

  /** Bytes held idle for reuse. */
  get pooledBytes(): number {
    return this.idleBytes;
  }

  destroy(): void {
    for (const list of this.idle.values()) for (const b of list) b.destroy();
    this.idle.clear();
    this.idleBytes = 0;
  }
}
