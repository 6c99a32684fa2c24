/**
 * Thin wrapper over Node's built-in `util.parseArgs` that turns its exceptions into usage errors
 * naming the option, so `operando-flow` needs no CLI library.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './errors';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
}

export function parseCommandArgs(command: string, argv: string[], options: Options): ParsedArgs {
  try {
    const { positionals, values } = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { positionals, values: values as ParsedArgs['values'] };
  } catch (e) {
    // parseArgs messages are already specific ("Unknown option '--x'"); add the command and help hint.
    const msg = e instanceof Error ? e.message : String(e);
    throw new CliError(`${command}: ${msg}. See "operando-flow ${command} --help".`, 2);
  }
}
