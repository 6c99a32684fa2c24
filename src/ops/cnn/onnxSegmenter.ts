/**
 * `Segmenter` on onnxruntime-web for ONNX models (`format: 'onnx'`): the WebGPU execution provider
 * where `navigator.gpu` gives a hardware adapter, else the WASM one (also in Node: CLI and tests).
 *
 * State: onnxruntime keeps one global `env` per realm; it is configured once here, before the
 * first session. In a browser the runtime's `.mjs`/`.wasm` files are bundled by Vite and their URLs
 * given to onnxruntime (`ortWasmUrls.ts`; nothing is downloaded from elsewhere), so WASM threads
 * work in a cross-origin isolated page; elsewhere one thread. In Node the package finds its own
 * files in `node_modules/onnxruntime-web/dist/`. onnxruntime is imported on first use only, so the
 * app does not load it until a CNN node runs.
 */
import type { InferenceSession, Tensor } from 'onnxruntime-web';
import type { ModelValue } from '../../runtime/values';
import type { Segmenter } from './segmenter';

type Ort = typeof import('onnxruntime-web');

export interface OnnxSegmenterOptions {
  /**
   * Execution providers to try in order; 'webgpu' is skipped where no adapter is available, and a
   * session that fails to start on it falls back to the next.
   * @default ['webgpu', 'wasm']
   */
  prefer?: ('webgpu' | 'wasm')[];
  /** Name of the model file, for messages. @default the model's name */
  source?: string;
  /**
   * Use a fallback (software, e.g. SwiftShader) WebGPU adapter too. Off by default: such an adapter
   * emulates the GPU on the CPU and runs a network far slower than WebAssembly does.
   * @default false
   */
  allowFallbackAdapter?: boolean;
}

let ortPromise: Promise<Ort> | null = null;

function isBrowser(): boolean {
  return typeof process === 'undefined' || typeof process.versions?.node !== 'string';
}

/** Loads onnxruntime-web once and configures its WASM runtime for this realm. */
function loadOrt(): Promise<Ort> {
  ortPromise ??= import('onnxruntime-web').then(async (ort) => {
    if (isBrowser()) {
      const { ortWasmUrls } = await import('./ortWasmUrls');
      ort.env.wasm.wasmPaths = ortWasmUrls();
      const cores = typeof navigator !== 'undefined' ? (navigator.hardwareConcurrency ?? 1) : 1;
      ort.env.wasm.numThreads = globalThis.crossOriginIsolated ? Math.max(1, Math.min(4, cores)) : 1;
    } else {
      ort.env.wasm.numThreads = 1;
    }
    return ort;
  });
  return ortPromise;
}

/** Whether `navigator.gpu` gives an adapter (a hardware one unless `allowFallback`). */
export async function hasWebGpuAdapter(allowFallback: boolean): Promise<boolean> {
  try {
    const gpu = typeof navigator !== 'undefined' ? (navigator as Navigator & { gpu?: GPU }).gpu : undefined;
    const adapter = gpu ? await gpu.requestAdapter() : null;
    if (!adapter) return false;
    const a = adapter as GPUAdapter & { isFallbackAdapter?: boolean; info?: { isFallbackAdapter?: boolean } };
    return allowFallback || !(a.info?.isFallbackAdapter ?? a.isFallbackAdapter ?? false);
  } catch {
    return false;
  }
}

/** Checks a session against the contract: input [N,1,H,W], output [N,C,H,W] with C = the card's classes. */
function checkContract(session: InferenceSession, model: ModelValue, source: string): { input: string; output: string; batch: number } {
  const input = session.inputNames.length === 1 ? session.inputNames[0] : session.inputNames.find((n) => n === 'input');
  if (!input) {
    throw new RangeError(`${source}: the network has inputs [${session.inputNames.join(', ')}], expected one input named "input" (float32 [N,1,H,W])`);
  }
  const output = session.outputNames.length === 1 ? session.outputNames[0] : session.outputNames.find((n) => n === 'probabilities');
  if (!output) {
    throw new RangeError(
      `${source}: the network has outputs [${session.outputNames.join(', ')}], expected one output named "probabilities" (float32 [N,C,H,W], softmax)`,
    );
  }
  const inMeta = session.inputMetadata.find((m) => m.name === input);
  if (inMeta?.isTensor) {
    const shape = inMeta.shape;
    if (shape.length !== 4 || (typeof shape[1] === 'number' && shape[1] !== 1)) {
      throw new RangeError(
        `${source}: the network's input "${input}" has shape [${shape.join(', ')}] (rank ${shape.length}), expected rank 4 [N, 1, H, W] (one channel)`,
      );
    }
    if (inMeta.type !== 'float32') throw new RangeError(`${source}: the network's input "${input}" is ${inMeta.type}, expected float32`);
  }
  // A network exported with a fixed batch size gets tiles in groups of that size.
  const batch = inMeta?.isTensor && typeof inMeta.shape[0] === 'number' ? inMeta.shape[0] : 0;
  const outMeta = session.outputMetadata.find((m) => m.name === output);
  if (outMeta?.isTensor) {
    const shape = outMeta.shape;
    if (shape.length !== 4) {
      throw new RangeError(`${source}: the network's output "${output}" has rank ${shape.length}, expected rank 4 [N, C, H, W]`);
    }
    if (typeof shape[1] === 'number' && shape[1] !== model.classes.length) {
      throw new RangeError(
        `${source}: the network outputs ${shape[1]} classes but its card names ${model.classes.length} (${model.classes.join(', ')}); expected the same number`,
      );
    }
  }
  return { input, output, batch };
}

class OnnxSegmenter implements Segmenter {
  readonly runtime = 'onnxruntime-web';
  constructor(
    private readonly ort: Ort,
    private readonly session: InferenceSession,
    private readonly input: string,
    private readonly output: string,
    /** Fixed batch size of the network, 0 when free. */
    private readonly fixedBatch: number,
    readonly classes: number,
    readonly backend: string,
  ) {}

  async predict(batch: Float32Array, n: number, h: number, w: number): Promise<Float32Array> {
    const k = this.fixedBatch;
    if (k === 0 || k === n) return this.run(batch, n, h, w);
    // Fixed batch size k: run groups of k tiles (the last one padded with copies of its first tile).
    const out = new Float32Array(n * this.classes * h * w);
    const group = new Float32Array(k * h * w);
    for (let t = 0; t < n; t += k) {
      const m = Math.min(k, n - t);
      group.set(batch.subarray(t * h * w, (t + m) * h * w));
      for (let j = m; j < k; j++) group.copyWithin(j * h * w, 0, h * w);
      const p = await this.run(group, k, h, w);
      out.set(p.subarray(0, m * this.classes * h * w), t * this.classes * h * w);
    }
    return out;
  }

  private async run(batch: Float32Array, n: number, h: number, w: number): Promise<Float32Array> {
    const x = new this.ort.Tensor('float32', batch, [n, 1, h, w]);
    let y: Tensor | undefined;
    try {
      const res = await this.session.run({ [this.input]: x });
      y = res[this.output];
      const data = (await y.getData()) as Float32Array;
      if (!(data instanceof Float32Array)) throw new RangeError(`onnxSegmenter: output "${this.output}" is ${y.type}, expected float32`);
      return data;
    } finally {
      x.dispose();
      y?.dispose();
    }
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}

/**
 * Opens an ONNX segmentation network (contract: input `input` float32 [N,1,H,W], output
 * `probabilities` float32 [N,C,H,W], softmax applied) on the best available execution provider.
 * Throws a `RangeError` naming the model file when onnxruntime cannot load it or it breaks the
 * contract (rank, channels, number of classes).
 */
export async function onnxSegmenter(model: ModelValue, options: OnnxSegmenterOptions = {}): Promise<Segmenter> {
  const source = options.source ?? model.name;
  if (model.format !== 'onnx') throw new RangeError(`${source}: model format is "${model.format}", expected "onnx"`);
  const ort = await loadOrt();
  const prefer = options.prefer ?? ['webgpu', 'wasm'];
  const failures: string[] = [];
  for (const ep of prefer) {
    if (ep === 'webgpu' && !(await hasWebGpuAdapter(options.allowFallbackAdapter ?? false))) continue;
    let session: InferenceSession;
    try {
      session = await ort.InferenceSession.create(model.bytes, { executionProviders: [ep], graphOptimizationLevel: 'all' });
    } catch (err) {
      failures.push(`${ep}: ${(err as Error).message ?? String(err)}`);
      continue;
    }
    try {
      const { input, output, batch } = checkContract(session, model, source);
      return new OnnxSegmenter(ort, session, input, output, batch, model.classes.length, ep);
    } catch (err) {
      await session.release();
      throw err;
    }
  }
  throw new RangeError(`${source}: onnxruntime could not load the network (${failures.join('; ') || 'no execution provider available'}); expected a valid .onnx file`);
}
