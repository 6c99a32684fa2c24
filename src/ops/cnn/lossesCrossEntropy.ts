/**
 * Cross-entropy as SegmentPy's: `−mean(y · log clip(p, 1e-10, 1))`, the mean over every element of
 * the `[n, h, w, C]` batch (so C times smaller than the per-pixel categorical cross-entropy); with a
 * mask, the mean over the C elements of each labelled pixel only.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * @param yTrue one-hot targets `[n, h, w, C]`
 * @param yPred probabilities `[n, h, w, C]`
 * @param mask optional `[n, h, w, 1]`, 1 where the pixel is labelled, 0 elsewhere
 * @returns a scalar tensor (0 when the mask is empty)
 */
export function lossesCrossEntropy(yTrue: tf.Tensor, yPred: tf.Tensor, mask?: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const c = yTrue.shape[yTrue.rank - 1] ?? 1;
    let terms = tf.mul(yTrue, tf.log(tf.clipByValue(yPred, 1e-10, 1)));
    let count: tf.Tensor = tf.scalar(yTrue.size);
    if (mask) {
      terms = tf.mul(terms, mask);
      count = tf.maximum(tf.mul(tf.sum(mask), c), 1);
    }
    return tf.neg(tf.div(tf.sum(terms), count)) as tf.Scalar;
  });
}
