/** Browser entry of a frame-pool thread (a module worker built by Vite; see framePool.ts). */
import type { PoolTask } from './poolProtocol';
import { poolThreadMain } from './poolThreadMain';

const run = poolThreadMain((reply) => self.postMessage(reply));
self.onmessage = (e: MessageEvent<PoolTask>) => void run(e.data);
