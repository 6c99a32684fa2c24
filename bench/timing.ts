/**
 * The timing rule both sides follow (peer.py mirrors it): one run; if it took under 5 s it was a
 * warm-up (JIT, caches) and the case repeats until 3 s have passed or 5 runs are done; the median
 * of the repeats is reported. A slow case reports its single run.
 */
export function timeRuns<T>(fn: () => T): Timed<T> {
  let t0 = performance.now();
  let c0 = cpuNow();
  let result = fn();
  const first = performance.now() - t0;
  if (first >= 5000) return { ms: [first], median: first, cpuMs: [cpuNow() - c0], cpuMedian: cpuNow() - c0, result };
  const ms: number[] = [];
  const cpuMs: number[] = [];
  let spent = 0;
  while (ms.length < 5 && (ms.length === 0 || spent < 3000)) {
    t0 = performance.now();
    c0 = cpuNow();
    result = fn();
    const dt = performance.now() - t0;
    cpuMs.push(cpuNow() - c0);
    ms.push(dt);
    spent += dt;
  }
  return { ms, median: median(ms), cpuMs, cpuMedian: median(cpuMs), result };
}

/**
 * Wall-clock runs, and the process's CPU time (user + system) of each: on a loaded machine the
 * wall clock counts time the process waited for a core, CPU time does not (peer.py records
 * Python's process_time alike). With a thread pool CPU time sums all threads: use wall time there.
 */
export interface Timed<T> {
  ms: number[];
  median: number;
  cpuMs: number[];
  cpuMedian: number;
  result: T;
}

function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** `timeRuns` for an async run (the frame pool); the same rule. */
export async function timeRunsAsync<T>(fn: () => Promise<T>): Promise<Timed<T>> {
  let t0 = performance.now();
  let c0 = cpuNow();
  let result = await fn();
  const first = performance.now() - t0;
  if (first >= 5000) return { ms: [first], median: first, cpuMs: [cpuNow() - c0], cpuMedian: cpuNow() - c0, result };
  const ms: number[] = [];
  const cpuMs: number[] = [];
  let spent = 0;
  while (ms.length < 5 && (ms.length === 0 || spent < 3000)) {
    t0 = performance.now();
    c0 = cpuNow();
    result = await fn();
    const dt = performance.now() - t0;
    cpuMs.push(cpuNow() - c0);
    ms.push(dt);
    spent += dt;
  }
  return { ms, median: median(ms), cpuMs, cpuMedian: median(cpuMs), result };
}

function median(ms: number[]): number {
  const sorted = [...ms].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
