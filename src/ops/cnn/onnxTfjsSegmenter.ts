/**
 * `Segmenter` for ONNX models on the CPU through `onnxTfjsGraph` (TF.js wasm backend, XNNPACK
 * convolutions): the studio's CPU path for graphs whose ops it covers (`openOnnxSegmenter` picks
 * it). Same contract as `onnxSegmenter`: input [N,1,H,W], output [N,C,H,W] probabilities.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelValue } from '../../runtime/values';
import { onnxReadModel, type OnnxModel } from './onnxReadModel';
import { onnxTfjsGraph } from './onnxTfjsGraph';
import type { Segmenter } from './segmenter';
import { tfjsInitBackend } from './tfjsInitBackend';

/** Number of output classes the graph's last Conv gives (its weight's first dimension), or 0 when unknown. */
function outputChannels(m: OnnxModel): number {
  for (let i = m.nodes.length - 1; i >= 0; i--) {
    const n = m.nodes[i];
    if (n.opType === 'Conv' || n.opType === 'ConvTranspose') {
      const w = m.initializers.get(n.inputs[1]);
      if (!w) return 0;
      return n.opType === 'Conv' ? w.dims[0] : w.dims[1];
    }
    if (n.opType === 'Concat') return 0;
  }
  return 0;
}

/**
 * Opens `model` (format 'onnx') on TF.js's wasm backend. Throws a `RangeError` naming `source`
 * when the graph has an op the executor lacks or its class count differs from the card's.
 */
export async function onnxTfjsSegmenter(model: ModelValue, source = model.name, parsed?: OnnxModel): Promise<Segmenter> {
  if (model.format !== 'onnx') throw new RangeError(`${source}: model format is "${model.format}", expected "onnx"`);
  const m = parsed ?? onnxReadModel(model.bytes, source);
  const C = outputChannels(m);
  if (C !== 0 && C !== model.classes.length) {
    throw new RangeError(`${source}: the network outputs ${C} classes but its card names ${model.classes.length} (${model.classes.join(', ')}); expected the same number`);
  }
  const first = m.nodes.find((n) => n.inputs[0] === m.inputs[0]);
  const w = first?.opType === 'Conv' ? m.initializers.get(first.inputs[1]) : undefined;
  if (w && w.dims[1] !== 1) {
    throw new RangeError(`${source}: the network's first convolution takes ${w.dims[1]} channels, expected 1 (input [N, 1, H, W], one-channel slices)`);
  }
  const backend = await tfjsInitBackend({ prefer: ['wasm'] });
  const graph = onnxTfjsGraph(m, source);
  const classes = model.classes.length;
  return {
    classes,
    backend,
    runtime: 'TF.js XNNPACK',
    async predict(batch: Float32Array, n: number, h: number, w: number): Promise<Float32Array> {
      if (batch.length !== n * h * w) throw new RangeError(`batch: expected ${n}×${h}×${w} = ${n * h * w} values, got ${batch.length}`);
      const x = tf.tensor4d(batch, [n, h, w, 1]); // NCHW with C = 1 is NHWC
      let out: tf.Tensor | undefined;
      try {
        const y = graph.run(x);
        if (y.rank !== 4 || y.shape[3] !== classes || y.shape[1] !== h || y.shape[2] !== w) {
          const shape = y.shape.join(', ');
          y.dispose();
          throw new RangeError(`${source}: the network returned NHWC [${shape}] for ${n} tile(s) of ${h}×${w}; expected [${n}, ${h}, ${w}, ${classes}]`);
        }
        out = tf.transpose(y, [0, 3, 1, 2]);
        y.dispose();
        return (await out.data()) as Float32Array;
      } finally {
        x.dispose();
        out?.dispose();
      }
    },
    async dispose(): Promise<void> {
      graph.dispose();
    },
  };
}
