/**
 * `npm run bench`: times each of our kernels and its peer (scikit-image / SciPy / NumPy, via
 * Debian's python3 packages) on the same real input in the same run, each case in a fresh process,
 * and writes bench/results.json and bench/results.md (figures, ratios, peak memory, agreement).
 *
 *   npm run bench                      full sizes: 2048² image, 256³ volume
 *   npm run bench -- --quick           512², 64³ (a smoke run)
 *   npm run bench -- --only fft-2d,otsu-2d,denoise-frames --out /tmp/bench
 *
 * `--out DIR` writes results.{json,md} there instead of bench/ (a partial run must not replace the
 * full results).
 *
 * Pool rows (poolCases.ts) time our frame pool against our one-thread path on the same stack.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CASES } from './cases';
import { POOL_CASES } from './poolCases';
import { CNN_CASES, cnnSizes } from './cnnCases';
import { MEMORY_CASES, MEMORY_FRAMES, memorySide } from './memoryCases';
import { writeMemorySeries } from './memorySeries';

const HERE = import.meta.dirname;
const TMP = join(HERE, 'tmp');
const PYTHON = '/usr/bin/python3';
/** Our kernels should reach at least half the peer's speed (issue 5). */
const TARGET_RATIO = 0.5;

interface Side {
  ms: number[];
  median: number;
  /** CPU time per run (process user + system) and its median: robust to a loaded machine. */
  cpuMs?: number[];
  cpuMedian?: number;
  maxRssMB: number;
  /** V8 heap and array buffers, sampled after each run (ours only). */
  heapMB?: number;
  arrayBuffersMB?: number;
  lanes?: number;
  sha256?: string;
  versions?: string;
}

const { values } = parseArgs({ options: { quick: { type: 'boolean' }, only: { type: 'string' }, out: { type: 'string' } } });
const OUT = values.out ?? HERE;
mkdirSync(OUT, { recursive: true });
const sizes = values.quick ? { image: 512, volume: 64 } : { image: 2048, volume: 256 };
const only = values.only?.split(',');
const cases = CASES.filter((c) => !only || only.includes(c.id));
const poolCases = POOL_CASES.filter((c) => !only || only.includes(c.id));
const cnnCases = CNN_CASES.filter((c) => !only || only.includes(c.id));
const memoryCases = MEMORY_CASES.filter((c) => !only || only.includes(c.id));
if (only && cases.length + poolCases.length + cnnCases.length + memoryCases.length !== only.length) {
  console.error(`bench: unknown case in --only; cases: ${[...CASES, ...POOL_CASES, ...CNN_CASES, ...MEMORY_CASES].map((c) => c.id).join(', ')}`);
  process.exit(2);
}
mkdirSync(TMP, { recursive: true });

function side(cmd: string, args: string[], label: string): Side {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${label} failed (exit ${r.status}): ${r.stderr || r.stdout}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Side;
}

const readF64 = (file: string) => {
  const b = readFileSync(file);
  return new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8);
};

/** max |ours − peer| / (max |peer| or 1): 0 is bit-identical; ~1e-7 is float32 rounding. */
function agreement(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return Number.NaN;
  let d = 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    s = Math.max(s, Math.abs(b[i]));
  }
  return d / (s || 1);
}

const rows = [];
let peerVersions = '';
for (const c of cases) {
  const oursFile = join(TMP, `${c.id}.ours.f64`);
  const peerFile = join(TMP, `${c.id}.peer.f64`);
  process.stderr.write(`${c.id}: ours… `);
  const ours = side(process.execPath, ['--import', 'tsx', join(HERE, 'case.ts'), c.id, String(sizes.image), String(sizes.volume), oursFile], `${c.id} (ours)`);
  process.stderr.write(`${ours.median.toFixed(0)} ms; peer… `);
  const peer = side(PYTHON, [join(HERE, 'peer.py'), c.id, String(sizes.image), String(sizes.volume), peerFile], `${c.id} (${c.peer})`);
  peerVersions = peer.versions ?? peerVersions;
  const ratio = peer.median / ours.median;
  const cpuRatio = peer.cpuMedian && ours.cpuMedian ? peer.cpuMedian / ours.cpuMedian : Number.NaN;
  const agree = agreement(readF64(oursFile), readF64(peerFile));
  process.stderr.write(`${peer.median.toFixed(0)} ms; ratio ${ratio.toFixed(2)} (CPU time ${cpuRatio.toFixed(2)})\n`);
  rows.push({
    id: c.id,
    title: c.title,
    input: c.input === 'image' ? `${sizes.image}² f32` : `${sizes.volume}³ f32`,
    peer: c.peer,
    oursMs: ours.median,
    peerMs: peer.median,
    ratio,
    meetsTarget: ratio >= TARGET_RATIO,
    cpuRatio,
    oursRuns: ours.ms,
    peerRuns: peer.ms,
    oursMaxRssMB: ours.maxRssMB,
    oursHeapMB: ours.heapMB,
    oursArrayBuffersMB: ours.arrayBuffersMB,
    peerMaxRssMB: peer.maxRssMB,
    agreement: agree,
  });
}

// Our frame pool against our one thread: same kernel per frame, results compared bit for bit.
const poolRows = [];
for (const c of poolCases) {
  const caseArgs = (threads: string) => ['--import', 'tsx', join(HERE, 'case.ts'), c.id, String(sizes.image), String(sizes.volume), '-', threads];
  process.stderr.write(`${c.id}: one thread… `);
  const one = side(process.execPath, caseArgs('1'), `${c.id} (one thread)`);
  process.stderr.write(`${one.median.toFixed(0)} ms; pool… `);
  const pool = side(process.execPath, caseArgs('pool'), `${c.id} (pool)`);
  const speedup = one.median / pool.median;
  process.stderr.write(`${pool.median.toFixed(0)} ms (${pool.lanes} lanes); speed-up ${speedup.toFixed(2)}\n`);
  poolRows.push({
    id: c.id,
    title: c.title,
    lanes: pool.lanes,
    oneThreadMs: one.median,
    poolMs: pool.median,
    speedup,
    oneThreadRuns: one.ms,
    poolRuns: pool.ms,
    // Process CPU time (all threads): pool / one thread ≈ 1 means no overhead, whatever the machine's load.
    oneThreadCpuMs: one.cpuMedian,
    poolCpuMs: pool.cpuMedian,
    oneThreadMaxRssMB: one.maxRssMB,
    poolMaxRssMB: pool.maxRssMB,
    bitIdentical: one.sha256 === pool.sha256,
  });
}

// CNN rows: our runtimes (ORT-web WASM, TF.js WASM) against native peers, one thread each.
const cnnRows = [];
const cs = cnnSizes(!!values.quick);
for (const c of cnnCases) {
  const oursFile = join(TMP, `${c.id}.ours.f64`);
  const peerFile = join(TMP, `${c.id}.peer.f64`);
  const sz = [String(cs.image), String(cs.volume)];
  process.stderr.write(`${c.id}: ours… `);
  const ours = side(process.execPath, ['--import', 'tsx', join(HERE, 'cnnCase.ts'), c.id, 'ours', ...sz, oursFile], `${c.id} (ours)`);
  process.stderr.write(`${ours.median.toFixed(0)} ms; peer… `);
  const peer =
    c.peerRunner === 'node'
      ? side(process.execPath, ['--import', 'tsx', join(HERE, 'cnnCase.ts'), c.id, 'peer', ...sz, peerFile], `${c.id} (${c.peer})`)
      : side(PYTHON, [join(HERE, 'cnn_peer.py'), c.id, ...sz, peerFile], `${c.id} (${c.peer})`);
  const ratio = peer.median / ours.median;
  process.stderr.write(`${peer.median.toFixed(0)} ms; ratio ${ratio.toFixed(2)}\n`);
  cnnRows.push({
    id: c.id,
    title: c.title,
    input: c.input(cs),
    peer: peer.versions ? `${c.peer}, ${peer.versions}` : c.peer,
    oursMs: ours.median,
    peerMs: peer.median,
    ratio,
    meetsTarget: ratio >= TARGET_RATIO,
    oursRuns: ours.ms,
    peerRuns: peer.ms,
    oursMaxRssMB: ours.maxRssMB,
    peerMaxRssMB: peer.maxRssMB,
    agreement: c.comparable ? agreement(readF64(oursFile), readF64(peerFile)) : null,
  });
}

// Streaming peak memory: loader → one frame-parallel node in a fresh process per case and source.
const memoryRows = [];
const memSide = memorySide(!!values.quick);
const series = join(TMP, `series-${MEMORY_FRAMES}x${memSide}.tif`);
if (memoryCases.length) writeMemorySeries(series, MEMORY_FRAMES, memSide);
for (const c of memoryCases) {
  for (const source of ['disk', 'memory'] as const) {
    process.stderr.write(`${c.id} (${source}): `);
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(HERE, 'memoryCase.ts'), c.id, source, series], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (r.status !== 0) throw new Error(`${c.id} (${source}) failed (exit ${r.status}): ${r.stderr || r.stdout}`);
    const m = JSON.parse(r.stdout.trim().split('\n').pop()!) as { inputMB: number; startMB: number; loadedMB: number; peakLoadMB: number; peakMB: number; ms: number; lanes: number };
    // The node's own peak: what the process grew to while the node ran, over what it held with its input loaded.
    const nodeRatio = (m.peakMB - m.loadedMB) / m.inputMB;
    const totalRatio = (m.peakMB - m.startMB) / m.inputMB;
    process.stderr.write(`node peak ${nodeRatio.toFixed(2)}× input, process ${totalRatio.toFixed(2)}×\n`);
    memoryRows.push({ id: c.id, title: c.title, source, ...m, nodeRatio, totalRatio, meetsTarget: nodeRatio < 2 });
  }
}

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  peers: peerVersions,
};
const results = { date: new Date().toISOString(), sizes, machine, targetRatio: TARGET_RATIO, threads: 'one thread on both sides', rows, poolRows, cnnRows, memoryRows };
writeFileSync(join(OUT, 'results.json'), JSON.stringify(results, null, 2) + '\n');

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const md = [
  `# Benchmark: OperandoFlow kernels against the field's tools`,
  '',
  `Run ${results.date} on ${machine.cpu} (${machine.cores} cores, ${machine.memoryGB} GiB), Node ${machine.node}; peers: ${machine.peers}.`,
  `Inputs: the real NMC nano-CT slice of the CT example mirror-tiled to ${sizes.image}², and a ${sizes.volume}³ volume of shifted windows of it (bench/inputs.ts, bench/peer_inputs.py).`,
  `Both sides single-threaded, each case in a fresh process; median of up to 5 runs after a warm-up (a single run when it takes ≥ 5 s).`,
  `Ratio = peer time / our time (≥ 1: we are faster; target ≥ ${TARGET_RATIO}); CPU ratio = the same on CPU time (process user + system), which a loaded machine distorts less. Agreement = max |ours − peer| / max |peer|.`,
  '',
  'JS heap = V8 heap / typed-array memory of our process, sampled after each run (peaks inside a run show in peak RSS only).',
  '',
  '| case | input | ours | peer | peer time | ratio | target | CPU ratio | peak RSS ours / peer | JS heap / arrays | agreement |',
  '| --- | --- | ---: | --- | ---: | ---: | :---: | ---: | ---: | ---: | ---: |',
  ...rows.map(
    (r) =>
      `| ${r.id}: ${r.title} | ${r.input} | ${fmt(r.oursMs)} | ${r.peer} | ${fmt(r.peerMs)} | ${r.ratio.toFixed(2)} | ${r.meetsTarget ? 'met' : '**missed**'} | ${r.cpuRatio.toFixed(2)} | ${r.oursMaxRssMB.toFixed(0)} / ${r.peerMaxRssMB.toFixed(0)} MB | ${(r.oursHeapMB ?? 0).toFixed(0)} / ${(r.oursArrayBuffersMB ?? 0).toFixed(0)} MB | ${r.agreement.toExponential(1)} |`,
  ),
  '',
  ...(poolRows.length
    ? [
        `## Our frame pool against our one thread`,
        '',
        `Frames split over worker_threads (the cores less one) plus the calling thread, pixels in SharedArrayBuffers; the same kernel per frame as the one-thread path (src/workers/pool).`,
        '',
        `CPU time one / pool: the process's CPU time (all threads) per run; equal means the pool adds no work, so on a machine with free cores the speed-up approaches the lane count.`,
        '',
        '| case | lanes | one thread | pool | speed-up | CPU time one / pool | peak RSS one / pool | bit-identical |',
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: | :---: |',
        ...poolRows.map(
          (r) =>
            `| ${r.id}: ${r.title} | ${r.lanes} | ${fmt(r.oneThreadMs)} | ${fmt(r.poolMs)} | ${r.speedup.toFixed(2)}× | ${fmt(r.oneThreadCpuMs ?? NaN)} / ${fmt(r.poolCpuMs ?? NaN)} | ${r.oneThreadMaxRssMB.toFixed(0)} / ${r.poolMaxRssMB.toFixed(0)} MB | ${r.bitIdentical ? 'yes' : '**no**'} |`,
        ),
        '',
      ]
    : []),
  ...(cnnRows.length
    ? [
        `## CNN: our in-browser runtimes against native runtimes`,
        '',
        `Ours: onnxruntime-web on WebAssembly, our ONNX→TF.js executor on TF.js WebAssembly (XNNPACK; the studio's CPU path for segment.cnn; the -tfjs rows) and TF.js on WebAssembly (segment.train-cnn), one thread; peers one thread too. Agreement: inference outputs (class probabilities); a training step starts from different random weights, so only its time compares.`,
        '',
        '| case | input | ours | peer | peer time | ratio | target | peak RSS ours / peer | agreement |',
        '| --- | --- | ---: | --- | ---: | ---: | :---: | ---: | ---: |',
        ...cnnRows.map(
          (r) =>
            `| ${r.id}: ${r.title} | ${r.input} | ${fmt(r.oursMs)} | ${r.peer} | ${fmt(r.peerMs)} | ${r.ratio.toFixed(2)} | ${r.meetsTarget ? 'met' : '**missed**'} | ${r.oursMaxRssMB.toFixed(0)} / ${r.peerMaxRssMB.toFixed(0)} MB | ${r.agreement === null ? '—' : r.agreement.toExponential(1)} |`,
        ),
        '',
      ]
    : []),
  ...(memoryRows.length
    ? [
        `## Streaming peak memory`,
        '',
        `io.load-image of a ${MEMORY_FRAMES}-frame ${memSide}² float32 TIFF series (${(memoryRows[0].inputMB).toFixed(0)} MiB) → the node, in the CLI's Engine with its frame pool (${memoryRows[0].lanes} lanes), one fresh process per row; the input read lazily from the file on disk, or from the file's bytes held in memory (as the studio holds a dropped file). ` +
          `Node peak = (peak RSS − RSS with the input loaded) / input bytes: the node's output (1× for a float32 result) plus its scratch; target < 2×. Process = (peak RSS − RSS after start-up) / input: input, output and scratch together (the file's bytes, when held in memory, are read before start-up is measured).`,
        '',
        '| case | input from | RSS start / loaded / peak | node peak | target | process | node time |',
        '| --- | --- | ---: | ---: | :---: | ---: | ---: |',
        ...memoryRows.map(
          (r) =>
            `| ${r.id}: ${r.title} | ${r.source} | ${r.startMB.toFixed(0)} / ${r.loadedMB.toFixed(0)} / ${r.peakMB.toFixed(0)} MB | ${r.nodeRatio.toFixed(2)}× | ${r.meetsTarget ? 'met' : '**missed**'} | ${r.totalRatio.toFixed(2)}× | ${fmt(r.ms)} |`,
        ),
        '',
      ]
    : []),
  'Rows for NSST and recurrent networks are added as those nodes land; a GPU section (bench/gpu-results.md) when a GPU machine is lent.',
  '',
];
writeFileSync(join(OUT, 'results.md'), md.join('\n'));
console.log(md.join('\n'));
