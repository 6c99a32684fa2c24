/**
 * The CNN rows of `npm run bench` (run by bench/cnnCase.ts on our side): the bundled LRCS-Net
 * (ONNX) through onnxruntime-web WASM, and through our ONNX→TF.js executor on TF.js WASM (the
 * `-tfjs` rows), against onnxruntime-node's native CPU runtime on the same file and input, and one TF.js training step against PyTorch CPU on the same network and batch.
 */
export interface CnnBenchCase {
  id: 'cnn-infer-2d' | 'cnn-infer-3d' | 'cnn-infer-2d-tfjs' | 'cnn-infer-3d-tfjs' | 'cnn-train-step';
  title: string;
  input: (s: { image: number; volume: number }) => string;
  peer: string;
  /** Who runs the peer: bench/cnnCase.ts (`node`, onnxruntime-node) or bench/cnn_peer.py (`python`). */
  peerRunner: 'node' | 'python';
  /** Whether ours and the peer compute the same numbers (inference) or not (training from different random weights). */
  comparable: boolean;
}

export const CNN_CASES: CnnBenchCase[] = [
  {
    id: 'cnn-infer-2d',
    title: 'LRCS-Net inference (bundled lrcs-nmc.onnx), ORT-web WASM',
    input: (s) => `${s.image}² slice`,
    peer: 'onnxruntime-node CPU',
    peerRunner: 'node',
    comparable: true,
  },
  {
    id: 'cnn-infer-3d',
    title: 'LRCS-Net inference slice by slice, ORT-web WASM',
    input: (s) => `${s.volume}³ stack`,
    peer: 'onnxruntime-node CPU',
    peerRunner: 'node',
    comparable: true,
  },
  {
    id: 'cnn-infer-2d-tfjs',
    title: 'LRCS-Net inference (the same file), our ONNX→TF.js executor, TF.js WASM (XNNPACK) — the studio\'s CPU path',
    input: (s) => `${s.image}² slice`,
    peer: 'onnxruntime-node CPU',
    peerRunner: 'node',
    comparable: true,
  },
  {
    id: 'cnn-infer-3d-tfjs',
    title: 'LRCS-Net inference slice by slice, our ONNX→TF.js executor, TF.js WASM (XNNPACK)',
    input: (s) => `${s.volume}³ stack`,
    peer: 'onnxruntime-node CPU',
    peerRunner: 'node',
    comparable: true,
  },
  {
    id: 'cnn-train-step',
    title: 'one training step, LRCS-Net cs 16 (187 283 parameters), batch 8 × 128², Dice + CE, Adam; TF.js WASM',
    input: () => 'batch 8 × 128²',
    peer: 'PyTorch CPU (same network)',
    peerRunner: 'python',
    comparable: false,
  },
];

/** CNN input sizes: the 512² slice and 256³ stack; a smoke run uses 128² and 32³. */
export const cnnSizes = (quick: boolean) => (quick ? { image: 128, volume: 32 } : { image: 512, volume: 256 });
