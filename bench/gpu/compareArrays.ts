/** Result checks shared by the GPU bench and its peer (peer_gpu.py mirrors `stridedSample`). */

/** Values compared with the PyTorch peer: at most this many per result. */
export const SAMPLE_MAX = 65536;

/**
 * The values at indices ⌊j·N/M⌋, j < M = min(N, SAMPLE_MAX): spread over the whole result, and
 * exact in float64 (j·N < 2⁵³, M a power of two or N), so Python picks the same indices.
 */
export function stridedSample(x: Float32Array): Float32Array {
  const n = x.length;
  const m = Math.min(n, SAMPLE_MAX);
  const out = new Float32Array(m);
  for (let j = 0; j < m; j++) out[j] = x[Math.floor((j * n) / m)];
  return out;
}

/**
 * max |a − b| / max |b|: 0 when equal; Infinity when the lengths differ or a value is not finite
 * (so a NaN never passes a tolerance); b all zero compares absolutely.
 */
export function agreement(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!Number.isFinite(d)) return Infinity;
    if (d > diff) diff = d;
    const m = Math.abs(b[i]);
    if (m > scale) scale = m;
  }
  return scale > 0 ? diff / scale : diff;
}
