/**
 * The contract between segmentation networks and the nodes that use them, whatever runs the
 * network (onnxruntime-web for ONNX models, TensorFlow.js for models trained in the studio).
 * Tiling, normalisation and argmax live outside, in runtime-independent code.
 */
export interface Segmenter {
  /** Number of classes C of the output. */
  readonly classes: number;
  /** Backend that actually runs the network (e.g. 'webgpu', 'wasm', 'cpu'), shown on the node. */
  readonly backend: string;
  /** What runs the network on that backend (e.g. 'onnxruntime-web', 'TF.js XNNPACK'), with why when it is a fallback. */
  readonly runtime?: string;
  /**
   * Class probabilities for a batch of normalised single-channel tiles.
   * @param batch n × h × w float32 values, tile after tile (NCHW with C = 1)
   * @returns n × C × h × w float32 probabilities (softmax over C)
   */
  predict(batch: Float32Array, n: number, h: number, w: number): Promise<Float32Array>;
  /** Frees the network's memory (GPU buffers, WASM heap). */
  dispose(): Promise<void>;
}
