/**
 * The timing rule both sides follow (peer.py mirrors it): one run; if it took under 5 s it was a
 * warm-up (JIT, caches) and the case repeats until 3 s have passed or 5 runs are done; the median
 * of the repeats is reported. A slow case reports its single run.
 */
export function timeRuns<T>(fn: () => T): { ms: number[]; median: number; result: T } {
  let t0 = performance.now();
  let result = fn();
  const first = performance.now() - t0;
  if (first >= 5000) return { ms: [first], median: first, result };
  const ms: number[] = [];
  let spent = 0;
  while (ms.length < 5 && (ms.length === 0 || spent < 3000)) {
    t0 = performance.now();
    result = fn();
    const dt = performance.now() - t0;
    ms.push(dt);
    spent += dt;
  }
  const sorted = [...ms].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return { ms, median: sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2, result };
}
