/**
 * Messages between the frame pool (`framePool.ts`) and its threads, and the shared control block.
 * Pixels are passed as SharedArrayBuffer views (buffer + offset + length), never copied.
 */
import type { PoolKernelId } from './poolKernels';

export type PixelDtype = 'u8' | 'u16' | 'f32' | 'f64';

/** A typed-array view over a SharedArrayBuffer, as sent to a thread. */
export interface SharedView {
  buffer: SharedArrayBuffer;
  byteOffset: number;
  length: number;
  dtype: PixelDtype;
}

/**
 * Control block (Int32Array over a SharedArrayBuffer): the next frame to take (lanes take frames
 * with Atomics.add, so load balances itself), frames finished, and the stop flag (1 = cancelled,
 * 2 = a frame failed) that lanes read before taking each frame.
 */
export const CTRL_NEXT = 0;
export const CTRL_DONE = 1;
export const CTRL_STOP = 2;
export const CTRL_LENGTH = 3;

export interface PoolTask {
  type: 'run';
  taskId: number;
  kernel: PoolKernelId;
  params: unknown;
  input: SharedView;
  /** The pixels out (frames × height × width float32), or null for a kernel that writes only values. */
  output: SharedView | null;
  /** Per-frame values out (frames × valuesPerFrame float64: shifts, counts, features), or null. */
  values: SharedView | null;
  valuesPerFrame: number;
  width: number;
  height: number;
  frames: number;
  control: SharedArrayBuffer;
}

/** A frame's failure: its index and the error's class name and message. */
export interface FrameFailure {
  frame: number;
  name: string;
  message: string;
}

export type PoolReply =
  | { type: 'frame'; taskId: number }
  | { type: 'done'; taskId: number; failure: FrameFailure | null };

export function dtypeOf(a: Uint8Array | Uint16Array | Float32Array | Float64Array): PixelDtype {
  if (a instanceof Uint8Array) return 'u8';
  if (a instanceof Uint16Array) return 'u16';
  if (a instanceof Float32Array) return 'f32';
  return 'f64';
}

export function viewOf(v: SharedView): Uint8Array | Uint16Array | Float32Array | Float64Array {
  switch (v.dtype) {
    case 'u8':
      return new Uint8Array(v.buffer, v.byteOffset, v.length);
    case 'u16':
      return new Uint16Array(v.buffer, v.byteOffset, v.length);
    case 'f32':
      return new Float32Array(v.buffer, v.byteOffset, v.length);
    default:
      return new Float64Array(v.buffer, v.byteOffset, v.length);
  }
}
