/**
 * segment.cnn: segments an image, or a stack slice by slice, with a trained CNN (SegmentPy-style
 * LRCS-Net / U-Net): a bundled ONNX model, a model file, or a model wired from the trainer.
 */
import { defineNode, NodeInputError, type RunContext } from '../../runtime/nodeDefinition';
import { defineParams, type FileRef } from '../../runtime/params';
import { deriveMeta, type LabelsValue, type ModelValue, type StackValue, type Value } from '../../runtime/values';
import { BUNDLED_MODELS, readBundledModel } from '../../ops/cnn/readBundledModel';
import { decodeModelFile } from '../../ops/cnn/modelFile';
import { modelFromOnnx } from '../../ops/cnn/modelFromOnnx';
import { tiledPredict } from '../../ops/cnn/tiledPredict';
import type { Segmenter } from '../../ops/cnn/segmenter';

const params = defineParams({
  bundled: {
    type: 'enum',
    label: 'Bundled model',
    description:
      'Network shipped with the app, used when no model is wired and no model file is given. Its card (public/models) gives the classes, the input normalisation and its IoU on held-out slices.',
    default: BUNDLED_MODELS[0]?.name ?? '',
    options: BUNDLED_MODELS.map((m) => ({ value: m.name, label: m.title, description: m.description })),
  },
  file: {
    type: 'files',
    label: 'Model file',
    description:
      'A model of your own instead of the bundled one: an OperandoFlow model file (.ofmodel.json, as the trainer exports it), or an .onnx network together with its model card (.json with "classes" and "normalization").',
    accept: ['.json', '.onnx'],
    multiple: true,
    default: [],
  },
  tileSize: {
    type: 'integer',
    label: 'Tile size',
    description:
      'Side of the square tiles the slice is cut into, in pixels; a multiple of the model’s size multiple (8). Larger tiles give the network more context and fewer seams but need more memory; slices smaller than a tile use one smaller tile.',
    default: 256,
    min: 8,
    max: 4096,
    unit: 'px',
  },
  overlap: {
    type: 'integer',
    label: 'Overlap',
    description:
      'Overlap of neighbouring tiles in pixels; predictions are blended across it so tile borders do not show. About the network’s receptive-field radius or more; 0 cuts tiles edge to edge.',
    default: 32,
    min: 0,
    max: 2048,
    unit: 'px',
  },
  blend: {
    type: 'enum',
    label: 'Blend',
    description: 'How overlapping tiles are combined: linear weights fading out towards tile edges, or each pixel from the tile it is most central in.',
    default: 'linear',
    options: [
      { value: 'linear', label: 'linear ramps', description: 'weight 0 within overlap/4 of a tile edge, rising to 1 at 3/4 of the overlap' },
      { value: 'centre', label: 'centre crop', description: 'each pixel from the tile whose centre part (overlap/2 from the edges) holds it' },
    ],
    advanced: true,
  },
  batchSize: {
    type: 'integer',
    label: 'Tiles per batch',
    description: 'Tiles sent to the network at once. More can be faster on a GPU and needs more memory.',
    default: 4,
    min: 1,
    max: 64,
    advanced: true,
  },
  probabilities: {
    type: 'boolean',
    label: 'Output probabilities',
    description: 'Also output the class probabilities as a stack (per slice, one frame per class), e.g. to threshold uncertain pixels.',
    default: false,
  },
  backend: {
    type: 'enum',
    label: 'Run on',
    description:
      'Automatic: WebGPU when the browser offers a hardware GPU adapter, else WebAssembly (CPU). WebGPU: also on a software (fallback) adapter, else WebAssembly. WebAssembly forces the CPU.',
    default: 'auto',
    options: [
      { value: 'auto', label: 'automatic (GPU, else WebAssembly)' },
      { value: 'webgpu', label: 'WebGPU (also software adapters)', description: 'a software adapter (e.g. SwiftShader) emulates the GPU on the CPU: slow, for testing' },
      { value: 'wasm', label: 'WebAssembly (CPU)' },
    ],
    advanced: true,
  },
});

const extOf = (ref: FileRef) => ref.name.toLowerCase();

/** The model of a `file` parameter: one .ofmodel.json, or an .onnx plus its card .json. */
async function modelFromFiles(refs: FileRef[], ctx: RunContext): Promise<{ model: ModelValue; source: string }> {
  const onnx = refs.filter((r) => extOf(r).endsWith('.onnx'));
  const json = refs.filter((r) => extOf(r).endsWith('.json'));
  const other = refs.filter((r) => !extOf(r).endsWith('.onnx') && !extOf(r).endsWith('.json'));
  if (other.length) {
    throw new NodeInputError(`file: "${other[0].name}" is not a model file; expected an .ofmodel.json file, or an .onnx file with its card .json`);
  }
  try {
    if (onnx.length === 0 && json.length === 1) {
      return { model: decodeModelFile(await ctx.files.read(json[0]), json[0].name), source: json[0].name };
    }
    if (onnx.length === 1 && json.length === 1) {
      const model = modelFromOnnx(await ctx.files.read(onnx[0]), await ctx.files.read(json[0]), onnx[0].name, json[0].name);
      return { model, source: onnx[0].name };
    }
  } catch (err) {
    if (err instanceof RangeError) throw new NodeInputError(`file: ${err.message}`);
    throw err;
  }
  if (onnx.length === 1) {
    throw new NodeInputError(
      `file: "${onnx[0].name}" needs its model card: add the .json card (with "classes" and "normalization") to the file list`,
    );
  }
  throw new NodeInputError(
    `file: got ${refs.map((r) => `"${r.name}"`).join(', ')}; expected one .ofmodel.json file, or one .onnx file and its card .json`,
  );
}

/**
 * The network's runtime: for ONNX models onnxruntime-web on WebGPU, on the CPU our TF.js executor when it covers the
 * graph's ops (else onnxruntime-web's WASM); TensorFlow.js (loaded on demand) for models trained in the studio.
 */
async function openSegmenter(model: ModelValue, source: string, backend: string): Promise<Segmenter> {
  if (model.inputShape.length !== 4 || (model.inputShape[1] !== 1 && model.inputShape[1] !== -1)) {
    throw new NodeInputError(
      `model "${source}": input shape [${model.inputShape.join(', ')}], expected rank 4 [N, 1, H, W] (one-channel slices)`,
    );
  }
  try {
    if (model.format === 'tfjs') {
      const { createTfjsSegmenter } = await import('../../ops/cnn/tfjsSegmenter');
      return await createTfjsSegmenter(model, { prefer: backend === 'wasm' ? ['wasm', 'cpu'] : ['webgpu', 'wasm', 'cpu'] });
    }
    // Loaded on first use: the studio's main thread imports this file (palette, forms) and needs no CNN runtime.
    const { openOnnxSegmenter } = await import('../../ops/cnn/openOnnxSegmenter');
    return await openOnnxSegmenter(model, { source, prefer: backend === 'wasm' ? ['wasm'] : ['webgpu', 'wasm'], allowFallbackAdapter: backend === 'webgpu' });
  } catch (err) {
    if (err instanceof RangeError) throw new NodeInputError(`model ${err.message}`);
    throw err;
  }
}

export const cnnSegmentNode = defineNode({
  type: 'segment.cnn',
  version: 1,
  category: 'segment',
  title: 'CNN segmentation',
  help:
    'Segments grey-level slices into phases with a trained convolutional network, as SegmentPy does (Su et al., npj ' +
    'Comput. Mater. 8, 2022: LRCS-Net / U-Net on X-ray nano-CT of battery electrodes): a stack is segmented slice by ' +
    'slice. Each slice is normalised as the model card says (z-score per slice, or a fixed affine scaling), extended ' +
    'by reflection, cut into overlapping tiles (any slice size works), run through the network (ONNX models with onnxruntime-web on WebGPU, on the CPU with TensorFlow.js WebAssembly ' +
    '(XNNPACK) when it covers the graph\'s ops, else onnxruntime-web; models trained in the studio with TensorFlow.js; WebGPU, else WebAssembly) and the class probabilities of overlapping tiles blended; the label is the most ' +
    'probable class. The model comes from the "model" input (e.g. a trainer), else a model file, else the bundled ' +
    'model. The node reports which backend and runtime ran.',
  inputs: [
    { name: 'image', label: 'Image', kinds: ['image', 'stack'], required: true },
    { name: 'model', label: 'Model', kinds: ['model'], description: 'A trained network; overrides the model file and the bundled model.' },
  ],
  outputs: [
    { name: 'labels', label: 'Labels', kinds: ['labels'], description: 'Most probable class per pixel, with the class names of the model card.' },
    {
      name: 'probabilities',
      label: 'Probabilities',
      kinds: ['stack'],
      description: 'When "Output probabilities" is on: class probabilities, slice after slice with one frame per class (frame = slice·C + class).',
    },
  ],
  params,
  check(p) {
    return p.overlap >= p.tileSize
      ? [{ param: 'overlap', message: `overlap: ${p.overlap} px, expected less than the tile size (${p.tileSize} px)` }]
      : [];
  },
  async run(inputs, p, ctx) {
    const v = inputs.image as Value | undefined;
    if (!v) throw new NodeInputError('input "image" is not connected');
    if (v.kind !== 'image' && v.kind !== 'stack') throw new NodeInputError(`input "image": expected image or stack, got ${v.kind}`);
    const wired = inputs.model as Value | undefined;
    if (wired && wired.kind !== 'model') throw new NodeInputError(`input "model": expected a model, got ${wired.kind}`);

    await ctx.progress(0, 'loading the model');
    let model: ModelValue;
    let source: string;
    if (wired) {
      model = wired;
      source = wired.name;
    } else if (p.file.length > 0) {
      ({ model, source } = await modelFromFiles(p.file, ctx));
    } else {
      try {
        model = await readBundledModel(p.bundled);
      } catch (err) {
        if (err instanceof RangeError) throw new NodeInputError(`bundled: ${err.message}`);
        throw err;
      }
      source = `${model.name} (bundled)`;
    }
    const multipleOf = model.multipleOf ?? 8;
    if (p.tileSize % multipleOf !== 0) {
      throw new NodeInputError(`tileSize: ${p.tileSize} px is not a multiple of ${multipleOf}; the model "${source}" needs tile sides in multiples of ${multipleOf}`);
    }
    if (p.overlap >= p.tileSize) throw new NodeInputError(`overlap: ${p.overlap} px, expected less than the tile size (${p.tileSize} px)`);
    const { width, height } = v;
    if (width < multipleOf || height < multipleOf) {
      throw new NodeInputError(
        `input "image": ${width}×${height} px is smaller than the model's minimum of ${multipleOf}×${multipleOf} px; expected slices at least ${multipleOf} px wide and high`,
      );
    }

    // A run forced onto the CPU (engine option, tests and benchmarks) runs WebAssembly too.
    const segmenter = await openSegmenter(model, source, ctx.backend === 'cpu' ? 'wasm' : ctx.backend === 'webgpu' ? 'webgpu' : p.backend);
    ctx.usedBackend?.(segmenter.backend);
    const runtime = segmenter.runtime ? `, ${segmenter.runtime}` : '';
    await ctx.progress(0, `running on ${segmenter.backend}${runtime}`);
    const slices = v.kind === 'stack' ? v.frames : 1;
    const plane = width * height;
    const C = model.classes.length;
    const labels = new Uint8Array(slices * plane);
    const probs = p.probabilities ? new Float32Array(slices * C * plane) : undefined;
    const started = performance.now();
    try {
      for (let s = 0; s < slices; s++) {
        await tiledPredict(v.data.subarray(s * plane, (s + 1) * plane), width, height, segmenter, {
          normalization: model.normalization,
          tileSize: p.tileSize,
          overlap: p.overlap,
          multipleOf,
          blend: p.blend === 'centre' ? 'centre' : 'linear',
          batchSize: p.batchSize,
          labelsOut: labels.subarray(s * plane, (s + 1) * plane),
          probabilitiesOut: probs?.subarray(s * C * plane, (s + 1) * C * plane),
          signal: ctx.signal,
          onProgress: (done, total) =>
            ctx.progress((s + done / total) / slices, `${slices > 1 ? `slice ${s + 1}/${slices}, ` : ''}tile ${done}/${total} (${segmenter.backend})`),
        });
      }
    } catch (err) {
      if (err instanceof RangeError) throw new NodeInputError(`input "image": ${err.message}`);
      throw err;
    } finally {
      await segmenter.dispose();
    }
    const seconds = (performance.now() - started) / 1000;
    const where = { webgpu: 'WebGPU', wasm: 'WebAssembly (CPU)', cpu: 'JavaScript (CPU)' }[segmenter.backend] ?? segmenter.backend;
    ctx.warn(`${source} ran on ${where}${runtime}: ${slices} slice${slices > 1 ? 's' : ''} in ${seconds.toFixed(1)} s`);

    const meta = deriveMeta(v.meta, ...(wired ? [wired.meta] : []));
    meta.attrs = { ...meta.attrs, model: model.name, backend: segmenter.backend, ...(segmenter.runtime ? { runtime: segmenter.runtime } : {}) };
    const out: LabelsValue = { kind: 'labels', frames: slices, width, height, data: labels, classes: [...model.classes], meta };
    if (v.pixelSize) out.pixelSize = v.pixelSize;
    const outputs: Record<string, Value> = { labels: out };
    if (!probs) return outputs;
    const probStack: StackValue = {
      kind: 'stack',
      frames: slices * C,
      width,
      height,
      dtype: 'f32',
      data: probs,
      frameAxis: { name: 'slice·class', unit: '' },
      frameCoords: Float64Array.from({ length: slices * C }, (_, i) => i),
      valueAxis: { name: 'probability', unit: '' },
      meta: { ...meta, attrs: { ...meta.attrs, classes: model.classes.join(', ') } },
    };
    if (v.pixelSize) probStack.pixelSize = v.pixelSize;
    outputs.probabilities = probStack;
    return outputs;
  },
});
