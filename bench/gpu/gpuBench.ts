/**
 * The GPU bench's command line (bundled by scripts/device/pack-gpubench.sh into one .mjs):
 *
 *   gpubench.mjs run [--smoke] [--out ours.json] [--samples DIR] [--slice 100.tif] [--dawn dawn.node]
 *                    [--dawn-flag F]… [--cases id,id] [--no-cpu]
 *   gpubench.mjs report --ours ours.json [--peer peer.json] --md FILE --json FILE [--command TEXT]
 *
 * See bench/gpu/README.md.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { SLICE } from '../inputs';
import { FULL_SIZES, SMOKE_SIZES } from './gpuCases';
import { findDawnAddon, loadDawn } from './loadDawn';
import { runGpuBench, type GpuBenchReport } from './gpuRun';
import { CNN_NOTE, renderMarkdown, type MergedReport, type PeerReport } from './gpuReport';

const USAGE = 'usage: gpubench.mjs run [--smoke] [--out FILE] [--samples DIR] … | report --ours FILE [--peer FILE] --md FILE --json FILE [--command TEXT]';

/** Without --slice: the repo's copy (bench/inputs.ts), which a bundle outside the repo cannot see. */
function checkedSlice(): undefined {
  if (!existsSync(SLICE)) throw new Error(`the bench slice is not at ${SLICE}; pass --slice PATH (public/examples/data/segmentpy-nmc/100.tif)`);
  return undefined;
}

function readJson<T>(path: string, what: string): T {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`${what}: cannot read ${path} (${e instanceof Error ? e.message : e})`);
  }
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new Error(`${what}: ${path} is not JSON (${e instanceof Error ? e.message : e})`);
  }
}

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      smoke: { type: 'boolean', default: false },
      out: { type: 'string', default: '/tmp/gpubench/ours.json' },
      samples: { type: 'string', default: '/tmp/gpubench/samples' },
      slice: { type: 'string' },
      dawn: { type: 'string' },
      'dawn-flag': { type: 'string', multiple: true, default: [] },
      cases: { type: 'string' },
      'no-cpu': { type: 'boolean', default: false },
    },
  });
  const addon = findDawnAddon(values.dawn);
  const flags = values['dawn-flag'] ?? [];
  const log = (s: string) => console.log(`[gpubench] ${s}`);
  log(`dawn addon ${addon}`);
  const report = await runGpuBench({
    gpu: loadDawn(addon, flags),
    sizes: values.smoke ? SMOKE_SIZES : FULL_SIZES,
    smoke: values.smoke ?? false,
    dawnFlags: flags,
    samplesDir: values.samples as string,
    slicePath: values.slice ?? checkedSlice(),
    only: values.cases?.split(',').map((s) => s.trim()).filter((s) => s),
    cpu: !values['no-cpu'],
    log,
  });
  write(values.out as string, JSON.stringify(report, null, 1));
  log(`wrote ${values.out}`);
  const failed = report.cases.filter((c) => c.error || (c.agreement !== null && !(c.agreement <= c.tolerance)));
  if (failed.length) {
    log(`cases failed or disagreed with the CPU backend beyond their tolerance: ${failed.map((c) => c.id).join(', ')}`);
    process.exitCode = 2;
  }
}

function report(args: string[]): void {
  const { values } = parseArgs({
    args,
    options: {
      ours: { type: 'string' },
      peer: { type: 'string' },
      md: { type: 'string' },
      json: { type: 'string' },
      command: { type: 'string', default: '(not given)' },
    },
  });
  if (!values.ours || !values.md || !values.json) throw new Error(`report needs --ours, --md and --json\n${USAGE}`);
  const ours = readJson<GpuBenchReport>(values.ours, 'report --ours');
  if (ours.kind !== 'operando-flow gpu bench') throw new Error(`report --ours: ${values.ours} has kind ${JSON.stringify(ours.kind)}, expected 'operando-flow gpu bench'`);
  let peer: PeerReport | null = null;
  if (values.peer && existsSync(values.peer)) {
    peer = readJson<PeerReport>(values.peer, 'report --peer');
    if (peer.kind !== 'operando-flow gpu bench peer') throw new Error(`report --peer: ${values.peer} has kind ${JSON.stringify(peer.kind)}, expected 'operando-flow gpu bench peer'`);
  } else if (values.peer) {
    console.warn(`[gpubench] report: no peer results at ${values.peer}; the PyTorch columns stay empty`);
  }
  const merged: MergedReport = { command: values.command as string, ours, peer, cnnNote: CNN_NOTE };
  write(values.json, JSON.stringify(merged, null, 1));
  write(values.md, renderMarkdown(merged));
  console.log(`[gpubench] wrote ${values.md} and ${values.json}`);
}

async function main(argv: string[]): Promise<void> {
  const [cmd, ...rest] = argv;
  if (cmd === 'run') return run(rest);
  if (cmd === 'report') return report(rest);
  throw new Error(USAGE);
}

// Exit explicitly: Dawn's device threads can keep the event loop alive after the work is done.
main(process.argv.slice(2)).then(
  () => process.exit(process.exitCode ?? 0),
  (e: unknown) => {
    console.error(`[gpubench] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
