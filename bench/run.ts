/**
 * `npm run bench`: times each of our kernels and its peer (scikit-image / SciPy / NumPy, via
 * Debian's python3 packages) on the same real input in the same run, each case in a fresh process,
 * and writes bench/results.json and bench/results.md (figures, ratios, peak memory, agreement).
 *
 *   npm run bench                      full sizes: 2048² image, 256³ volume
 *   npm run bench -- --quick           512², 64³ (a smoke run)
 *   npm run bench -- --only fft-2d,otsu-2d
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CASES } from './cases';

const HERE = import.meta.dirname;
const TMP = join(HERE, 'tmp');
const PYTHON = '/usr/bin/python3';
/** Our kernels should reach at least half the peer's speed (issue 5). */
const TARGET_RATIO = 0.5;

interface Side {
  ms: number[];
  median: number;
  maxRssMB: number;
  versions?: string;
}

const { values } = parseArgs({ options: { quick: { type: 'boolean' }, only: { type: 'string' } } });
const sizes = values.quick ? { image: 512, volume: 64 } : { image: 2048, volume: 256 };
const only = values.only?.split(',');
const cases = CASES.filter((c) => !only || only.includes(c.id));
if (only && cases.length !== only.length) {
  console.error(`bench: unknown case in --only; cases: ${CASES.map((c) => c.id).join(', ')}`);
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
  const agree = agreement(readF64(oursFile), readF64(peerFile));
  process.stderr.write(`${peer.median.toFixed(0)} ms; ratio ${ratio.toFixed(2)}\n`);
  rows.push({
    id: c.id,
    title: c.title,
    input: c.input === 'image' ? `${sizes.image}² f32` : `${sizes.volume}³ f32`,
    peer: c.peer,
    oursMs: ours.median,
    peerMs: peer.median,
    ratio,
    meetsTarget: ratio >= TARGET_RATIO,
    oursRuns: ours.ms,
    peerRuns: peer.ms,
    oursMaxRssMB: ours.maxRssMB,
    peerMaxRssMB: peer.maxRssMB,
    agreement: agree,
  });
}

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  peers: peerVersions,
};
const results = { date: new Date().toISOString(), sizes, machine, targetRatio: TARGET_RATIO, threads: 'one thread on both sides', rows };
writeFileSync(join(HERE, 'results.json'), JSON.stringify(results, null, 2) + '\n');

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const md = [
  `# Benchmark: OperandoFlow kernels against the field's tools`,
  '',
  `Run ${results.date} on ${machine.cpu} (${machine.cores} cores, ${machine.memoryGB} GiB), Node ${machine.node}; peers: ${machine.peers}.`,
  `Inputs: the real NMC nano-CT slice of the CT example mirror-tiled to ${sizes.image}², and a ${sizes.volume}³ volume of shifted windows of it (bench/inputs.ts, bench/peer_inputs.py).`,
  `Both sides single-threaded, each case in a fresh process; median of up to 5 runs after a warm-up (a single run when it takes ≥ 5 s).`,
  `Ratio = peer time / our time (≥ 1: we are faster; target ≥ ${TARGET_RATIO}). Agreement = max |ours − peer| / max |peer|.`,
  '',
  '| case | input | ours | peer | peer time | ratio | target | peak RSS ours / peer | agreement |',
  '| --- | --- | ---: | --- | ---: | ---: | :---: | ---: | ---: |',
  ...rows.map(
    (r) =>
      `| ${r.id}: ${r.title} | ${r.input} | ${fmt(r.oursMs)} | ${r.peer} | ${fmt(r.peerMs)} | ${r.ratio.toFixed(2)} | ${r.meetsTarget ? 'met' : '**missed**'} | ${r.oursMaxRssMB.toFixed(0)} / ${r.peerMaxRssMB.toFixed(0)} MB | ${r.agreement.toExponential(1)} |`,
  ),
  '',
  'Rows for the CNN (ONNX inference, training step), NSST and recurrent networks are added as those nodes land.',
  '',
];
writeFileSync(join(HERE, 'results.md'), md.join('\n'));
console.log(md.join('\n'));
