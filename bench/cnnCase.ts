/**
 * The CNN rows of `npm run bench`, one case per fresh process (peak memory is its own):
 *   tsx bench/cnnCase.ts <id> <side> <image side> <volume side> <result file>
 * side `ours`: the studio's runtimes — onnxruntime-web (WASM, one thread) through our `Segmenter`
 * for inference, or for the `-tfjs` cases our ONNX→TF.js executor (`onnxTfjsSegmenter`, TF.js WASM
 * backend, XNNPACK, one thread) on the same file, TF.js (WASM backend, one thread) for a training step; side `peer` of the inference
 * cases: onnxruntime-node (native CPU, one intra-op thread) on the same ONNX file and input. The
 * training step's peer is PyTorch (bench/cnn_peer.py). Prints one JSON line like bench/case.ts.
 *
 * Inputs: the bundled LRCS-Net (public/models/lrcs-nmc.onnx) on the bench image (z-scored), and
 * the bench volume slice by slice; sizes as the other rows (512² image and 256³ stack in the full
 * run — the sizes for CNN inference — 128² and 32³ in the quick run).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { reduceStats } from '../src/ops/array/reduceStats';
import { onnxSegmenter } from '../src/ops/cnn/onnxSegmenter';
import { onnxTfjsSegmenter } from '../src/ops/cnn/onnxTfjsSegmenter';
import { modelFromOnnx } from '../src/ops/cnn/modelFromOnnx';
import { lossesCrossEntropy } from '../src/ops/cnn/lossesCrossEntropy';
import { lossesDice } from '../src/ops/cnn/lossesDice';
import { tfjsInitBackend } from '../src/ops/cnn/tfjsInitBackend';
import { tfjsLrcsNet } from '../src/ops/cnn/tfjsLrcsNet';
import { benchImage, benchVolume } from './inputs';
import { cnnTrainBatch, CNN_TRAIN } from './cnnTrainBatch';
import { timeRunsAsync } from './timing';

const MODELS = join(import.meta.dirname, '..', 'public', 'models');
const [id, side, image, volume, resultFile] = process.argv.slice(2);
const sizes = { image: Number(image), volume: Number(volume) };

/** Per-slice z-score, as the model card asks (population std). */
function zscore(a: Float32Array): Float32Array {
  const { sum, sumSquares, count } = reduceStats(a);
  const m = sum / count;
  const sd = Math.sqrt(Math.max(sumSquares / count - m * m, 1e-12));
  return a.map((v) => (v - m) / sd);
}

/** n slices of side × side, each z-scored, stacked. */
function slices(): { data: Float32Array; n: number; side: number } {
  if (id.startsWith('cnn-infer-2d')) return { data: zscore(benchImage(sizes.image)), n: 1, side: sizes.image };
  const v = benchVolume(sizes.volume);
  const plane = sizes.volume * sizes.volume;
  const out = new Float32Array(v.length);
  for (let z = 0; z < sizes.volume; z++) out.set(zscore(v.subarray(z * plane, (z + 1) * plane)), z * plane);
  return { data: out, n: sizes.volume, side: sizes.volume };
}

async function ourInference(): Promise<() => Promise<Float32Array>> {
  const model = modelFromOnnx(readFileSync(join(MODELS, 'lrcs-nmc.onnx')), readFileSync(join(MODELS, 'lrcs-nmc.json')), 'lrcs-nmc.onnx');
  const seg = id.endsWith('-tfjs') ? await onnxTfjsSegmenter(model) : await onnxSegmenter(model, { prefer: ['wasm'] });
  const { data, n, side: s } = slices();
  const plane = s * s;
  // Slice by slice, as segment.cnn runs a stack (batch 1: the model's free batch axis is not
  // what a user's memory allows for 2k² slices).
  return async () => {
    const out = new Float32Array(n * seg.classes * plane);
    for (let z = 0; z < n; z++) out.set(await seg.predict(data.subarray(z * plane, (z + 1) * plane), 1, s, s), z * seg.classes * plane);
    return out;
  };
}

let versions: string | undefined;

async function peerInference(): Promise<() => Promise<Float32Array>> {
  const ort = await import('onnxruntime-node');
  versions = `onnxruntime-node ${ort.env.versions?.node ?? '?'}, 1 thread`;
  const session = await ort.InferenceSession.create(join(MODELS, 'lrcs-nmc.onnx'), {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
  });
  const { data, n, side: s } = slices();
  const plane = s * s;
  return async () => {
    let out: Float32Array | null = null;
    for (let z = 0; z < n; z++) {
      const x = new ort.Tensor('float32', data.slice(z * plane, (z + 1) * plane), [1, 1, s, s]);
      const r = (await session.run({ input: x })).probabilities;
      const p = r.data as Float32Array;
      out ??= new Float32Array(n * p.length);
      out.set(p, z * p.length);
    }
    return out!;
  };
}

async function ourTrainStep(): Promise<() => Promise<Float32Array>> {
  await tfjsInitBackend({ prefer: ['wasm'] });
  const { batch, patch, classes, channels } = CNN_TRAIN;
  const model = tfjsLrcsNet({ classes, channels, kernel: 3, seed: 0 });
  const optimizer = tf.train.adam(1e-3);
  const { x, y } = cnnTrainBatch(benchImage(sizes.image), sizes.image);
  const xs = tf.tensor4d(x, [batch, patch, patch, 1]);
  const ys = tf.tensor4d(y, [batch, patch, patch, classes]);
  console.error(`tfjs LRCS-Net: ${model.countParams()} parameters, backend ${tf.getBackend()}`);
  const step = async () => {
    // One step as segment.train-cnn takes it: forward, Dice + cross-entropy, backward, Adam update.
    const cost = tf.tidy(
      () =>
        optimizer.minimize(() => {
          const p = model.apply(xs, { training: true }) as tf.Tensor;
          return tf.add(lossesDice(ys, p), lossesCrossEntropy(ys, p)) as tf.Scalar;
        }, true) as tf.Scalar,
    );
    const loss = await cost.data();
    cost.dispose();
    return Float32Array.from(loss);
  };
  await step(); // untimed: the first step builds the gradient graph and the backend's kernels
  return step;
}

let run: () => Promise<Float32Array>;
if (/^cnn-infer-[23]d(-tfjs)?$/.test(id)) run = side === 'peer' ? await peerInference() : await ourInference();
else if (id === 'cnn-train-step' && side === 'ours') run = await ourTrainStep();
else {
  console.error(`bench/cnnCase.ts: unknown case "${id}" / side "${side}" (cases: cnn-infer-2d, cnn-infer-3d, cnn-infer-2d-tfjs, cnn-infer-3d-tfjs, cnn-train-step; sides: ours, peer)`);
  process.exit(2);
}
let heapMB = 0;
let arrayBuffersMB = 0;
const { ms, median, result } = await timeRunsAsync(async () => {
  const r = await run();
  const m = process.memoryUsage();
  heapMB = Math.max(heapMB, m.heapUsed / 2 ** 20);
  arrayBuffersMB = Math.max(arrayBuffersMB, m.arrayBuffers / 2 ** 20);
  return r;
});
writeFileSync(resultFile, Buffer.from(Float64Array.from(result).buffer));
console.log(JSON.stringify({ id, ms, median, maxRssMB: process.resourceUsage().maxRSS / 1024, heapMB, arrayBuffersMB, versions }));
