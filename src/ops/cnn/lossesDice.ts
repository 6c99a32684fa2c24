/**
 * Dice loss as SegmentPy's `DSC`: `1 − 2Σ(y·p) / Σ(y + p)`, sums over every pixel and class of the
 * batch, restricted to labelled pixels when a mask is given (scribble labels: unlabelled pixels
 * count for nothing). 0 for a perfect prediction, → 1 for a disjoint one.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * @param yTrue one-hot targets `[n, h, w, C]`
 * @param yPred probabilities `[n, h, w, C]`
 * @param mask optional `[n, h, w, 1]`, 1 where the pixel is labelled, 0 elsewhere
 * @returns a scalar tensor
 */
export function lossesDice(yTrue: tf.Tensor, yPred: tf.Tensor, mask?: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const y = mask ? tf.mul(yTrue, mask) : yTrue;
    const p = mask ? tf.mul(yPred, mask) : yPred;
    const inter = tf.sum(tf.mul(y, p));
    const total = tf.add(tf.sum(y), tf.sum(p));
    // An empty mask gives 0/0: the loss is then 1 − 0/ε = 1 with no gradient (nothing to learn).
    return tf.sub(1, tf.div(tf.mul(2, inter), tf.maximum(total, 1e-7))) as tf.Scalar;
  });
}
