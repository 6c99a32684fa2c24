/**
 * `run --batch <folder>`: the workflow runs once per data file of a folder. One loader node is the
 * batch input (named by `--input`, or the only node with a file parameter that accepts the files);
 * each run sets its file parameter to one file of the folder.
 */
import { readdir } from 'node:fs/promises';
import { extname } from 'node:path';
import type { FileParam, ParamSchema } from '../runtime/params';
import type { NodeRegistry } from '../runtime/registryTypes';
import type { WorkflowDocument, WorkflowNode } from '../runtime/workflow/types';
import { CliError } from './errors';

export interface BatchInput {
  node: WorkflowNode;
  param: string;
  accept: readonly string[];
}

function fileParamsOf(node: WorkflowNode, registry: NodeRegistry): [string, FileParam][] {
  const def = registry.get(node.type);
  if (!def) return [];
  return Object.entries(def.params as ParamSchema).filter((e): e is [string, FileParam] => e[1].type === 'files');
}

/** The node (and its file parameter) that receives each batch file. */
export function findBatchInput(doc: WorkflowDocument, registry: NodeRegistry, nodeId?: string): BatchInput {
  if (nodeId !== undefined) {
    const node = doc.nodes.find((n) => n.id === nodeId);
    if (!node) throw new CliError(`--input ${nodeId}: no node with that id; nodes: ${doc.nodes.map((n) => n.id).join(', ')}`, 2);
    const params = fileParamsOf(node, registry);
    if (params.length === 0) throw new CliError(`--input ${nodeId}: node ${nodeId} (${node.type}) has no file parameter to receive the batch files`, 2);
    return { node, param: params[0][0], accept: params[0][1].accept };
  }
  const candidates = doc.nodes.flatMap((node) => fileParamsOf(node, registry).map(([param, spec]) => ({ node, param, accept: spec.accept })));
  if (candidates.length === 1) return candidates[0];
  if (candidates.length === 0) throw new CliError('--batch: the workflow has no loader node with a file parameter to receive the batch files', 2);
  throw new CliError(`--batch: several nodes read files (${candidates.map((c) => c.node.id).join(', ')}); name the one that takes the batch files with --input <nodeId>`, 2);
}

/** Files of `dir` (not recursive) with one of the accepted extensions, sorted by name (numbers as numbers). */
export async function listBatchFiles(dir: string, accept: readonly string[]): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
    throw new CliError(`--batch ${dir}: cannot read the folder (${e.code ?? e.message})`, 2);
  });
  const ok = (name: string) => accept.length === 0 || accept.includes(extname(name).toLowerCase());
  const collator = new Intl.Collator('en', { numeric: true });
  const files = entries.filter((e) => e.isFile() && ok(e.name)).map((e) => e.name).sort(collator.compare);
  if (files.length === 0) throw new CliError(`--batch ${dir}: no input files there (expected extensions: ${accept.join(', ') || 'any'})`, 1);
  return files;
}

/** The workflow with the batch node reading `fileName` instead of its own files. */
export function withBatchFile(doc: WorkflowDocument, input: BatchInput, fileName: string): WorkflowDocument {
  return {
    ...doc,
    nodes: doc.nodes.map((n) => (n.id === input.node.id ? { ...n, params: { ...n.params, [input.param]: [{ name: fileName }] } } : n)),
  };
}
