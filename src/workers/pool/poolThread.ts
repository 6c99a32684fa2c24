/**
 * The one abstraction over the two kinds of thread a frame pool uses: a browser module worker
 * (`browserPoolThread.ts`) or a Node worker_thread (`nodePoolThread.ts`).
 */
import type { PoolReply, PoolTask } from './poolProtocol';

export interface PoolThread {
  post(task: PoolTask): void;
  /** Replies of the thread; `onFail` when the thread itself dies (not a frame's error). */
  listen(onReply: (reply: PoolReply) => void, onFail: (error: Error) => void): void;
  /** Node: keep the process alive while the thread works (ref) or not when idle (unref). */
  hold(busy: boolean): void;
  terminate(): void;
}

export type SpawnPoolThread = () => PoolThread;
