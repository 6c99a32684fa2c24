/**
 * Kernels OperandoFlow installs into TF.js backends (global TF.js state, set once per backend):
 * `Conv2DBackpropFilter` for cpu (replacing a slow element-by-element loop) and wasm (which has
 * none, so it could not train), both by `tfjsConv2dBackpropFilter`. NHWC only, no dilation — what
 * `tf.layers.conv2d` needs for training.
 */
import * as tf from '@tensorflow/tfjs';
import { tfjsConv2dBackpropFilter } from './tfjsConv2dBackpropFilter';

const done = new Set<string>();

interface DataBackend {
  readSync(dataId: object): ArrayLike<number>;
  /** cpu */
  makeTensorInfo?(shape: number[], dtype: string, values: Float32Array): tf.TensorInfo;
  /** wasm: allocate on the heap, then view it */
  makeOutput?(shape: number[], dtype: string): tf.TensorInfo;
  typedArrayFromHeap?(t: tf.TensorInfo): Float32Array;
}

/** Installs the kernels for `backendName` ('cpu' or 'wasm'; others are left as they are). */
export function tfjsRegisterKernels(backendName: string): void {
  if (done.has(backendName) || (backendName !== 'cpu' && backendName !== 'wasm')) return;
  if (tf.getKernel('Conv2DBackpropFilter', backendName)) tf.unregisterKernel('Conv2DBackpropFilter', backendName);
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
      const a = attrs as unknown as { strides: number | [number, number]; pad: 'same' | 'valid' | number; dataFormat?: string; dimRoundingMode?: 'floor' | 'round' | 'ceil'; filterShape: [number, number, number, number] };
      if (a.dataFormat && a.dataFormat !== 'NHWC') throw new Error(`Conv2DBackpropFilter: data format ${a.dataFormat} is not supported (NHWC only)`);
      const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], a.filterShape, a.strides, 1, a.pad, a.dimRoundingMode);
      const be = backend as unknown as DataBackend;
      const wasmOut = be.makeOutput && be.typedArrayFromHeap ? be.makeOutput(a.filterShape, 'float32') : null;
      const dW = tfjsConv2dBackpropFilter(
        be.readSync(x.dataId),
        x.shape as [number, number, number, number],
        be.readSync(dy.dataId),
        dy.shape as [number, number, number, number],
        a.filterShape,
        {
          strides: [info.strideHeight, info.strideWidth],
          padTopLeft: [info.padInfo.top, info.padInfo.left],
          out: wasmOut ? be.typedArrayFromHeap!(wasmOut) : undefined,
        },
      );
      return wasmOut ?? be.makeTensorInfo!(a.filterShape, 'float32', dW);
    },
  });
  done.add(backendName);
}
