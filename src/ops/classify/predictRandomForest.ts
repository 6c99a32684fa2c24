import type { RandomForestModel } from './trainRandomForest';

export interface PredictRandomForestOptions {
  /** Output class per pixel (pixels); allocated when absent. */
  out?: Uint8Array;
  /**
   * Class probabilities, class-major (classes·pixels: class k of pixel p at `k·pixels + p`): the
   * mean over trees of the leaf class fractions. Written only when given.
   */
  probabilities?: Float32Array;
  /**
   * First pixel to predict (the others are left as they are), so long images can be predicted
   * in blocks with progress in between.
   * @default 0
   */
  from?: number;
  /**
   * End (exclusive) of the pixels to predict.
   * @default pixels
   */
  to?: number;
}

/**
 * Applies a random forest (`trainRandomForest`) to a feature-major block (feature f of pixel p at
 * `features[f·pixels + p]`): each pixel goes down every tree, the leaf class fractions are averaged
 * (soft voting, as scikit-learn's `predict_proba`), and the class is the most probable one (lowest
 * index on ties).
 */
export function predictRandomForest(
  model: RandomForestModel,
  features: Float32Array,
  pixels: number,
  options: PredictRandomForestOptions = {},
): Uint8Array {
  const op = 'predictRandomForest';
  const { classes: K, features: F, trees } = model;
  if (!Number.isInteger(pixels) || pixels < 1) throw new RangeError(`${op}: pixels = ${pixels}, expected a positive integer`);
  if (features.length !== F * pixels) {
    throw new RangeError(`${op}: features has ${features.length} values, expected model features·pixels = ${F}·${pixels} = ${F * pixels}`);
  }
  if (options.out && options.out.length !== pixels) throw new RangeError(`${op}: out has ${options.out.length} values, expected ${pixels}`);
  const prob = options.probabilities;
  if (prob && prob.length !== K * pixels) throw new RangeError(`${op}: probabilities has ${prob.length} values, expected classes·pixels = ${K * pixels}`);
  const from = options.from ?? 0;
  const to = options.to ?? pixels;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > pixels || from > to) {
    throw new RangeError(`${op}: from = ${from}, to = ${to}, expected integers with 0 ≤ from ≤ to ≤ ${pixels}`);
  }
  const out = options.out ?? new Uint8Array(pixels);
  // Blocks of pixels, each through one tree after the other: a tree's arrays stay in cache.
  const B = 4096;
  const acc = new Float64Array(B * K);
  const inv = 1 / trees.length;
  for (let p0 = from; p0 < to; p0 += B) {
    const p1 = Math.min(to, p0 + B);
    acc.fill(0);
    for (const { feature, threshold, left, value } of trees) {
      for (let p = p0; p < p1; p++) {
        let node = 0;
        let f = feature[0];
        while (f >= 0) {
          node = features[f * pixels + p] <= threshold[node] ? left[node] : left[node] + 1;
          f = feature[node];
        }
        const o = node * K;
        const a = (p - p0) * K;
        for (let k = 0; k < K; k++) acc[a + k] += value[o + k];
      }
    }
    for (let p = p0; p < p1; p++) {
      const a = (p - p0) * K;
      let best = 0;
      for (let k = 1; k < K; k++) if (acc[a + k] > acc[a + best]) best = k;
      out[p] = best;
      if (prob) for (let k = 0; k < K; k++) prob[k * pixels + p] = acc[a + k] * inv;
    }
  }
  return out;
}
