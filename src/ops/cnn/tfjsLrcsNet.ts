/**
 * LRCS-Net (SegmentPy, Su et al. 2022; ZeliangSu/SegmentPy `model.py`, LRCS11) as a TF.js layers
 * model: a trimmed, asymmetric SegNet. Encoder conv1(cs) → pool → conv2(2cs) → pool → conv3(4cs) →
 * pool → conv4(4cs, sigmoid); decoder conv5a,b(4cs) → up → conv6a,b(2cs) → up → conv7a,b(2cs) → up →
 * conv8a,b(cs) → conv8c(classes, 1×1) → softmax. Three 2× max-pools: H and W multiples of 8.
 * Differences from SegmentPy: up-sampling is nearest-neighbour followed by the level's convolutions
 * (SegmentPy uses transposed convolutions), and hidden convolutions use ReLU with He initialisation.
 * Input `[n, h, w, 1]` (NHWC), output softmax probabilities `[n, h, w, classes]`; free h, w.
 */
import * as tf from '@tensorflow/tfjs';

export interface TfjsLrcsNetOptions {
  /** Number of classes (softmax outputs), ≥ 2. @default 3 */
  classes?: number;
  /** Channel width cs of the first level (SegmentPy's nb_conv). @default 16 */
  channels?: number;
  /** Side of the square convolution kernels (SegmentPy's conv size), odd. @default 3 */
  kernel?: number;
  /** Seed of the weight initialisers (same seed, same initial weights). @default 0 */
  seed?: number;
}

/** Checks the options shared by the network builders; throws a `RangeError` naming the option. */
export function checkNetOptions(classes: number, channels: number, kernel: number): void {
  if (!Number.isInteger(classes) || classes < 2) throw new RangeError(`classes: expected an integer ≥ 2, got ${classes}`);
  if (!Number.isInteger(channels) || channels < 1 || channels > 512)
    throw new RangeError(`channels: expected an integer in 1..512, got ${channels}`);
  if (!Number.isInteger(kernel) || kernel < 1 || kernel % 2 === 0 || kernel > 15)
    throw new RangeError(`kernel: expected an odd integer in 1..15, got ${kernel}`);
}

/** A ReLU convolution with 'same' padding and a seeded He-normal initialiser. */
export function convLayer(filters: number, kernel: number, seed: number, name: string, activation: 'relu' | 'sigmoid' = 'relu'): tf.layers.Layer {
  return tf.layers.conv2d({
    filters,
    kernelSize: kernel,
    padding: 'same',
    activation,
    kernelInitializer: tf.initializers.heNormal({ seed }),
    name,
  });
}

export function tfjsLrcsNet(options: TfjsLrcsNetOptions = {}): tf.LayersModel {
  const classes = options.classes ?? 3;
  const cs = options.channels ?? 16;
  const k = options.kernel ?? 3;
  const seed = options.seed ?? 0;
  checkNetOptions(classes, cs, k);
  let s = seed * 101;
  const conv = (x: tf.SymbolicTensor, f: number, name: string, act: 'relu' | 'sigmoid' = 'relu') =>
    convLayer(f, k, ++s, name, act).apply(x) as tf.SymbolicTensor;
  const pool = (x: tf.SymbolicTensor, name: string) =>
    tf.layers.maxPooling2d({ poolSize: 2, strides: 2, name }).apply(x) as tf.SymbolicTensor;
  const up = (x: tf.SymbolicTensor, name: string) => tf.layers.upSampling2d({ size: [2, 2], name }).apply(x) as tf.SymbolicTensor;

  const input = tf.input({ shape: [null, null, 1], name: 'image' });
  let x = conv(input, cs, 'conv1');
  x = pool(x, 'pool1');
  x = conv(x, 2 * cs, 'conv2');
  x = pool(x, 'pool2');
  x = conv(x, 4 * cs, 'conv3');
  x = pool(x, 'pool3');
  x = conv(x, 4 * cs, 'conv4', 'sigmoid');
  x = conv(conv(x, 4 * cs, 'conv5a'), 4 * cs, 'conv5b');
  x = up(x, 'up6');
  x = conv(conv(x, 2 * cs, 'conv6a'), 2 * cs, 'conv6b');
  x = up(x, 'up7');
  x = conv(conv(x, 2 * cs, 'conv7a'), 2 * cs, 'conv7b');
  x = up(x, 'up8');
  x = conv(conv(x, cs, 'conv8a'), cs, 'conv8b');
  const logits = tf.layers
    .conv2d({ filters: classes, kernelSize: 1, padding: 'same', kernelInitializer: tf.initializers.glorotUniform({ seed: ++s }), name: 'conv8c' })
    .apply(x) as tf.SymbolicTensor;
  const probs = tf.layers.softmax({ axis: -1, name: 'softmax' }).apply(logits) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: probs, name: 'lrcs-net' });
}
