import { seededUniform } from '../segment/assertSamples';

/** One tree, flattened: node i splits on `feature[i]` (−1: leaf) at `threshold[i]`; x ≤ t goes to
 *  `left[i]`, otherwise to `left[i] + 1`; a leaf's class probabilities are `value[i·classes + k]`. */
export interface DecisionTree {
  feature: Int32Array;
  threshold: Float32Array;
  left: Int32Array;
  value: Float32Array;
  /** Depth of the deepest leaf (root = 0). */
  depth: number;
}

export interface RandomForestModel {
  classes: number;
  features: number;
  trees: DecisionTree[];
  /** Mean decrease of Gini impurity per feature (Breiman), summed over the forest, normalised to sum 1. */
  importance: Float64Array;
}

export interface TrainRandomForestOptions {
  /**
   * Number of trees.
   * @default 16
   */
  trees?: number;
  /**
   * Largest depth of a tree (root = 0); nodes at this depth become leaves.
   * @default 12
   */
  maxDepth?: number;
  /**
   * Features tried at each split.
   * @default floor(√features) (at least 1)
   */
  maxFeatures?: number;
  /**
   * Smallest number of (bootstrap-weighted) samples in a leaf.
   * @default 1
   */
  minSamplesLeaf?: number;
  /**
   * Draw each tree's samples with replacement (bootstrap); false: every tree sees every sample once.
   * @default true
   */
  bootstrap?: boolean;
  /**
   * Seed of the random draws (bootstrap, features per split): equal seeds give equal forests.
   * @default 0
   */
  seed?: number;
}

/** Gini impurity × total weight: w·(1 − Σ (c_k / w)²) = w − Σ c_k² / w. */
function giniMass(counts: Float64Array, off: number, k: number, w: number): number {
  if (w <= 0) return 0;
  let s = 0;
  for (let c = 0; c < k; c++) s += counts[off + c] * counts[off + c];
  return w - s / w;
}

/**
 * Random forest classifier (Breiman 2001): CART trees grown on bootstrap samples with the Gini
 * criterion, √features candidate features per split, split thresholds at midpoints between
 * consecutive distinct values, as scikit-learn's `RandomForestClassifier` (and vigra's, which
 * ilastik uses). Trees are grown on per-feature presorted orders (sorted once, partitioned stably at
 * each split), with the bootstrap as integer sample weights. Deterministic for a given seed.
 *
 * @param samples feature-major training block: feature f of sample i at `samples[f·count + i]`
 * @param labels class of each sample, 0..classes−1
 */
export function trainRandomForest(
  samples: Float32Array,
  labels: Uint8Array | Uint16Array,
  classes: number,
  options: TrainRandomForestOptions = {},
): RandomForestModel {
  const op = 'trainRandomForest';
  const n = labels.length;
  const nTrees = options.trees ?? 16;
  const maxDepth = options.maxDepth ?? 12;
  const minLeaf = options.minSamplesLeaf ?? 1;
  const bootstrap = options.bootstrap ?? true;
  if (!Number.isInteger(classes) || classes < 2 || classes > 255) throw new RangeError(`${op}: classes = ${classes}, expected an integer 2…255`);
  if (n < 1) throw new RangeError(`${op}: labels is empty, expected at least one training sample`);
  if (samples.length % n !== 0 || samples.length === 0) {
    throw new RangeError(`${op}: samples has ${samples.length} values, expected a multiple of the ${n} labels (features·samples)`);
  }
  const F = samples.length / n;
  const mtry = options.maxFeatures ?? Math.max(1, Math.floor(Math.sqrt(F)));
  if (!Number.isInteger(nTrees) || nTrees < 1) throw new RangeError(`${op}: trees = ${nTrees}, expected an integer ≥ 1`);
  if (!Number.isInteger(maxDepth) || maxDepth < 0) throw new RangeError(`${op}: maxDepth = ${maxDepth}, expected an integer ≥ 0`);
  if (!Number.isInteger(mtry) || mtry < 1 || mtry > F) throw new RangeError(`${op}: maxFeatures = ${mtry}, expected an integer 1…${F}`);
  if (!Number.isInteger(minLeaf) || minLeaf < 1) throw new RangeError(`${op}: minSamplesLeaf = ${minLeaf}, expected an integer ≥ 1`);
  for (let i = 0; i < n; i++) {
    if (labels[i] >= classes) throw new RangeError(`${op}: labels[${i}] = ${labels[i]}, expected a class index 0…${classes - 1}`);
  }
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i];
    if (v - v !== 0) throw new RangeError(`${op}: feature ${Math.floor(i / n)} of sample ${i % n} is ${v}, expected finite values`);
  }

  // Per-feature orders of the samples by value, sorted once for the whole forest.
  const sorted = new Int32Array(F * n);
  const keys = new Float64Array(n);
  for (let f = 0; f < F; f++) {
    const idx = Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < n; i++) keys[i] = samples[f * n + i];
    idx.sort((a, b) => keys[a] - keys[b] || a - b);
    sorted.set(idx, f * n);
  }

  const rand = seededUniform(options.seed ?? 0);
  const importance = new Float64Array(F);
  const trees: DecisionTree[] = [];
  const K = classes;
  const weight = new Float64Array(n);
  const goLeft = new Uint8Array(n);
  const featPerm = Int32Array.from({ length: F }, (_, i) => i);
  const leftCounts = new Float64Array(K);
  const nodeCounts = new Float64Array(K);
  const bestLeftCounts = new Float64Array(K);
  const scratch = new Int32Array(n);

  for (let t = 0; t < nTrees; t++) {
    weight.fill(0);
    if (bootstrap) for (let i = 0; i < n; i++) weight[Math.min(n - 1, Math.floor(rand() * n))] += 1;
    else weight.fill(1);
    // This tree's orders: the presorted ones restricted to samples drawn at least once.
    let m = 0;
    for (let i = 0; i < n; i++) if (weight[i] > 0) m++;
    const ord = new Int32Array(F * m);
    for (let f = 0; f < F; f++) {
      let j = 0;
      for (let i = 0; i < n; i++) {
        const s = sorted[f * n + i];
        if (weight[s] > 0) ord[f * m + j++] = s;
      }
    }
    const feature: number[] = [-1];
    const threshold: number[] = [0];
    const left: number[] = [-1];
    const value: number[] = new Array<number>(K).fill(0);
    let treeDepth = 0;
    // Depth-first over [start, end) ranges (equal in every feature's order array).
    const stack: [number, number, number, number][] = [[0, 0, m, 0]]; // node, start, end, depth
    while (stack.length) {
      const [node, start, end, depth] = stack.pop()!;
      if (depth > treeDepth) treeDepth = depth;
      nodeCounts.fill(0);
      let w = 0;
      for (let i = start; i < end; i++) {
        const s = ord[i];
        nodeCounts[labels[s]] += weight[s];
        w += weight[s];
      }
      const parentMass = giniMass(nodeCounts, 0, K, w);
      let bestGain = 1e-12 * w;
      let bestF = -1;
      let bestT = 0;
      if (depth < maxDepth && parentMass > 0 && w >= 2 * minLeaf) {
        // Partial Fisher–Yates: the first mtry entries of featPerm are this node's candidates.
        for (let j = 0; j < mtry; j++) {
          const r = j + Math.min(F - j - 1, Math.floor(rand() * (F - j)));
          const tmp = featPerm[j];
          featPerm[j] = featPerm[r];
          featPerm[r] = tmp;
        }
        for (let j = 0; j < mtry; j++) {
          const f = featPerm[j];
          const base = f * m;
          const col = f * n;
          leftCounts.fill(0);
          let wl = 0;
          for (let i = start; i < end - 1; i++) {
            const s = ord[base + i];
            leftCounts[labels[s]] += weight[s];
            wl += weight[s];
            const v = samples[col + s];
            const vNext = samples[col + ord[base + i + 1]];
            if (vNext <= v || wl < minLeaf || w - wl < minLeaf) continue;
            let sl = 0;
            let sr = 0;
            for (let c = 0; c < K; c++) {
              const l = leftCounts[c];
              const rr = nodeCounts[c] - l;
              sl += l * l;
              sr += rr * rr;
            }
            const gain = parentMass - (wl - sl / wl) - (w - wl - sr / (w - wl));
            if (gain > bestGain) {
              bestGain = gain;
              bestF = f;
              const mid = Math.fround(0.5 * (v + vNext));
              bestT = mid < vNext ? mid : v;
              bestLeftCounts.set(leftCounts);
            }
          }
        }
      }
      if (bestF < 0) {
        for (let c = 0; c < K; c++) value[node * K + c] = nodeCounts[c] / w;
        continue;
      }
      importance[bestF] += bestGain;
      const col = bestF * n;
      for (let i = start; i < end; i++) {
        const s = ord[i];
        goLeft[s] = samples[col + s] <= bestT ? 1 : 0;
      }
      // Stable partition of every feature's order: left samples first, in their sorted order.
      let nl = 0;
      for (let f = 0; f < F; f++) {
        const base = f * m;
        let a = 0;
        let b = 0;
        for (let i = start; i < end; i++) {
          const s = ord[base + i];
          if (goLeft[s]) ord[base + start + a++] = s;
          else scratch[b++] = s;
        }
        ord.set(scratch.subarray(0, b), base + start + a);
        nl = a;
      }
      const child = feature.length;
      feature.push(-1, -1);
      threshold.push(0, 0);
      left.push(-1, -1);
      for (let c = 0; c < 2 * K; c++) value.push(0);
      feature[node] = bestF;
      threshold[node] = bestT;
      left[node] = child;
      stack.push([child + 1, start + nl, end, depth + 1], [child, start, start + nl, depth + 1]);
    }
    trees.push({
      feature: Int32Array.from(feature),
      threshold: Float32Array.from(threshold),
      left: Int32Array.from(left),
      value: Float32Array.from(value),
      depth: treeDepth,
    });
  }
  let total = 0;
  for (let f = 0; f < F; f++) total += importance[f];
  if (total > 0) for (let f = 0; f < F; f++) importance[f] /= total;
  return { classes: K, features: F, trees, importance };
}
