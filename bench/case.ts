/**
 * One benchmark case in a fresh process (so its peak memory is its own):
 *   tsx bench/case.ts <id> <image side> <volume side> <result file> [pool | 1]
 * The optional last argument selects a pool case (poolCases.ts) on the frame pool or one thread.
 * Prints one JSON line {id, ms, median, cpuMs, cpuMedian, maxRssMB, heapMB, arrayBuffersMB,
 * lanes?, sha256?}; writes the result as float64 LE (pool cases: only its SHA-256). Heap figures
 * are sampled after each run (V8 heap; typed arrays' backing stores count under arrayBuffers), so
 * they miss peaks inside a run; peak RSS does not.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { installNodeFramePool } from '../src/workers/pool/installNodeFramePool';
import { CASES } from './cases';
import { POOL_CASES } from './poolCases';
import { timeRuns, timeRunsAsync, type Timed } from './timing';

const [id, image, volume, resultFile, threads] = process.argv.slice(2);
const sizes = { image: Number(image), volume: Number(volume) };
let heapMB = 0;
let arrayBuffersMB = 0;
function sample<T>(r: T): T {
  const m = process.memoryUsage();
  heapMB = Math.max(heapMB, m.heapUsed / 2 ** 20);
  arrayBuffersMB = Math.max(arrayBuffersMB, m.arrayBuffers / 2 ** 20);
  return r;
}

let timed: Timed<Float32Array | Float64Array>;
let lanes: number | undefined;
if (threads) {
  const c = POOL_CASES.find((k) => k.id === id);
  if (!c) {
    console.error(`bench/case.ts: unknown pool case "${id}"; cases: ${POOL_CASES.map((k) => k.id).join(', ')}`);
    process.exit(2);
  }
  const pool = threads === 'pool' ? installNodeFramePool() : null;
  lanes = pool ? pool.size + 1 : 1; // the pool's threads and the calling thread
  const run = c.prepare(sizes, pool);
  await run(); // untimed: starts the pool's threads (each loads the kernels through tsx)
  timed = await timeRunsAsync(async () => sample(await run()));
  pool?.dispose();
} else {
  const c = CASES.find((k) => k.id === id);
  if (!c) {
    console.error(`bench/case.ts: unknown case "${id}"; cases: ${CASES.map((k) => k.id).join(', ')}`);
    process.exit(2);
  }
  const run = c.prepare(sizes);
  timed = timeRuns(() => sample(run()));
}
const { ms, median, cpuMs, cpuMedian, result } = timed;
// Pool cases are compared bit for bit (pool vs one thread) by a digest, not a file of the whole stack.
const sha256 = threads ? createHash('sha256').update(new Uint8Array(result.buffer, result.byteOffset, result.byteLength)).digest('hex') : undefined;
if (!threads) writeFileSync(resultFile, Buffer.from(Float64Array.from(result).buffer));
console.log(JSON.stringify({ id, ms, median, cpuMs, cpuMedian, maxRssMB: process.resourceUsage().maxRSS / 1024, heapMB, arrayBuffersMB, lanes, sha256 }));
