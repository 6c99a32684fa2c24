/**
 * Which runtime runs an ONNX segmentation network: onnxruntime-web on WebGPU where a GPU adapter
 * is offered and allowed; on the CPU the TF.js executor (`onnxTfjsSegmenter`, XNNPACK convolutions,
 * about 1.3× faster than onnxruntime-web's WASM on the bundled networks: bench/README.md) when it
 * covers every op of the graph, else onnxruntime-web's WASM. `runtime` on the result says which,
 * and for a fallback which ops the executor lacks, so the node can show it.
 */
import type { ModelValue } from '../../runtime/values';
import { onnxReadModel } from './onnxReadModel';
import { hasWebGpuAdapter, onnxSegmenter, type OnnxSegmenterOptions } from './onnxSegmenter';
import type { Segmenter } from './segmenter';

export async function openOnnxSegmenter(model: ModelValue, options: OnnxSegmenterOptions = {}): Promise<Segmenter> {
  const source = options.source ?? model.name;
  const prefer = options.prefer ?? ['webgpu', 'wasm'];
  if (!prefer.includes('wasm') || (prefer.includes('webgpu') && (await hasWebGpuAdapter(options.allowFallbackAdapter ?? false)))) {
    return onnxSegmenter(model, options);
  }
  // TF.js is loaded only for the CPU path.
  const [{ onnxTfjsUnsupported }, { onnxTfjsSegmenter }] = await Promise.all([import('./onnxTfjsGraph'), import('./onnxTfjsSegmenter')]);
  const parsed = onnxReadModel(model.bytes, source);
  const lacks = onnxTfjsUnsupported(parsed);
  if (lacks.length === 0) return onnxTfjsSegmenter(model, source, parsed);
  const seg = await onnxSegmenter(model, { ...options, prefer: ['wasm'] });
  return {
    classes: seg.classes,
    backend: seg.backend,
    runtime: `onnxruntime-web (TF.js executor lacks: ${lacks.join('; ')})`,
    predict: (batch, n, h, w) => seg.predict(batch, n, h, w),
    dispose: () => seg.dispose(),
  };
}
