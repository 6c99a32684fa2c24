/**
 * Runs an ONNX inference graph with TensorFlow.js ops (on the wasm backend: XNNPACK convolutions),
 * for the op set of convolutional segmentation networks: Conv, ConvTranspose, MaxPool,
 * AveragePool, BatchNormalization, Relu, LeakyRelu, Sigmoid, Tanh, Concat, Add, Sub, Mul, Softmax,
 * Resize/Upsample (nearest, integer scales), Identity, Dropout. Why: onnxruntime-web's WASM
 * convolution (MLAS, im2col + GEMM) ran 1.2–1.7× slower than XNNPACK's on the bundled networks'
 * layers (bench/README.md). Activations are kept NHWC (TF.js's layout) and every rank-4
 * channel axis is mapped; a Conv whose only consumer is Relu/LeakyRelu/Sigmoid runs fused with it.
 * `onnxTfjsUnsupported` says why a graph cannot run here, so the caller can use onnxruntime-web.
 */
import * as tf from '@tensorflow/tfjs';
import type { OnnxModel, OnnxNode, OnnxTensor } from './onnxReadModel';

type Act = 'linear' | 'relu' | 'sigmoid' | 'leakyrelu';
type Pads4 = [number, number, number, number];

const ints = (n: OnnxNode, k: string): number[] | undefined => n.attributes.get(k)?.ints;
const int = (n: OnnxNode, k: string, d: number): number => n.attributes.get(k)?.i ?? d;
const str = (n: OnnxNode, k: string, d: string): string => n.attributes.get(k)?.s ?? d;

function allEqual(a: number[] | undefined, v: number): boolean {
  return !a || a.every((x) => x === v);
}

/** ONNX pads [top, left, bottom, right] of a 2-D op, or a reason it is not supported. */
function pads2d(n: OnnxNode): Pads4 | string {
  const auto = str(n, 'auto_pad', 'NOTSET');
  if (auto !== 'NOTSET' && auto !== 'VALID') return `auto_pad ${auto}`;
  const p = ints(n, 'pads') ?? [0, 0, 0, 0];
  if (p.length !== 4) return `pads [${p.join(', ')}] (expected 4 values, 2-D)`;
  return auto === 'VALID' ? [0, 0, 0, 0] : (p as Pads4);
}

function initializer(model: OnnxModel, name: string | undefined): OnnxTensor | undefined {
  return name ? model.initializers.get(name) : undefined;
}

/** Why `node` cannot run here, or null. */
function unsupportedReason(model: OnnxModel, node: OnnxNode): string | null {
  const op = node.opType;
  if (node.domain !== '' && node.domain !== 'ai.onnx') return `${op} of domain ${node.domain}`;
  for (const [k, a] of node.attributes) if (a.other) return `${op} attribute ${k} (tensor or graph)`;
  const weights = (i: number, rank: number) => {
    const t = initializer(model, node.inputs[i]);
    return t && t.data && t.dims.length === rank ? null : `${op} input ${i} must be a float32 rank-${rank} initializer`;
  };
  switch (op) {
    case 'Conv':
    case 'ConvTranspose': {
      const w = weights(1, 4);
      if (w) return w;
      if (node.inputs[2] && weights(2, 1)) return weights(2, 1);
      if (int(node, 'group', 1) !== 1) return `${op} with group ${int(node, 'group', 1)}`;
      const p = pads2d(node);
      if (typeof p === 'string') return `${op} ${p}`;
      if (op === 'ConvTranspose') {
        if (!allEqual(ints(node, 'dilations'), 1)) return 'ConvTranspose with dilations';
        if (!allEqual(ints(node, 'output_padding'), 0)) return 'ConvTranspose with output_padding';
        if (ints(node, 'output_shape')) return 'ConvTranspose with output_shape';
      }
      return null;
    }
    case 'MaxPool':
    case 'AveragePool': {
      const k = ints(node, 'kernel_shape');
      if (!k || k.length !== 2) return `${op} that is not 2-D`;
      if (int(node, 'ceil_mode', 0) !== 0) return `${op} with ceil_mode 1`;
      if (!allEqual(ints(node, 'dilations'), 1)) return `${op} with dilations`;
      if (node.outputs.length > 1) return `${op} with an indices output`;
      const p = pads2d(node);
      if (typeof p === 'string') return `${op} ${p}`;
      if (op === 'AveragePool' && p.some((v) => v !== 0)) return 'AveragePool with padding';
      return null;
    }
    case 'BatchNormalization':
      for (let i = 1; i <= 4; i++) if (weights(i, 1)) return weights(i, 1);
      return node.outputs.length > 1 ? 'BatchNormalization in training mode' : null;
    case 'Concat':
    case 'Softmax': {
      if (op === 'Concat' && node.inputs.some((i) => model.initializers.has(i))) return 'Concat with a constant input';
      const axis = int(node, 'axis', op === 'Softmax' && model.opset >= 13 ? -1 : 1);
      if (op === 'Softmax' && model.opset < 13) return `Softmax of opset ${model.opset} (flattens from the axis; opset 13 is per axis)`;
      return axis === 1 || axis === -3 ? null : `${op} over axis ${axis} (only the channel axis 1 is supported)`;
    }
    case 'Add':
    case 'Sub':
    case 'Mul':
      for (const name of node.inputs.slice(0, 2)) {
        const t = initializer(model, name);
        if (t && (!t.data || t.data.length === 0)) return `${op} with a non-float32 constant`;
        if (t && t.data!.length !== 1 && !(t.dims.length >= 3 && t.dims.slice(-2).every((d) => d === 1) && t.dims.slice(0, -3).every((d) => d === 1)))
          return `${op} with a constant of shape [${t.dims.join(', ')}] (only scalars and per-channel [C,1,1])`;
      }
      return null;
    case 'Resize':
    case 'Upsample': {
      if (str(node, 'mode', 'nearest') !== 'nearest') return `${op} mode ${str(node, 'mode', 'nearest')} (only nearest)`;
      if (op === 'Resize') {
        const ct = str(node, 'coordinate_transformation_mode', 'half_pixel');
        const nm = str(node, 'nearest_mode', 'round_prefer_floor');
        if (!(ct === 'asymmetric' && nm === 'floor')) return `Resize with ${ct} / ${nm} (only asymmetric / floor)`;
        if (node.inputs[3]) return 'Resize with sizes';
      }
      const s = initializer(model, node.inputs[op === 'Resize' ? 2 : 1]);
      const scales = s?.data ? Array.from(s.data) : node.attributes.get('scales')?.floats;
      if (!scales || scales.length !== 4 || scales[0] !== 1 || scales[1] !== 1 || !scales.slice(2).every((v) => Number.isInteger(v) && v >= 1)) {
        return `${op} scales [${scales?.join(', ') ?? '?'}] (only constant integer H/W scales)`;
      }
      return null;
    }
    case 'Relu':
    case 'LeakyRelu':
    case 'Sigmoid':
    case 'Tanh':
    case 'Identity':
    case 'Dropout':
      return null;
    default:
      return `op ${op}`;
  }
}

/** Reasons the graph cannot run on TF.js (empty when it can): one per distinct unsupported op. */
export function onnxTfjsUnsupported(model: OnnxModel): string[] {
  const reasons = new Set<string>();
  if (model.inputs.length !== 1) reasons.add(`${model.inputs.length} graph inputs (expected 1)`);
  if (model.outputs.length !== 1) reasons.add(`${model.outputs.length} graph outputs (expected 1)`);
  const known = new Set([...model.inputs, ...model.initializers.keys(), '']);
  for (const node of model.nodes) {
    const r = unsupportedReason(model, node);
    if (r) reasons.add(r);
    for (const i of node.inputs) if (!known.has(i)) reasons.add(`node "${node.name || node.opType}" reads "${i}" before it is computed (graph not in topological order)`);
    for (const o of node.outputs) known.add(o);
  }
  return [...reasons];
}

/** Float32 ONNX weights [Cout, Cin, kh, kw] → TF.js filter [kh, kw, Cin, Cout]. */
function convFilter(t: OnnxTensor): tf.Tensor4D {
  const [co, ci, kh, kw] = t.dims;
  return tf.tidy(() => tf.transpose(tf.tensor4d(t.data!, [co, ci, kh, kw]), [2, 3, 1, 0]));
}

/** A step of the plan: reads named NHWC tensors, returns its outputs. */
type Step = { inputs: string[]; outputs: string[]; run: (xs: tf.Tensor[]) => tf.Tensor };

export interface OnnxTfjsGraph {
  /** Runs the graph on an NHWC input; the caller owns (and disposes) the NHWC output. */
  run(x: tf.Tensor4D): tf.Tensor4D;
  /** Frees the weights. */
  dispose(): void;
}

/**
 * Builds the executor for `model` (weights uploaded to the current TF.js backend once). Throws a
 * `RangeError` naming `source` and the unsupported ops when `onnxTfjsUnsupported` is not empty.
 */
export function onnxTfjsGraph(model: OnnxModel, source = 'model.onnx'): OnnxTfjsGraph {
  const why = onnxTfjsUnsupported(model);
  if (why.length) throw new RangeError(`${source}: the TF.js executor cannot run this graph (${why.join('; ')})`);
  const owned: tf.Tensor[] = [];
  const keep = <T extends tf.Tensor>(t: T): T => (owned.push(t), t);
  const consumers = new Map<string, number>();
  for (const n of model.nodes) for (const i of n.inputs) consumers.set(i, (consumers.get(i) ?? 0) + 1);
  const output = model.outputs[0];
  const steps: Step[] = [];
  const fused = new Set<OnnxNode>();
  /** Concat outputs that the Conv after them reads as their parts. */
  const concatOf = new Map<string, string[]>();

  for (let k = 0; k < model.nodes.length; k++) {
    const node = model.nodes[k];
    if (fused.has(node)) continue;
    const op = node.opType;
    const x0 = node.inputs[0];
    const y = node.outputs[0];
    if (op === 'Conv') {
      const w = initializer(model, node.inputs[1])!;
      const b = initializer(model, node.inputs[2]);
      const bias = b ? keep(tf.tensor1d(b.data!)) : undefined;
      const [pt, pl, pb, pr] = pads2d(node) as Pads4;
      const strides = (ints(node, 'strides') ?? [1, 1]) as [number, number];
      const dilations = (ints(node, 'dilations') ?? [1, 1]) as [number, number];
      const pad = [[0, 0], [pt, pb], [pl, pr], [0, 0]] as tf.backend_util.ExplicitPadding;
      // Fuse the activation that alone reads this conv's output.
      let activation: Act = 'linear';
      let alpha = 0.01;
      let out = y;
      const next = model.nodes[k + 1];
      if (next && next.inputs[0] === y && consumers.get(y) === 1 && y !== output && ['Relu', 'LeakyRelu', 'Sigmoid'].includes(next.opType)) {
        activation = next.opType === 'Relu' ? 'relu' : next.opType === 'Sigmoid' ? 'sigmoid' : 'leakyrelu';
        alpha = next.attributes.get('alpha')?.f ?? 0.01;
        out = next.outputs[0];
        fused.add(next);
      }
      const conv = (x: tf.Tensor, filter: tf.Tensor4D, withBias: boolean, act: Act) =>
        tf.fused.conv2d({ x: x as tf.Tensor4D, filter, bias: withBias ? bias : undefined, strides, pad, dilations, activation: act, leakyreluAlpha: alpha });
      const whole = keep(convFilter(w));
      const cat = concatOf.get(x0);
      if (!cat) {
        steps.push({ inputs: [x0], outputs: [out], run: ([x]) => conv(x, whole, true, activation) });
        continue;
      }
      // Conv of a channel concatenation = sum of the convs of its parts with the matching slices of
      // the weights: saves the concatenated copy (TF.js wasm copies NHWC channel runs pixel by pixel).
      const parts = new Map<string, tf.Tensor4D[]>();
      const partFilters = (cs: number[]) => {
        const key = cs.join(',');
        let f = parts.get(key);
        if (!f) {
          let c0 = 0;
          f = cs.map((c) => {
            const slice = keep(tf.keep(tf.slice(whole, [0, 0, c0, 0], [-1, -1, c, -1]))); // outlives the run's tidy
            c0 += c;
            return slice;
          });
          parts.set(key, f);
        }
        return f;
      };
      steps.push({
        inputs: cat,
        outputs: [out],
        run: (xs) =>
          tf.tidy(() => {
            const f = partFilters(xs.map((x) => x.shape[3]!));
            let z = conv(xs[0], f[0], true, 'linear');
            for (let i = 1; i < xs.length; i++) z = tf.add(z, conv(xs[i], f[i], false, 'linear'));
            return activation === 'relu' ? tf.relu(z) : activation === 'sigmoid' ? tf.sigmoid(z) : activation === 'leakyrelu' ? tf.leakyRelu(z, alpha) : z;
          }),
      });
    } else if (op === 'ConvTranspose') {
      const w = initializer(model, node.inputs[1])!;
      const [ci, co, kh, kw] = w.dims;
      const b = initializer(model, node.inputs[2]);
      const strides = (ints(node, 'strides') ?? [1, 1]) as [number, number];
      const [pt, pl, pb, pr] = pads2d(node) as Pads4;
      if (strides[0] === kh && strides[1] === kw && pt + pl + pb + pr === 0) {
        // Non-overlapping (kernel = stride, the U-Net up-sampling): a 1×1 convolution to kh·kw·Cout
        // channels, then each pixel's channels laid out as its kh×kw output block.
        const m = new Float32Array(ci * kh * kw * co);
        for (let i = 0; i < ci; i++)
          for (let o = 0; o < co; o++) for (let r = 0; r < kh; r++) for (let c = 0; c < kw; c++) m[i * kh * kw * co + (r * kw + c) * co + o] = w.data![((i * co + o) * kh + r) * kw + c];
        const filter = keep(tf.tensor4d(m, [1, 1, ci, kh * kw * co]));
        const bias = b ? keep(tf.tensor1d(Float32Array.from({ length: kh * kw * co }, (_, j) => b.data![j % co]))) : undefined;
        steps.push({
          inputs: [x0],
          outputs: [y],
          run: ([x]) =>
            tf.tidy(() => {
              const [n, h, wd] = x.shape;
              const z = tf.fused.conv2d({ x: x as tf.Tensor4D, filter, bias, strides: 1, pad: 'valid' });
              const t = tf.transpose(tf.reshape(z, [n * h, wd, kh, kw * co]), [0, 2, 1, 3]);
              return tf.reshape(t, [n, h * kh, wd * kw, co]);
            }),
        });
      } else {
        // General case: TF.js's transposed convolution (filter [kh, kw, Cout, Cin]) without
        // padding, then ONNX's pads cropped off.
        const filter = keep(tf.tidy(() => tf.transpose(tf.tensor4d(w.data!, [ci, co, kh, kw]), [2, 3, 1, 0]) as tf.Tensor4D));
        const bias = b ? keep(tf.tensor1d(b.data!)) : undefined;
        steps.push({
          inputs: [x0],
          outputs: [y],
          run: ([x]) =>
            tf.tidy(() => {
              const [n, h, wd] = x.shape;
              const fh = (h - 1) * strides[0] + kh;
              const fw = (wd - 1) * strides[1] + kw;
              let z = tf.conv2dTranspose(x as tf.Tensor4D, filter, [n, fh, fw, co], strides, 'valid');
              if (pt + pl + pb + pr) z = tf.slice(z, [0, pt, pl, 0], [n, fh - pt - pb, fw - pl - pr, co]);
              return bias ? tf.add(z, bias) : z;
            }),
        });
      }
    } else if (op === 'MaxPool' || op === 'AveragePool') {
      const k2 = ints(node, 'kernel_shape') as [number, number];
      const strides = (ints(node, 'strides') ?? [1, 1]) as [number, number];
      const [pt, pl, pb, pr] = pads2d(node) as Pads4;
      const pad = [[0, 0], [pt, pb], [pl, pr], [0, 0]] as tf.backend_util.ExplicitPadding;
      steps.push({
        inputs: [x0],
        outputs: [y],
        run: ([x]) => (op === 'MaxPool' ? tf.maxPool(x as tf.Tensor4D, k2, strides, pad) : tf.avgPool(x as tf.Tensor4D, k2, strides, 'valid')),
      });
    } else if (op === 'BatchNormalization') {
      const [s, bb, mean, v] = [1, 2, 3, 4].map((i) => initializer(model, node.inputs[i])!.data!);
      const eps = node.attributes.get('epsilon')?.f ?? 1e-5;
      const a = s.map((si, c) => si / Math.sqrt(v[c] + eps));
      const scale = keep(tf.tensor1d(a));
      const shift = keep(tf.tensor1d(bb.map((bi, c) => bi - mean[c] * a[c])));
      steps.push({ inputs: [x0], outputs: [y], run: ([x]) => tf.tidy(() => tf.add(tf.mul(x, scale), shift)) });
    } else if (op === 'Concat') {
      const next = model.nodes[k + 1];
      if (next?.opType === 'Conv' && next.inputs[0] === y && consumers.get(y) === 1 && y !== output) {
        concatOf.set(y, node.inputs); // the next Conv reads the parts
        continue;
      }
      steps.push({ inputs: node.inputs, outputs: [y], run: (xs) => tf.concat(xs, 3) });
    } else if (op === 'Softmax') {
      steps.push({ inputs: [x0], outputs: [y], run: ([x]) => tf.softmax(x, -1) });
    } else if (op === 'Add' || op === 'Sub' || op === 'Mul') {
      const f = op === 'Add' ? tf.add : op === 'Sub' ? tf.sub : tf.mul;
      // A constant operand: a scalar or per-channel [C,1,1], which in NHWC is a vector [C].
      const konst = node.inputs.slice(0, 2).map((name) => {
        const t = initializer(model, name);
        return t ? keep(t.data!.length === 1 ? tf.scalar(t.data![0]) : tf.tensor1d(t.data!)) : null;
      });
      const live = node.inputs.slice(0, 2).filter((_, i) => !konst[i]);
      steps.push({
        inputs: live,
        outputs: [y],
        run: (xs) => {
          let j = 0;
          const [a, b] = konst.map((c) => c ?? xs[j++]);
          return f(a, b);
        },
      });
    } else if (op === 'Resize' || op === 'Upsample') {
      const s = initializer(model, node.inputs[op === 'Resize' ? 2 : 1]);
      const scales = s?.data ? Array.from(s.data) : node.attributes.get('scales')!.floats!;
      steps.push({
        inputs: [x0],
        outputs: [y],
        run: ([x]) => tf.image.resizeNearestNeighbor(x as tf.Tensor4D, [x.shape[1]! * scales[2], x.shape[2]! * scales[3]], false, false),
      });
    } else if (op === 'Relu') steps.push({ inputs: [x0], outputs: [y], run: ([x]) => tf.relu(x) });
    else if (op === 'LeakyRelu') {
      const alpha = node.attributes.get('alpha')?.f ?? 0.01;
      steps.push({ inputs: [x0], outputs: [y], run: ([x]) => tf.leakyRelu(x, alpha) });
    } else if (op === 'Sigmoid') steps.push({ inputs: [x0], outputs: [y], run: ([x]) => tf.sigmoid(x) });
    else if (op === 'Tanh') steps.push({ inputs: [x0], outputs: [y], run: ([x]) => tf.tanh(x) });
    else steps.push({ inputs: [x0], outputs: [y], run: ([x]) => tf.clone(x) }); // Identity, Dropout (inference)
  }

  // How many steps read each tensor: an intermediate is freed right after its last reader.
  const readers = new Map<string, number>();
  for (const s of steps) for (const i of s.inputs) readers.set(i, (readers.get(i) ?? 0) + 1);
  const input = model.inputs[0];

  return {
    run(x: tf.Tensor4D): tf.Tensor4D {
      const live = new Map<string, tf.Tensor>([[input, x]]);
      const left = new Map(readers);
      try {
        for (const s of steps) {
          const xs = s.inputs.map((i) => live.get(i)!);
          const r = s.run(xs);
          live.set(s.outputs[0], r);
          for (const i of s.inputs) {
            const l = left.get(i)! - 1;
            left.set(i, l);
            if (l === 0 && i !== input && i !== output) {
              live.get(i)!.dispose();
              live.delete(i);
            }
          }
        }
        const out = live.get(output)!;
        live.delete(output);
        return out as tf.Tensor4D;
      } finally {
        for (const [name, t] of live) if (name !== input) t.dispose();
      }
    },
    dispose(): void {
      for (const t of owned) t.dispose();
      owned.length = 0;
    },
  };
}
