/**
 * Per-class intersection over union and pixel accuracy of a predicted class map against the
 * truth, as `sklearn.metrics.jaccard_score(average=None)` and `accuracy_score` over the labelled
 * pixels. A class absent from both prediction and truth has IoU NaN (undefined), not 0 or 1.
 */
export interface TrainIouMetricsOptions {
  /** Truth value meaning "unlabelled" (not counted), or null when every pixel counts. @default null */
  ignore?: number | null;
}

export interface IouMetrics {
  /** IoU per class index, NaN where the class is in neither prediction nor truth. */
  iou: Float64Array;
  /** Mean over classes with a defined IoU (NaN if none). */
  meanIou: number;
  /** Fraction of counted pixels whose predicted class equals the truth. */
  accuracy: number;
  /** Number of counted (labelled) pixels. */
  counted: number;
}

/**
 * @param pred predicted class per pixel (0..classes−1)
 * @param truth true class per pixel (0..classes−1, or `ignore`)
 */
export function trainIouMetrics(
  pred: ArrayLike<number>,
  truth: ArrayLike<number>,
  classes: number,
  options: TrainIouMetricsOptions = {},
): IouMetrics {
  const ignore = options.ignore ?? null;
  if (pred.length !== truth.length)
    throw new RangeError(`pred: expected ${truth.length} values (as many as truth), got ${pred.length}`);
  if (!Number.isInteger(classes) || classes < 1) throw new RangeError(`classes: expected an integer ≥ 1, got ${classes}`);
  const inter = new Float64Array(classes);
  const predCount = new Float64Array(classes);
  const truthCount = new Float64Array(classes);
  let counted = 0;
  let correct = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i];
    if (t === ignore) continue;
    const p = pred[i];
    if (t < 0 || t >= classes || p < 0 || p >= classes)
      throw new RangeError(`pixel ${i}: class ${t < 0 || t >= classes ? `truth ${t}` : `pred ${p}`} outside 0..${classes - 1}`);
    counted++;
    truthCount[t]++;
    predCount[p]++;
    if (p === t) {
      correct++;
      inter[t]++;
    }
  }
  const iou = new Float64Array(classes);
  let sum = 0;
  let defined = 0;
  for (let c = 0; c < classes; c++) {
    const union = truthCount[c] + predCount[c] - inter[c];
    iou[c] = union > 0 ? inter[c] / union : NaN;
    if (union > 0) {
      sum += iou[c];
      defined++;
    }
  }
  return { iou, meanIou: defined ? sum / defined : NaN, accuracy: counted ? correct / counted : NaN, counted };
}
