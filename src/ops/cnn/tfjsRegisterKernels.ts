/**
 * Kernels OperandoFlow installs into TF.js backends (global TF.js state, set once per backend):
 * - cpu: `Conv2DBackpropFilter` by `tfjsConv2dBackpropFilter` (replacing a slow element-by-element
 *   loop);
 * - wasm: `Conv2DBackpropFilter` (the backend has none) and `Conv2DBackpropInput` (its own is a
 *   scalar loop) by the backend's XNNPACK forward convolution (`tfjsConv2dGradsWasm`), falling back
 *   to `tfjsConv2dBackpropFilter` and to the backend's own kernel where that identity does not apply.
 * NHWC only, no dilation — what `tf.layers.conv2d` needs for training.
 */
import * as tf from '@tensorflow/tfjs';
import { tfjsConv2dBackpropFilter } from './tfjsConv2dBackpropFilter';
import { tfjsConv2dBackpropFilterWasm, tfjsConv2dBackpropInputWasm, type WasmKernelBackend } from './tfjsConv2dGradsWasm';

const done = new Set<string>();

interface DataBackend {
  readSync(dataId: object): ArrayLike<number>;
  /** cpu */
  makeTensorInfo?(shape: number[], dtype: string, values: Float32Array): tf.TensorInfo;
  /** wasm: allocate on the heap, then view it */
  makeOutput?(shape: number[], dtype: string): tf.TensorInfo;
  typedArrayFromHeap?(t: tf.TensorInfo): Float32Array;
}

type Shape4 = [number, number, number, number];
type ConvAttrs = { strides: number | [number, number]; pad: 'same' | 'valid' | number; dataFormat?: string; dimRoundingMode?: 'floor' | 'round' | 'ceil' };

/** The typed-array loop, on any backend that can read its inputs and make an output. */
function backpropFilterByLoop(x: tf.TensorInfo, dy: tf.TensorInfo, a: ConvAttrs & { filterShape: Shape4 }, be: DataBackend): tf.TensorInfo {
  if (a.dataFormat && a.dataFormat !== 'NHWC') throw new Error(`Conv2DBackpropFilter: data format ${a.dataFormat} is not supported (NHWC only)`);
  const info = tf.backend_util.computeConv2DInfo(x.shape as Shape4, a.filterShape, a.strides, 1, a.pad, a.dimRoundingMode);
  const wasmOut = be.makeOutput && be.typedArrayFromHeap ? be.makeOutput(a.filterShape, 'float32') : null;
  const dW = tfjsConv2dBackpropFilter(be.readSync(x.dataId), x.shape as Shape4, be.readSync(dy.dataId), dy.shape as Shape4, a.filterShape, {
    strides: [info.strideHeight, info.strideWidth],
    padTopLeft: [info.padInfo.top, info.padInfo.left],
    out: wasmOut ? be.typedArrayFromHeap!(wasmOut) : undefined,
  });
  return wasmOut ?? be.makeTensorInfo!(a.filterShape, 'float32', dW);
}

/** Installs the kernels for `backendName` ('cpu' or 'wasm'; others are left as they are). */
export function tfjsRegisterKernels(backendName: string): void {
  if (done.has(backendName) || (backendName !== 'cpu' && backendName !== 'wasm')) return;
  const wasm = backendName === 'wasm';
  if (tf.getKernel('Conv2DBackpropFilter', backendName)) tf.unregisterKernel('Conv2DBackpropFilter', backendName);
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
      const a = attrs as unknown as ConvAttrs & { filterShape: Shape4 };
      const fast = wasm ? tfjsConv2dBackpropFilterWasm(x, dy, a, backend as unknown as WasmKernelBackend) : null;
      return fast ?? backpropFilterByLoop(x, dy, a, backend as unknown as DataBackend);
    },
  });
  const ownInput = wasm ? tf.getKernel('Conv2DBackpropInput', 'wasm') : undefined;
  if (ownInput) {
    tf.unregisterKernel('Conv2DBackpropInput', 'wasm');
    tf.registerKernel({
      ...ownInput,
      kernelFunc: (args) => {
        const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
        const a = args.attrs as unknown as ConvAttrs & { inputShape: Shape4 };
        return tfjsConv2dBackpropInputWasm(dy, filter, a, args.backend as unknown as WasmKernelBackend) ?? ownInput.kernelFunc(args);
      },
    });
  }
  done.add(backendName);
}
