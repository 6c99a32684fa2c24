/**
 * A pool of threads that run a frame kernel over a stack held in SharedArrayBuffers: every thread
 * and the calling thread take frames from a shared counter (one frame at a time, so uneven frames
 * balance), read their input frame and write their output frame in place. No pixels are copied or
 * cloned; a task carries views, a kernel id and its parameters. Cancel (AbortSignal) sets the shared
 * stop flag that every lane reads before its next frame; a frame's error stops the others and is
 * reported with its index.
 */
import type { PoolKernelId, PoolKernelParams } from './poolKernels';
import { CTRL_DONE, CTRL_LENGTH, CTRL_STOP, dtypeOf, type FrameFailure, type PoolReply, type SharedView } from './poolProtocol';
import type { PoolThread, SpawnPoolThread } from './poolThread';
import { runLane } from './runLane';

type Pixels = Uint8Array | Uint16Array | Float32Array | Float64Array;

export interface PoolMapOptions {
  signal?: AbortSignal;
  /**
   * Per-frame values out (float64, frames × k for the kernel's k values per frame: shifts, counts,
   * features), shared memory like the pixels.
   */
  values?: Float64Array;
  /** Called after frames finish (by any lane) with the count done so far; the calling thread yields here. */
  onFrame?: (done: number, frames: number) => Promise<void> | void;
}

/** Whether an array can be handed to the pool without a copy. */
export function isShared(a: Pixels): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && a.buffer instanceof SharedArrayBuffer;
}

function shareView(a: Pixels): SharedView {
  return { buffer: a.buffer as SharedArrayBuffer, byteOffset: a.byteOffset, length: a.length, dtype: dtypeOf(a) };
}

export class FramePool {
  private threads: PoolThread[] | null = null;
  private nextTaskId = 1;
  private readonly listeners = new Map<number, (r: PoolReply) => void>();
  /** One task at a time: a second caller waits for the first. */
  private queue: Promise<unknown> = Promise.resolve();
  private dead: Error | null = null;

  /** `size` threads (besides the calling thread), started on first use. */
  constructor(
    private readonly spawn: SpawnPoolThread,
    readonly size: number,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`FramePool: size = ${size}, expected an integer ≥ 1`);
  }

  private start(): PoolThread[] {
    if (this.threads) return this.threads;
    this.threads = Array.from({ length: this.size }, () => {
      const t = this.spawn();
      t.listen(
        (r) => this.listeners.get(r.taskId)?.(r),
        (e) => {
          this.dead = e;
          for (const l of this.listeners.values()) l({ type: 'done', taskId: -1, failure: { frame: -1, name: 'Error', message: e.message } });
        },
      );
      return t;
    });
    return this.threads;
  }

  /**
   * Runs `kernel` on every frame of `input` (frames × height × width) into `output` (float32, same
   * length; null for a kernel that writes only `options.values`). All must live in
   * SharedArrayBuffers (`isShared`). Resolves when every lane has
   * stopped; rejects with the signal's AbortError on cancel, or with the failing frame's error
   * (same class, message prefixed by `frame f: `).
   */
  map<K extends PoolKernelId>(
    kernel: K,
    params: PoolKernelParams[K],
    input: Pixels,
    output: Float32Array | null,
    width: number,
    height: number,
    options: PoolMapOptions = {},
  ): Promise<void> {
    const run = this.queue.then(() => this.mapNow(kernel, params, input, output, width, height, options));
    this.queue = run.catch(() => {});
    return run;
  }

  private async mapNow(
    kernel: PoolKernelId,
    params: unknown,
    input: Pixels,
    output: Float32Array | null,
    width: number,
    height: number,
    { signal, onFrame, values }: PoolMapOptions,
  ): Promise<void> {
    const plane = width * height;
    if (!(plane > 0) || input.length % plane !== 0) {
      throw new RangeError(`FramePool: input has ${input.length} values, expected a multiple of width·height = ${plane}`);
    }
    const frames = input.length / plane;
    if (output && output.length !== input.length) throw new RangeError(`FramePool: output has ${output.length} values, expected ${input.length}`);
    if (values && values.length % frames !== 0) throw new RangeError(`FramePool: values has ${values.length} entries, expected a multiple of the ${frames} frames`);
    if (!isShared(input) || (output && !isShared(output)) || (values && !isShared(values))) {
      throw new TypeError('FramePool: input and outputs must be backed by SharedArrayBuffers');
    }
    if (this.dead) throw this.dead;
    signal?.throwIfAborted();
    const valuesPerFrame = values ? values.length / frames : 0;
    const control = new Int32Array(new SharedArrayBuffer(CTRL_LENGTH * 4));
    const threads = this.start();
    const taskId = this.nextTaskId++;
    const failures: FrameFailure[] = [];
    const stop = () => Atomics.compareExchange(control, CTRL_STOP, 0, 1);
    signal?.addEventListener('abort', stop);

    // The threads' lanes: each resolves on its 'done' reply.
    let pending = threads.length;
    let progressed: () => void = () => {};
    const allDone = new Promise<void>((resolve) => {
      this.listeners.set(taskId, (r) => {
        if (r.type === 'frame') return progressed();
        if (r.failure) failures.push(r.failure);
        if (r.taskId === -1 || --pending === 0) resolve();
      });
    });
    const task = {
      type: 'run' as const,
      taskId,
      kernel,
      params,
      input: shareView(input),
      output: output ? shareView(output) : null,
      values: values ? shareView(values) : null,
      valuesPerFrame,
      width,
      height,
      frames,
      control: control.buffer as SharedArrayBuffer,
    };
    try {
      for (const t of threads) {
        t.hold(true);
        t.post(task);
      }
      // The calling thread is a lane too; between its frames it reports progress and sees cancels.
      const report = async () => {
        await onFrame?.(Atomics.load(control, CTRL_DONE), frames);
      };
      let mine: FrameFailure | null;
      try {
        mine = await runLane({ kernel, params, input, output, values: values ?? null, valuesPerFrame, width, height, frames, control }, report);
      } catch (e) {
        // onFrame threw (the run was cancelled): stop the threads before giving up the buffers.
        stop();
        await allDone;
        throw e;
      }
      if (mine) failures.push(mine);
      // Then it waits for the threads, still reporting their frames.
      progressed = () => void report().catch(stop);
      await allDone;
    } finally {
      signal?.removeEventListener('abort', stop);
      this.listeners.delete(taskId);
      for (const t of threads) t.hold(false);
    }
    if (failures.length) {
      // The earliest failing frame is the one to report (others may have failed meanwhile).
      const f = failures.sort((a, b) => a.frame - b.frame)[0];
      const msg = f.frame >= 0 ? `frame ${f.frame}: ${f.message}` : f.message;
      const err = f.name === 'RangeError' ? new RangeError(msg) : f.name === 'TypeError' ? new TypeError(msg) : new Error(msg);
      throw err;
    }
    if (signal?.aborted) throw signal.reason;
    if (Atomics.load(control, CTRL_STOP) !== 0 || Atomics.load(control, CTRL_DONE) !== frames) {
      throw new Error(`FramePool: ${Atomics.load(control, CTRL_DONE)} of ${frames} frames done`);
    }
  }

  /** Stops the threads; the pool starts new ones if used again. */
  dispose(): void {
    for (const t of this.threads ?? []) t.terminate();
    this.threads = null;
    this.dead = null;
  }
}
