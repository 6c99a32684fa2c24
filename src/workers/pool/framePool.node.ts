/** Node entry of a frame-pool thread (worker_threads; started by nodePoolThread.ts). */
import { parentPort } from 'node:worker_threads';
import type { PoolTask } from './poolProtocol';
import { poolThreadMain } from './poolThreadMain';

if (!parentPort) throw new Error('framePool.node.ts must run in a worker thread');
const port = parentPort;
const run = poolThreadMain((reply) => port.postMessage(reply));
port.on('message', (task: PoolTask) => void run(task));
