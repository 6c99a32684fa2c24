/**
 * `operando-flow run workflow.json`: the studio's engine, in-process. Parses and checks the file,
 * applies `--set` overrides, runs every node (progress on stderr), then writes each output node's
 * result, the workflow that ran and its provenance into `--out`.
 */
import { dirname, resolve } from 'node:path';
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

/** Data bundled with the app, so the examples run from a checkout with no `--data`. */
export const EXAMPLES_DATA_DIR = fileURLToPath(new URL('../../public/examples/data/', import.meta.url));

export const runHelp = `Usage: operando-flow run <workflow.json> [--set nodeId.param=value …] [--out dir] [--data dir …]

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
  -q, --quiet               no progress lines
  -h, --help                show this help

Exit status: 0 success, 1 workflow problem or a node failed (its message is printed), 2 bad usage.

Example:
  operando-flow run public/examples/xanes-operando.json --set smooth.window=11 --out results
`;

export async function runCommand(argv: string[], registry: NodeRegistry, io: CliIO): Promise<number> {
  const { positionals, values } = parseCommandArgs('run', argv, {
    set: { type: 'string', multiple: true },
    out: { type: 'string' },
    data: { type: 'string', multiple: true },
    quiet: { type: 'boolean', short: 'q' },
  });
  if (values.help) {
    io.out(runHelp);
    return EXIT_OK;
  }
  if (positionals.length !== 1)
    throw new CliError(`run: expected one workflow file, got ${positionals.length}. See "operando-flow run --help".`, 2);
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

  const files = nodeFileProvider([dirname(resolve(file)), ...dataDirs, EXAMPLES_DATA_DIR]);
  const engine = new Engine(registry, { files });
  const typeOf = (id: string) => doc.nodes.find((n) => n.id === id)?.type ?? '?';
  const onEvent = values.quiet ? () => {} : progressPrinter(typeOf, io.err);

  // Ctrl-C cancels the run cleanly (nodes see their AbortSignal) instead of killing mid-write.
  const onSigint = () => {
    io.err('cancelling…');
    void engine.cancel();
  };
  process.once('SIGINT', onSigint);
  const started = performance.now();
  let summary;
  try {
    summary = await engine.run(doc, {}, onEvent);
  } finally {
    process.off('SIGINT', onSigint);
  }

  for (const line of formatIssues(summary.issues, doc)) io.err(`${file}: ${line}`);
  if (summary.cancelled) throw new CliError('run cancelled', 1);
  if (!summary.ok) {
    const msgs = summary.failed.map((f) => `node ${f.nodeId} (${typeOf(f.nodeId)}): ${f.message}`);
    throw new CliError(msgs.length ? msgs.join('\n') : `${file}: the workflow did not run (see the problems above)`, 1);
  }

  const written = await writeOutputs({ doc, registry, engine, summary, outDir, workflowFile: file, dataDirs: files.dirs });
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  io.err(`ran ${summary.executed.length} node(s), ${summary.cached.length} cached, in ${secs} s`);
  for (const w of written) io.out(w);
  return EXIT_OK;
}

