/**
 * Reads a workflow file for the CLI: a file that cannot be read is a `CliError` naming it; JSON and
 * document problems come back as `WorkflowIssue`s from the shared parser (the one the studio uses).
 */
import { readFile } from 'node:fs/promises';
import type { NodeRegistry } from '../runtime/registryTypes';
import type { WorkflowDocument, WorkflowIssue } from '../runtime/workflow/types';
import { parseWorkflow } from '../runtime/workflow/parseWorkflow';
import { CliError } from './errors';

export interface ReadWorkflowResult {
  doc: WorkflowDocument | null;
  issues: WorkflowIssue[];
}

export async function readWorkflowFile(path: string, registry: NodeRegistry): Promise<ReadWorkflowResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, expected a .json file' : String((e as Error).message);
    throw new CliError(`${path}: cannot read workflow (${why})`, 1);
  }
  // The shared parser reports JSON syntax errors with line and column, like every other problem.
  return parseWorkflow(text, registry);
}
