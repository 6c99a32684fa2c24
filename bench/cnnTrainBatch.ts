/**
 * The training batch of the `cnn-train-step` row, built the same way by bench/cnn_peer.py:
 * `batch` patches of `patch`² cut from the z-scored bench image at fixed positions, labelled by
 * grey level (z < −0.43 → 0, z > 0.43 → 2, else 1: three classes of about equal size), one-hot.
 */
import { reduceStats } from '../src/ops/array/reduceStats';

export const CNN_TRAIN = { batch: 8, patch: 128, classes: 3, channels: 16 } as const;

export function cnnTrainBatch(image: Float32Array, side: number): { x: Float32Array; y: Float32Array } {
  const { batch, patch, classes } = CNN_TRAIN;
  if (side < patch) throw new RangeError(`cnn-train-step: image side ${side} px, expected at least ${patch}`);
  const { sum, sumSquares, count } = reduceStats(image);
  const mean = sum / count;
  const sd = Math.sqrt(Math.max(sumSquares / count - mean * mean, 1e-12));
  const x = new Float32Array(batch * patch * patch);
  const y = new Float32Array(batch * patch * patch * classes);
  const span = side - patch + 1;
  for (let b = 0; b < batch; b++) {
    const r0 = (b * 37) % span;
    const c0 = (b * 61) % span;
    for (let r = 0; r < patch; r++) {
      for (let c = 0; c < patch; c++) {
        const i = (b * patch + r) * patch + c;
        const z = (image[(r0 + r) * side + c0 + c] - mean) / sd;
        x[i] = z;
        y[i * classes + (z < -0.43 ? 0 : z > 0.43 ? 2 : 1)] = 1;
      }
    }
  }
  return { x, y };
}
