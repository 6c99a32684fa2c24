/**
 * `operando-flow run workflow.json`: the studio's engine, in-process. Parses and checks the file,
 * applies `--set` overrides, runs every node (progress on stderr), then writes each output node's
 * result, the workflow that ran and its provenance into `--out`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from '../runtime/engine';
import { nodeFileProvider } from '../runtime/files/nodeFileProvider';
import type { NodeRegistry } from '../runtime/registryTypes';
import { parseWorkflow } from '../runtime/workflow/parseWorkflow';
import { parseCommandArgs } from './args';
import { applySets } from './applySets';
import { CliError, EXIT_OK, type CliIO } from './errors';
import { formatIssues } from './formatIssues';
import { progressPrinter } from './progressPrinter';
import { readWorkflowFile } from './readWorkflowFile';
import { writeOutputs } from './writeOutputs';
import { findBatchInput, listBatchFiles, withBatchFile } from './batchInputs';
import { parseShard, shardItems } from './shard';
import type { WorkflowDocument } from '../runtime/workflow/types';

/** Data bundled with the app, so the examples run from a checkout with no `--data`. */
export const EXAMPLES_DATA_DIR = fileURLToPath(new URL('../../public/examples/data/', import.meta.url));

export const runHelp = `Usage: operando-flow run <workflow.json> [--set nodeId.param=value …] [--out dir] [--data dir …]
       operando-flow run <workflow.json> --batch <folder> [--input nodeId] [--shard i/n] [--out dir] …

Runs a workflow headless with the same engine as the studio and writes the results of its
output nodes (view and export nodes) into the output folder:
  export nodes   the files they emit (CSV, TIFF, PNG), under their own names
  view.plot      <node>.csv (x column, one column per spectrum/frame)
  view.table     <node>.csv
  view.image     <node>.tif (full resolution, original values) and <node>.png (8-bit display)
  view.overlay   <node>.png (labels over the image) and <node>-labels.tif (class indices)
plus workflow.json (exactly what ran, after --set) and provenance.json (per output: source
files with sha256, and the chain of nodes and parameters that produced it).

Data files named in the workflow are looked up in the workflow's folder, then in each --data
folder, then in the app's bundled examples (public/examples/data).

Options:
  --set nodeId.param=value  override a parameter for this run (repeatable); the value is read as
                            JSON (7, 0.5, true, "text", null) or else as plain text
  --out <dir>               output folder (default ./out; created if needed)
  --data <dir>              extra folder to find data files in (repeatable)
  --batch <folder>          run the workflow once per data file of the folder (files the input node
                            accepts, sorted by name); results go to <out>/<file name>/, and a
                            manifest <out>/batch.json lists every file with its status
  --input <nodeId>          the loader node that takes each batch file (default: the only node
                            with a file parameter)
  --shard i/n               run only shard i of n (0 ≤ i < n) of the batch: files i, i+n, i+2n, …
                            of the sorted list, so n processes (a SLURM job array, a Kubernetes
                            Indexed Job) together cover every file exactly once; the manifest is
                            <out>/batch-i-of-n.json
  -q, --quiet               no progress lines
  -h, --help                show this help

Exit status: 0 success, 1 workflow problem or a node failed (its message is printed), 2 bad usage.

Examples:
  operando-flow run public/examples/xanes-operando.json --set smooth.window=11 --out results
  operando-flow run public/examples/ct-segmentation.json --batch ~/ct/slices --shard 0/4 --out results
`;

/** Output folder per batch file: its name without extension, or whole where two files share a stem. */
function batchOutNames(files: readonly string[]): Map<string, string> {
  const stem = (f: string) => basename(f, extname(f));
  const counts = new Map<string, number>();
  for (const f of files) counts.set(stem(f), (counts.get(stem(f)) ?? 0) + 1);
  return new Map(files.map((f) => [f, counts.get(stem(f)) === 1 ? stem(f) : f]));
}

export async function runCommand(argv: string[], registry: NodeRegistry, io: CliIO): Promise<number> {
  const { positionals, values } = parseCommandArgs('run', argv, {
    set: { type: 'string', multiple: true },
    out: { type: 'string' },
    data: { type: 'string', multiple: true },
    batch: { type: 'string' },
    input: { type: 'string' },
    shard: { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
  });
  if (values.help) {
    io.out(runHelp);
    return EXIT_OK;
  }
  if (positionals.length !== 1)
    throw new CliError(`run: expected one workflow file, got ${positionals.length}. See "operando-flow run --help".`, 2);
  const batchDir = values.batch as string | undefined;
  if (batchDir === undefined && (values.shard !== undefined || values.input !== undefined))
    throw new CliError(`run: --shard and --input go with --batch <folder>. See "operando-flow run --help".`, 2);
  const shard = values.shard !== undefined ? parseShard(values.shard as string) : null;
  const file = positionals[0];
  const sets = (values.set as string[] | undefined) ?? [];
  const dataDirs = (values.data as string[] | undefined) ?? [];
  const outDir = resolve((values.out as string | undefined) ?? 'out');

  const read = await readWorkflowFile(file, registry);
  if (!read.doc) {
    for (const line of formatIssues(read.issues, null)) io.err(`${file}: ${line}`);
    throw new CliError(`${file}: not a workflow that can be opened`, 1);
  }
  // Checked after --set, so an override may fix a bad value stored in the file.
  const { doc, issues } = sets.length ? parseWorkflow(applySets(read.doc, sets, registry), registry) : read;
  for (const line of formatIssues(issues, doc)) io.err(`${file}: ${line}`);
  if (!doc || issues.some((i) => i.severity === 'error'))
    throw new CliError(`${file}: not run, fix the errors above (see also "operando-flow validate")`, 1);

  const searchDirs = [...(batchDir !== undefined ? [batchDir] : []), dirname(resolve(file)), ...dataDirs, EXAMPLES_DATA_DIR];
  const files = nodeFileProvider(searchDirs);
  // One engine for the whole batch: nodes that do not depend on the batch file run once.
  const engine = new Engine(registry, { files });
  const typeOf = (id: string) => doc.nodes.find((n) => n.id === id)?.type ?? '?';
  const onEvent = values.quiet ? () => {} : progressPrinter(typeOf, io.err);

  // Ctrl-C cancels the run cleanly (nodes see their AbortSignal) instead of killing mid-write.
  let cancelled = false;
  const onSigint = () => {
    io.err('cancelling…');
    cancelled = true;
    void engine.cancel();
  };
  process.once('SIGINT', onSigint);
  const started = performance.now();
  try {
    /** Runs one document and writes its outputs; the error message when it failed. */
    const runOne = async (d: WorkflowDocument, dir: string): Promise<string | null> => {
      const summary = await engine.run(d, {}, onEvent);
      for (const line of formatIssues(summary.issues, d)) io.err(`${file}: ${line}`);
      if (summary.cancelled) throw new CliError('run cancelled', 1);
      if (!summary.ok) {
        const msgs = summary.failed.map((f) => `node ${f.nodeId} (${typeOf(f.nodeId)}): ${f.message}`);
        return msgs.length ? msgs.join('\n') : `${file}: the workflow did not run (see the problems above)`;
      }
      const written = await writeOutputs({ doc: d, registry, engine, summary, outDir: dir, workflowFile: file, dataDirs: files.dirs });
      for (const w of written) io.out(w);
      io.err(`ran ${summary.executed.length} node(s), ${summary.cached.length} cached`);
      return null;
    };

    if (batchDir === undefined) {
      const failure = await runOne(doc, outDir);
      if (failure) throw new CliError(failure, 1);
      io.err(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      return EXIT_OK;
    }

    const input = findBatchInput(doc, registry, values.input as string | undefined);
    const all = await listBatchFiles(resolve(batchDir), input.accept);
    const mine = shard ? shardItems(all, shard) : all;
    const outNames = batchOutNames(all);
    const results: { file: string; out: string; ok: boolean; error?: string }[] = [];
    for (const [k, name] of mine.entries()) {
      if (cancelled) break;
      io.err(`[batch ${k + 1}/${mine.length}${shard ? ` · shard ${shard.index}/${shard.count}` : ''}] ${name} → ${input.node.id}.${input.param}`);
      const out = join(outDir, outNames.get(name) ?? name);
      const failure = await runOne(withBatchFile(doc, input, name), out);
      if (failure) io.err(`${name}: ${failure}`);
      results.push({ file: name, out: relative(outDir, out), ok: failure === null, ...(failure ? { error: failure } : {}) });
    }
    const manifest = join(outDir, shard ? `batch-${shard.index}-of-${shard.count}.json` : 'batch.json');
    await mkdir(outDir, { recursive: true });
    await writeFile(
      manifest,
      JSON.stringify({ workflow: file, folder: batchDir, input: `${input.node.id}.${input.param}`, shard, totalFiles: all.length, results }, null, 2) + '\n',
    );
    io.out(manifest);
    const failed = results.filter((r) => !r.ok).length;
    io.err(`batch: ${results.length - failed} of ${mine.length} file(s) done, ${failed} failed, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    if (failed > 0) throw new CliError(`batch: ${failed} file(s) failed (listed in ${manifest})`, 1);
    return EXIT_OK;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
