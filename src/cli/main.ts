/**
 * Entry of the `operando-flow` command (run from a checkout through `bin/operando-flow.mjs`, which
 * registers tsx). Dispatches to one module per command; user errors print one line, never a stack.
 */
import { defaultRegistry } from '../nodes/registry';
import type { NodeRegistry } from '../runtime/registryTypes';
import { CliError, EXIT_OK, EXIT_USAGE, processIO, type CliIO } from './errors';
import { inspectCommand } from './inspectCommand';
import { nodesCommand } from './nodesCommand';
import { runCommand } from './runCommand';
import { validateCommand } from './validateCommand';

export const mainHelp = `operando-flow — run and inspect OperandoFlow workflows from the command line

Usage:
  operando-flow run <workflow.json> [--set nodeId.param=value …] [--out dir] [--data dir …]
                   [--batch folder [--input nodeId] [--shard i/n]]
  operando-flow validate <workflow.json>
  operando-flow nodes [--json]
  operando-flow inspect <file> [<file> …]
  operando-flow <command> --help

Commands:
  run       run a workflow headless and write its outputs and provenance into a folder
  validate  check a workflow file and print every problem by node and field
  nodes     list the node types with their ports and parameters (--json: machine-readable)
  inspect   say what each data file is (loader, kind, shape, axes, metadata) or why it is refused

Examples:
  operando-flow run public/examples/ct-segmentation.json --out results
  operando-flow run my.json --set denoise.sigma=2 --data ~/beamtime/2024-05
  operando-flow nodes --json > nodes.json
`;

export async function main(argv: string[], io: CliIO = processIO, registry: NodeRegistry = defaultRegistry): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run':
        return await runCommand(rest, registry, io);
      case 'validate':
        return await validateCommand(rest, registry, io);
      case 'nodes':
        return nodesCommand(rest, registry, io);
      case 'inspect':
        return await inspectCommand(rest, io);
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.out(mainHelp);
        return command === undefined ? EXIT_USAGE : EXIT_OK;
      default:
        throw new CliError(`unknown command "${command}"; expected run, validate, nodes or inspect (see "operando-flow --help")`, 2);
    }
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`operando-flow: ${e.message}`);
      return e.exitCode;
    }
    // Anything else is a bug of ours, not the user's: keep the stack for the report.
    io.err(`operando-flow: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 3;
  }
}
