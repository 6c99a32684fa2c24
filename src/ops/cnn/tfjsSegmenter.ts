/**
 * `Segmenter` on TensorFlow.js for models trained in the studio (`format: 'tfjs'`, bytes from
 * `encodeTfjsArtifacts`). Backend chain webgpu → wasm → cpu (`tfjsInitBackend`); `backend` says
 * which one runs. The network is NHWC; this adapter takes and returns the contract's NCHW layout
 * (input C = 1 is the same in both; output probabilities are transposed to n × C × h × w).
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelValue } from '../../runtime/values';
import type { Segmenter } from './segmenter';
import { decodeTfjsArtifacts } from './tfjsArtifacts';
import { tfjsInitBackend, type TfjsBackendName } from './tfjsInitBackend';

export interface TfjsSegmenterOptions {
  /** Backends to try in order. @default ['webgpu', 'wasm', 'cpu'] */
  prefer?: TfjsBackendName[];
}

export async function createTfjsSegmenter(model: ModelValue, options: TfjsSegmenterOptions = {}): Promise<Segmenter> {
  if (model.format !== 'tfjs') throw new RangeError(`model "${model.name}": format "${model.format}", expected "tfjs"`);
  const backend = await tfjsInitBackend({ prefer: options.prefer });
  const net = await tf.loadLayersModel(tf.io.fromMemory(decodeTfjsArtifacts(model.bytes)));
  const outShape = net.outputs[0].shape;
  const classes = outShape[outShape.length - 1] ?? 0;
  if (classes !== model.classes.length)
    throw new RangeError(`model "${model.name}": the network has ${classes} outputs but the model lists ${model.classes.length} classes`);
  return {
    classes,
    backend,
    async predict(batch: Float32Array, n: number, h: number, w: number): Promise<Float32Array> {
      if (batch.length !== n * h * w) throw new RangeError(`batch: expected ${n}×${h}×${w} = ${n * h * w} values, got ${batch.length}`);
      const out = tf.tidy(() => {
        const p = net.predict(tf.tensor4d(batch, [n, h, w, 1])) as tf.Tensor4D;
        return tf.transpose(p, [0, 3, 1, 2]);
      });
      try {
        return (await out.data()) as Float32Array;
      } finally {
        out.dispose();
      }
    },
    async dispose(): Promise<void> {
      net.dispose();
    },
  };
}
