/**
 * Times each GPU case on the WebGPU backend (Dawn) and on the CPU backend with the same input,
 * checks the two agree, and writes a strided sample of the WebGPU result for peer_gpu.py to
 * compare PyTorch's against.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { ComputeBackend, DeviceArray } from '../../src/compute/computeBackend';
import { createCpuBackend } from '../../src/compute/cpuBackend';
import { createWebGpuBackend } from '../../src/compute/webgpuBackend';
import { GPU_CASES, uploadAll, type GpuBenchSizes, type GpuCase } from './gpuCases';
import { describeAdapter, type AdapterReport } from './adapterReport';
import { agreement, stridedSample } from './compareArrays';

export interface GpuTiming {
  /** The first call: pipeline compilation and buffer allocation included. */
  firstMs: number;
  /** Warm calls, each from resident inputs to `finish()`. */
  ms: number[];
  medianMs: number;
  /** One warm call with the upload of the inputs and the read-back of the result. */
  withTransfersMs: number;
}

export interface GpuCaseResult {
  id: string;
  title: string;
  shape: string;
  peer: string;
  tolerance: number;
  gpu: GpuTiming | null;
  /** One run of the CPU backend on the same input (the nodes' CPU path), or null when skipped. */
  cpuMs: number | null;
  /** max |webgpu − cpu| / max |cpu| over the whole result; null without a CPU run. */
  agreement: number | null;
  /** Values of the WebGPU result in the sample file (indices ⌊j·N/M⌋), and N. */
  sampleCount: number;
  resultLength: number;
  error?: string;
}

export interface GpuBenchReport {
  kind: 'operando-flow gpu bench';
  date: string;
  smoke: boolean;
  sizes: GpuBenchSizes;
  node: string;
  host: { cpu: string; cores: number; memoryGiB: number };
  adapter: AdapterReport;
  dawnFlags: string[];
  vulkanEnv: Record<string, string>;
  /** Bytes of idle GPU buffers the backend keeps (so warm runs reuse their allocations). */
  poolBytes: number;
  cases: GpuCaseResult[];
}

export interface GpuRunOptions {
  gpu: GPU;
  sizes: GpuBenchSizes;
  smoke: boolean;
  dawnFlags: string[];
  /** Where the WebGPU result samples go (`<id>.f32`); peer_gpu.py reads them. */
  samplesDir: string;
  slicePath?: string;
  only?: string[];
  cpu: boolean;
  log?: (line: string) => void;
}

/** Warm calls per case: 3–10 within 2 s; --smoke only proves the path, so one. */
const WARM = { minRuns: 3, maxRuns: 10, budgetMs: 2000 };
const WARM_SMOKE = { minRuns: 1, maxRuns: 1, budgetMs: 0 };
const POOL_BYTES = 1024 ** 3;

async function timeOnce(b: ComputeBackend, fn: () => Promise<DeviceArray | Float32Array>): Promise<{ ms: number; out: DeviceArray | Float32Array }> {
  const t0 = performance.now();
  const out = await fn();
  await b.finish();
  return { ms: performance.now() - t0, out };
}

async function toHost(b: ComputeBackend, out: DeviceArray | Float32Array): Promise<Float32Array> {
  if (out instanceof Float32Array) return out;
  const host = await b.read(out);
  out.dispose();
  return host;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function timeGpu(
  g: ComputeBackend,
  c: GpuCase,
  sizes: GpuBenchSizes,
  host: Float32Array[],
  warm: typeof WARM,
): Promise<{ timing: GpuTiming; result: Float32Array }> {
  const run = c.run(sizes);
  const inputs = await uploadAll(g, host);
  try {
    const first = await timeOnce(g, () => run(g, inputs));
    const result = await toHost(g, first.out);
    const ms: number[] = [];
    let spent = 0;
    while (ms.length < warm.minRuns || (ms.length < warm.maxRuns && spent < warm.budgetMs)) {
      const t = await timeOnce(g, () => run(g, inputs));
      if (!(t.out instanceof Float32Array)) t.out.dispose();
      ms.push(t.ms);
      spent += t.ms;
    }
    const t0 = performance.now();
    const fresh = await uploadAll(g, host);
    const out = await run(g, fresh);
    await toHost(g, out);
    const withTransfersMs = performance.now() - t0;
    for (const h of fresh) h.dispose();
    return { timing: { firstMs: first.ms, ms, medianMs: median(ms), withTransfersMs }, result };
  } finally {
    for (const h of inputs) h.dispose();
  }
}

export async function runGpuBench(o: GpuRunOptions): Promise<GpuBenchReport> {
  const log = o.log ?? (() => {});
  const adapter = await o.gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error('Dawn found no WebGPU adapter (is a Vulkan driver visible? VK_DRIVER_FILES / VK_ICD_FILENAMES)');
  const adapterReport = describeAdapter(adapter);
  log(`adapter: ${adapterReport.summary}${adapterReport.software ? ' — SOFTWARE, not GPU numbers' : ''}`);
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
    },
  });
  const g = await createWebGpuBackend({ device, poolBytes: POOL_BYTES });
  const cpu = createCpuBackend();
  mkdirSync(o.samplesDir, { recursive: true });
  const results: GpuCaseResult[] = [];
  try {
    for (const c of GPU_CASES) {
      if (o.only && !o.only.includes(c.id)) continue;
      const base = { id: c.id, title: c.title, shape: c.shape(o.sizes), peer: c.peer, tolerance: c.tolerance };
      log(`${c.id} ${base.shape}: …`);
      try {
        const host = c.inputs(o.sizes, o.slicePath);
        const { timing, result } = await timeGpu(g, c, o.sizes, host, o.smoke ? WARM_SMOKE : WARM);
        let cpuMs: number | null = null;
        let agree: number | null = null;
        if (o.cpu) {
          const t = await timeOnce(cpu, async () => c.run(o.sizes)(cpu, await uploadAll(cpu, host)));
          cpuMs = t.ms;
          agree = agreement(result, await toHost(cpu, t.out));
        }
        const sample = stridedSample(result);
        writeFileSync(join(o.samplesDir, `${c.id}.f32`), new Uint8Array(sample.buffer, sample.byteOffset, sample.byteLength));
        results.push({ ...base, gpu: timing, cpuMs, agreement: agree, sampleCount: sample.length, resultLength: result.length });
        log(
          `${c.id}: webgpu ${timing.medianMs.toFixed(2)} ms (first ${timing.firstMs.toFixed(1)}, with transfers ${timing.withTransfersMs.toFixed(1)})` +
            (cpuMs !== null ? `, cpu ${cpuMs.toFixed(1)} ms, agreement ${agree?.toExponential(1)}` : ''),
        );
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        log(`${c.id}: FAILED ${error}`);
        results.push({ ...base, gpu: null, cpuMs: null, agreement: null, sampleCount: 0, resultLength: 0, error });
      }
    }
  } finally {
    g.dispose();
    device.destroy();
    cpu.dispose();
  }
  const vulkanEnv: Record<string, string> = {};
  for (const k of ['VK_DRIVER_FILES', 'VK_ICD_FILENAMES']) if (process.env[k]) vulkanEnv[k] = process.env[k] as string;
  return {
    kind: 'operando-flow gpu bench',
    date: new Date().toISOString(),
    smoke: o.smoke,
    sizes: o.sizes,
    node: process.version,
    host: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 1024 ** 3) },
    adapter: adapterReport,
    dawnFlags: o.dawnFlags,
    vulkanEnv,
    poolBytes: POOL_BYTES,
    cases: results,
  };
}
