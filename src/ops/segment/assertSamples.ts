/** Sample matrices the clustering ops accept: `samples × features`, sample-major. */
export type SampleMatrix = Float32Array | Float64Array;

/**
 * Precondition of the clustering ops: `features` ≥ 1, `data.length` a positive multiple of
 * `features`, finite values, `k` an integer in [1, min(255, samples)]. Returns the sample count.
 */
export function assertSamples(op: string, data: SampleMatrix, features: number, k: number): number {
  if (!Number.isInteger(features) || features < 1) throw new RangeError(`${op}: features = ${features}, expected a positive integer`);
  if (data.length === 0 || data.length % features !== 0) {
    throw new RangeError(`${op}: data has ${data.length} values, expected a positive multiple of features = ${features}`);
  }
  const n = data.length / features;
  if (!Number.isInteger(k) || k < 1 || k > 255 || k > n) {
    throw new RangeError(`${op}: k = ${k}, expected an integer in [1, ${Math.min(255, n)}] (at most 255 and the number of samples)`);
  }
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v - v !== 0) throw new RangeError(`${op}: data has a non-finite value (${v}) at sample ${Math.floor(i / features)}, feature ${i % features}`);
  }
  return n;
}

/** Uniform numbers in [0, 1): s ← (1664525·s + 1013904223) mod 2³², u = s/2³² (reproducible, seeded). */
export function seededUniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(1664525, s) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/**
 * Reorders clusters so that their means of feature 0 (intensity) increase: returns `perm` with
 * `perm[new] = old`, applied in place to `labels` (and to the caller's per-cluster arrays).
 */
export function orderByFirstFeature(centers: Float64Array, k: number, features: number, labels: Uint8Array): number[] {
  const perm = Array.from({ length: k }, (_, i) => i).sort((a, b) => centers[a * features] - centers[b * features] || a - b);
  const inverse = new Uint8Array(k);
  perm.forEach((old, nu) => (inverse[old] = nu));
  for (let i = 0; i < labels.length; i++) labels[i] = inverse[labels[i]];
  return perm;
}

/** Rows of a `k × size` matrix reordered by `perm` (`perm[new] = old`). */
export function permuteRows(m: Float64Array, perm: number[], size: number): Float64Array {
  const out = new Float64Array(m.length);
  perm.forEach((old, nu) => out.set(m.subarray(old * size, (old + 1) * size), nu * size));
  return out;
}
