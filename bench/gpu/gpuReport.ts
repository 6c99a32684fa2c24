/**
 * Merges our GPU bench (gpuRun.ts) with the PyTorch peer's results (peer_gpu.py) into one JSON and
 * a markdown table: WebGPU against our CPU backend, and against PyTorch CUDA, on the same input.
 */
import type { GpuBenchReport } from './gpuRun';

/** What peer_gpu.py writes (snake_case, as Python writes it). */
export interface PeerReport {
  kind: 'operando-flow gpu bench peer';
  date: string;
  device: string;
  device_name: string;
  torch: string;
  cuda: string | null;
  python: string;
  cases: Record<string, { ms: number; first_ms: number; runs: number; agreement: number | null; note?: string; error?: string }>;
  cnn?: {
    model: string;
    input: string;
    onnxruntime: string | null;
    available_providers: string[];
    results: { provider: string; ms: number; first_ms: number; note?: string }[];
    note?: string;
  };
}

export interface MergedReport {
  command: string;
  ours: GpuBenchReport;
  peer: PeerReport | null;
  /** Why our CNN inference through ORT-web's WebGPU EP is not in the table. */
  cnnNote: string;
}

/** Cases the issue sets a target for: WebGPU ≥ 5× our CPU path. */
export const TARGET_CASES = new Set(['fft-2d', 'fft-3d', 'nlm-2d']);
export const TARGET_SPEEDUP = 5;

export const CNN_NOTE =
  'Our CNN inference through onnxruntime-web’s WebGPU EP in Node (navigator.gpu from Dawn) is left out: tried here on SwiftShader with ' +
  'onnxruntime-web 1.30 (ort.webgpu.min.mjs, asyncify build), session creation fails with «Invalid argument» because Dawn’s ' +
  'GPUQueue.writeBuffer refuses views of ORT’s shared (SharedArrayBuffer) wasm memory; with a copying shim it then hangs after ' +
  'its first shader build. The studio’s WebGPU CNN path runs in Chromium (test/e2e/cnnWebgpu.e2e.ts). The peer times the bundled ' +
  'model with onnxruntime (CUDA EP where that build has it, else the CPU EP) as the reference for a later browser run.';

function ms(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (v >= 1000) return `${(v / 1000).toFixed(2)} s`;
  if (v >= 10) return `${v.toFixed(1)} ms`;
  return `${v.toFixed(3)} ms`;
}

function ratio(num: number | null | undefined, den: number | null | undefined): string {
  if (!num || !den || !Number.isFinite(num) || !Number.isFinite(den)) return '—';
  const r = num / den;
  return `${r >= 0.1 ? r.toFixed(2) : r.toPrecision(2)}×`;
}

function sci(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (!Number.isFinite(v)) return 'differs';
  return v.toExponential(1);
}

export function renderMarkdown(r: MergedReport): string {
  const o = r.ours;
  const a = o.adapter;
  const p = r.peer;
  const lines: string[] = [];
  lines.push('# GPU benchmark: our WebGPU kernels (Dawn in Node) against our CPU path and PyTorch CUDA', '');
  if (a.software || o.smoke) {
    lines.push(
      `> **Not GPU numbers**: ${a.software ? `the adapter is a software one (${a.summary})` : 'smoke sizes'}. ` +
        'Do not copy these into bench/gpu-results.md.',
      '',
    );
  }
  lines.push(`Run ${o.date}${o.smoke ? ' (--smoke sizes)' : ''}. Command (device \`run\`):`, '', '```', r.command, '```', '');
  lines.push(
    `- Adapter: **${a.summary}**${a.isFallbackAdapter ? ' (fallback adapter)' : ''}; Dawn flags: ${o.dawnFlags.length ? o.dawnFlags.join(' ') : 'none'}; ` +
      `Vulkan: ${Object.entries(o.vulkanEnv).map(([k, v]) => `${k}=${v}`).join(' ') || 'default ICD search'}.`,
  );
  const keyLimits = ['maxBufferSize', 'maxStorageBufferBindingSize', 'maxComputeWorkgroupStorageSize', 'maxComputeInvocationsPerWorkgroup', 'maxComputeWorkgroupsPerDimension'];
  lines.push(`- Limits: ${keyLimits.filter((k) => k in a.limits).map((k) => `${k} ${a.limits[k]}`).join(', ')} (all in gpu-results.json).`);
  lines.push(`- Features: ${a.features.join(', ') || 'none'}.`);
  lines.push(`- Host: ${o.host.cpu}, ${o.host.cores} cores, ${o.host.memoryGiB} GiB; Node ${o.node}; our CPU backend is one thread (the ops in src/ops).`);
  lines.push(
    p
      ? `- Peer: PyTorch ${p.torch} on ${p.device} (${p.device_name})${p.cuda ? `, CUDA ${p.cuda}` : ''}, Python ${p.python}.`
      : '- Peer: not run (no peer JSON given).',
  );
  lines.push(
    `- Timing: WebGPU = median of warm calls from GPU-resident inputs to \`finish()\` (${o.smoke ? 'one call in --smoke' : '3–10 calls, ≤ 2 s'}); "first" includes pipeline ` +
      'compilation; "with transfers" = upload + kernel + read-back, one warm call. CPU backend: one run, same size, same input. ' +
      'PyTorch: median of warm calls with `torch.cuda.synchronize()`, inputs already on the device.',
  );
  lines.push(
    `- Speed-up = CPU time / WebGPU time (target ≥ ${TARGET_SPEEDUP}× for FFT and NLM); vs PyTorch = PyTorch time / WebGPU time (≥ 1: ours is faster). ` +
      'Agreement = max |a − b| / max |b| (whole result against the CPU backend; a strided sample of 65 536 values against PyTorch).',
    '',
  );
  lines.push('| case | input | WebGPU | first | with transfers | CPU backend | speed-up | target | PyTorch | vs PyTorch | agreement CPU | agreement PyTorch |');
  lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | :---: | ---: | ---: | ---: | ---: |');
  for (const c of o.cases) {
    const pc = p?.cases[c.id];
    const g = c.gpu?.medianMs;
    const speed = c.cpuMs && g ? c.cpuMs / g : null;
    const target = TARGET_CASES.has(c.id) ? (speed === null ? '—' : speed >= TARGET_SPEEDUP ? 'met' : '**missed**') : '';
    const name = `${c.id}: ${c.title}${c.error ? ` — **failed**: ${c.error}` : ''}`;
    const peerCell = pc ? (pc.error ? `failed: ${pc.error}` : ms(pc.ms)) : '—';
    lines.push(
      `| ${name} | ${c.shape} | ${ms(g)} | ${ms(c.gpu?.firstMs)} | ${ms(c.gpu?.withTransfersMs)} | ${ms(c.cpuMs)} | ${ratio(c.cpuMs, g)} | ${target} | ` +
        `${peerCell} | ${ratio(pc?.ms, g)} | ${sci(c.agreement)} | ${sci(pc?.agreement)} |`,
    );
  }
  lines.push('', '## CNN inference (bundled LRCS-Net)', '', r.cnnNote, '');
  if (p?.cnn) {
    lines.push(`Peer: ${p.cnn.model}, input ${p.cnn.input}, onnxruntime ${p.cnn.onnxruntime ?? 'not installed'} (providers: ${p.cnn.available_providers.join(', ') || 'none'}).`);
    if (p.cnn.note) lines.push('', p.cnn.note);
    if (p.cnn.results.length) {
      lines.push('', '| runtime | warm median | first |', '| --- | ---: | ---: |');
      for (const x of p.cnn.results) lines.push(`| ${x.provider}${x.note ? ` (${x.note})` : ''} | ${ms(x.ms)} | ${ms(x.first_ms)} |`);
    }
  }
  lines.push('');
  return lines.join('\n');
}
