import { assertSamples, orderByFirstFeature, permuteRows, seededUniform, type SampleMatrix } from './assertSamples';

export interface KmeansOptions {
  /** Number of clusters, 1..255. */
  k: number;
  /**
   * Seed of the k-means++ initialisation (same seed, same data → same result).
   * @default 0
   */
  seed?: number;
  /**
   * Maximum number of Lloyd iterations.
   * @default 300
   */
  maxIter?: number;
  /**
   * Relative tolerance: stop when the squared centre shift summed over clusters is ≤ tol × the
   * mean per-feature variance of the data (scikit-learn's convention).
   * @default 1e-4
   */
  tol?: number;
  /** Initial centres (`k × features`); k-means++ when absent. */
  init?: Float64Array;
}

export interface KmeansResult {
  /** `k × features`, ordered by increasing feature 0. */
  centers: Float64Array;
  /** Cluster of each sample (0..k−1, by increasing feature-0 mean). */
  labels: Uint8Array;
  /** Sum of squared distances of the samples to their centre. */
  inertia: number;
  iterations: number;
}

/** Nearest centre of every sample (ties → lowest index); returns the inertia and whether labels changed. */
function assign(x: SampleMatrix, n: number, d: number, centers: Float64Array, k: number, labels: Uint8Array): [number, boolean] {
  let inertia = 0;
  let changed = false;
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestD = Infinity;
    const o = i * d;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const t = x[o + j] - centers[c * d + j];
        s += t * t;
      }
      if (s < bestD) {
        bestD = s;
        best = c;
      }
    }
    if (labels[i] !== best) changed = true;
    labels[i] = best;
    inertia += bestD;
  }
  return [inertia, changed];
}

/** k-means++ seeding (Arthur & Vassilvitskii 2007): first centre uniform, then by D² sampling. */
function kmeansPlusPlus(x: SampleMatrix, n: number, d: number, k: number, seed: number): Float64Array {
  const rand = seededUniform(seed);
  const centers = new Float64Array(k * d);
  const first = Math.min(n - 1, Math.floor(rand() * n));
  for (let j = 0; j < d; j++) centers[j] = x[first * d + j];
  const d2 = new Float64Array(n).fill(Infinity);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const t = x[i * d + j] - centers[(c - 1) * d + j];
        s += t * t;
      }
      if (s < d2[i]) d2[i] = s;
      total += d2[i];
    }
    const r = rand() * total;
    let acc = 0;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      acc += d2[i];
      if (acc > r) {
        pick = i;
        break;
      }
    }
    for (let j = 0; j < d; j++) centers[c * d + j] = x[pick * d + j];
  }
  return centers;
}

/**
 * k-means clustering by Lloyd's algorithm with k-means++ seeding, as `sklearn.cluster.KMeans(
 * n_clusters=k, n_init=1, algorithm='lloyd', tol=1e-4, max_iter=300)` except for the seeding (plain
 * k-means++ with this module's seeded generator instead of sklearn's greedy variant) and empty
 * clusters (kept at their previous centre). Stops on unchanged labels or a centre shift ≤ tol;
 * labels are then reassigned to the final centres. Clusters are ordered by increasing mean of
 * feature 0 so that class indices are stable.
 */
export function kmeans(data: SampleMatrix, features: number, options: KmeansOptions): KmeansResult {
  const { k } = options;
  const n = assertSamples('kmeans', data, features, k);
  const d = features;
  const maxIter = options.maxIter ?? 300;
  const tol = options.tol ?? 1e-4;
  if (!Number.isInteger(maxIter) || maxIter < 1) throw new RangeError(`kmeans: maxIter = ${maxIter}, expected a positive integer`);
  if (!(tol >= 0)) throw new RangeError(`kmeans: tol = ${tol}, expected a number ≥ 0`);
  if (options.init && options.init.length !== k * d) {
    throw new RangeError(`kmeans: init has ${options.init.length} values, expected k·features = ${k * d}`);
  }
  // Tolerance scaled by the mean variance of the features.
  let meanVar = 0;
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += data[i * d + j];
    const mu = s / n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (data[i * d + j] - mu) ** 2;
    meanVar += v / n / d;
  }
  const tolAbs = tol * meanVar;

  let centers = options.init ? Float64Array.from(options.init) : kmeansPlusPlus(data, n, d, k, options.seed ?? 0);
  const labels = new Uint8Array(n).fill(255);
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  let iterations = 0;
  let inertia = 0;
  for (let it = 0; it < maxIter; it++) {
    iterations = it + 1;
    const [, changed] = assign(data, n, d, centers, k, labels);
    if (!changed) break;
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i];
      counts[c]++;
      for (let j = 0; j < d; j++) sums[c * d + j] += data[i * d + j];
    }
    let shift = 0;
    const next = new Float64Array(k * d);
    for (let c = 0; c < k; c++) {
      for (let j = 0; j < d; j++) {
        const v = counts[c] > 0 ? sums[c * d + j] / counts[c] : centers[c * d + j];
        next[c * d + j] = v;
        shift += (v - centers[c * d + j]) ** 2;
      }
    }
    centers = next;
    if (shift <= tolAbs) break;
  }
  [inertia] = assign(data, n, d, centers, k, labels);
  const perm = orderByFirstFeature(centers, k, d, labels);
  return { centers: permuteRows(centers, perm, d), labels, inertia, iterations };
}
