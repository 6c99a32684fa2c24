/**
 * The two convolution gradients of the wasm backend, computed by its forward `Conv2D` (XNNPACK,
 * SIMD) on rearranged tensors instead of scalar loops — those took ~13 s of a 16 s LRCS-Net step:
 *
 * - filter: `dW[r, c, i, o] = Σ_{n,y,x} X[n, y·s + r − top, x·s + c − left, i] · dY[n, y, x, o]` is a
 *   convolution over the spatial axes with the batch as channels: input `Xᵀ = [ci, h, w, n]`,
 *   filter `dYᵀ = [oh, ow, n, co]` dilated by the stride, output `[ci, kh, kw, co]` → `[kh, kw, ci, co]`.
 * - input (stride 1): `dX` is the 'full' correlation of dY with the filter turned 180° and its
 *   channel axes swapped, `W' = [kh, kw, co, ci]`, padded by `k − 1 − pad` before each axis.
 *
 * Each kernel returns `null` where its identity does not apply (non-NHWC, dilated forward
 * convolution, a stride on the input gradient, padding that would have to be negative); the caller
 * (`tfjsRegisterKernels`) then runs the exact fallback. Intermediates are the backend's own tensors,
 * freed before returning.
 */
import * as tf from '@tensorflow/tfjs';

/** What the wasm backend's kernels need of it (`BackendWasm`, typed loosely to avoid its import). */
export interface WasmKernelBackend {
  makeOutput(shape: number[], dtype: string): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
  disposeData(dataId: object): boolean;
}

type Shape4 = [number, number, number, number];
type Pad = [[number, number], [number, number], [number, number], [number, number]];
type ConvAttrs = { strides: number | [number, number]; pad: 'same' | 'valid' | number | Pad; dataFormat?: string; dimRoundingMode?: 'floor' | 'round' | 'ceil' };

function wasmKernel(name: string): (args: { inputs: Record<string, tf.TensorInfo>; backend: WasmKernelBackend; attrs: object }) => tf.TensorInfo {
  const k = tf.getKernel(name, 'wasm');
  if (!k) throw new Error(`TF.js wasm backend has no ${name} kernel (is @tensorflow/tfjs-backend-wasm loaded?)`);
  return k.kernelFunc as never;
}

/** Conv2D → Transpose, freeing the inputs it was given (both intermediates of the caller). */
function conv2dThenFree(backend: WasmKernelBackend, x: tf.TensorInfo, filter: tf.TensorInfo, pad: Pad, dilation: [number, number]): tf.TensorInfo {
  const y = wasmKernel('Conv2D')({ inputs: { x, filter }, backend, attrs: { strides: [1, 1], pad, dataFormat: 'NHWC', dilations: dilation } });
  backend.disposeData(x.dataId);
  backend.disposeData(filter.dataId);
  return y;
}

function transpose(backend: WasmKernelBackend, x: tf.TensorInfo, perm: number[]): tf.TensorInfo {
  return wasmKernel('Transpose')({ inputs: { x }, backend, attrs: { perm } });
}

/** `Conv2DBackpropFilter` of NHWC `x` and `dy`; `null` where the identity does not apply. */
export function tfjsConv2dBackpropFilterWasm(
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  attrs: ConvAttrs & { filterShape: Shape4 },
  backend: WasmKernelBackend,
): tf.TensorInfo | null {
  if (attrs.dataFormat && attrs.dataFormat !== 'NHWC') return null;
  const xs = x.shape as Shape4;
  const info = tf.backend_util.computeConv2DInfo(xs, attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const [kh, kw] = attrs.filterShape;
  const { strideHeight: sh, strideWidth: sw, outHeight: oh, outWidth: ow } = info;
  const { top, left } = info.padInfo;
  // rows of X after the last one a filter tap reaches are cut by negative padding: not supported
  const bottom = kh - 1 + (oh - 1) * sh - (xs[1] - 1) - top;
  const right = kw - 1 + (ow - 1) * sw - (xs[2] - 1) - left;
  if (top < 0 || left < 0 || bottom < 0 || right < 0) return null;
  const xt = transpose(backend, x, [3, 1, 2, 0]);
  const dyt = transpose(backend, dy, [1, 2, 0, 3]);
  const g = conv2dThenFree(backend, xt, dyt, [[0, 0], [top, bottom], [left, right], [0, 0]], [sh, sw]);
  const dW = transpose(backend, g, [1, 2, 0, 3]);
  backend.disposeData(g.dataId);
  return dW;
}

/** `Conv2DBackpropInput` of NHWC `dy` and `filter`; `null` where the identity does not apply. */
export function tfjsConv2dBackpropInputWasm(
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  attrs: ConvAttrs & { inputShape: Shape4 },
  backend: WasmKernelBackend,
): tf.TensorInfo | null {
  if (attrs.dataFormat && attrs.dataFormat !== 'NHWC') return null;
  const fs = filter.shape as Shape4;
  const info = tf.backend_util.computeConv2DInfo(attrs.inputShape, fs, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  if (info.strideHeight !== 1 || info.strideWidth !== 1) return null;
  const [kh, kw, ci, co] = fs;
  const [, h, w] = attrs.inputShape;
  const top = kh - 1 - info.padInfo.top;
  const left = kw - 1 - info.padInfo.left;
  const bottom = h - info.outHeight + kh - 1 - top;
  const right = w - info.outWidth + kw - 1 - left;
  if (top < 0 || left < 0 || bottom < 0 || right < 0) return null;
  // W'[r, c, o, i] = W[kh−1−r, kw−1−c, i, o]: small (≤ k²·ci·co), rearranged on the heap directly
  const turned = backend.makeOutput([kh, kw, co, ci], 'float32');
  const src = (backend as unknown as { readSync(id: object): Float32Array }).readSync(filter.dataId);
  const dst = backend.typedArrayFromHeap(turned);
  for (let r = 0; r < kh; r++)
    for (let c = 0; c < kw; c++) {
      const s0 = ((kh - 1 - r) * kw + (kw - 1 - c)) * ci * co;
      const d0 = (r * kw + c) * co * ci;
      for (let i = 0; i < ci; i++) for (let o = 0; o < co; o++) dst[d0 + o * ci + i] = src[s0 + i * co + o];
    }
  const dx = wasmKernel('Conv2D')({ inputs: { x: dy, filter: turned }, backend, attrs: { strides: [1, 1], pad: [[0, 0], [top, bottom], [left, right], [0, 0]], dataFormat: 'NHWC', dilations: [1, 1] } });
  backend.disposeData(turned.dataId);
  return dx;
}
