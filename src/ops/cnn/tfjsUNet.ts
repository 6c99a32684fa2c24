/**
 * A small U-Net (Ronneberger et al. 2015; SegmentPy's `unet`) as a TF.js layers model: `levels`
 * encoder levels of two convolutions and a 2× max-pool (width doubling per level), a bottleneck of
 * two convolutions, and a decoder that up-samples (nearest neighbour), concatenates the encoder's
 * features of the same level (skip connection) and applies two convolutions; a 1×1 convolution
 * and a softmax give the class probabilities. H and W must be multiples of 2^levels.
 * Input `[n, h, w, 1]` (NHWC), output `[n, h, w, classes]`; free h, w.
 */
import * as tf from '@tensorflow/tfjs';
import { checkNetOptions, convLayer } from './tfjsLrcsNet';

export interface TfjsUNetOptions {
  /** Number of classes (softmax outputs), ≥ 2. @default 3 */
  classes?: number;
  /** Channel width of the first level; level i has channels·2^i. @default 16 */
  channels?: number;
  /** Side of the square convolution kernels, odd. @default 3 */
  kernel?: number;
  /** Number of pooling levels (input sides must be multiples of 2^levels). @default 3 */
  levels?: number;
  /** Seed of the weight initialisers. @default 0 */
  seed?: number;
}

export function tfjsUNet(options: TfjsUNetOptions = {}): tf.LayersModel {
  const classes = options.classes ?? 3;
  const cs = options.channels ?? 16;
  const k = options.kernel ?? 3;
  const levels = options.levels ?? 3;
  const seed = options.seed ?? 0;
  checkNetOptions(classes, cs, k);
  if (!Number.isInteger(levels) || levels < 1 || levels > 5) throw new RangeError(`levels: expected an integer in 1..5, got ${levels}`);
  let s = seed * 101;
  const conv = (x: tf.SymbolicTensor, f: number, name: string) => convLayer(f, k, ++s, name).apply(x) as tf.SymbolicTensor;
  const block = (x: tf.SymbolicTensor, f: number, name: string) => conv(conv(x, f, `${name}a`), f, `${name}b`);

  const input = tf.input({ shape: [null, null, 1], name: 'image' });
  const skips: tf.SymbolicTensor[] = [];
  let x: tf.SymbolicTensor = input;
  for (let l = 0; l < levels; l++) {
    x = block(x, cs << l, `enc${l + 1}`);
    skips.push(x);
    x = tf.layers.maxPooling2d({ poolSize: 2, strides: 2, name: `pool${l + 1}` }).apply(x) as tf.SymbolicTensor;
  }
  x = block(x, cs << levels, 'bottleneck');
  for (let l = levels - 1; l >= 0; l--) {
    x = tf.layers.upSampling2d({ size: [2, 2], name: `up${l + 1}` }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.concatenate({ axis: -1, name: `skip${l + 1}` }).apply([x, skips[l]]) as tf.SymbolicTensor;
    x = block(x, cs << l, `dec${l + 1}`);
  }
  const logits = tf.layers
    .conv2d({ filters: classes, kernelSize: 1, padding: 'same', kernelInitializer: tf.initializers.glorotUniform({ seed: ++s }), name: 'logits' })
    .apply(x) as tf.SymbolicTensor;
  const probs = tf.layers.softmax({ axis: -1, name: 'softmax' }).apply(logits) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: probs, name: 'u-net' });
}
