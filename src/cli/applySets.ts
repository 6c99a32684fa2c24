/**
 * `--set nodeId.param=value`: overrides one parameter of a workflow for this run. The value is read
 * as JSON (`3`, `true`, `null`, `"text"`, `[…]`) and falls back to plain text; for file parameters a
 * comma-separated list of names is accepted. Unknown nodes, unknown parameters and values outside
 * the schema are usage errors (exit 2), found before anything runs.
 */
import { checkParam } from '../runtime/params';
import type { NodeRegistry } from '../runtime/registryTypes';
import type { WorkflowDocument } from '../runtime/workflow/types';
import { CliError } from './errors';

export interface ParamSet {
  nodeId: string;
  param: string;
  value: unknown;
}

export function parseSet(text: string): Omit<ParamSet, 'value'> & { raw: string } {
  const eq = text.indexOf('=');
  const key = eq < 0 ? text : text.slice(0, eq);
  // Parameter names have no dots, node ids might: split at the last dot of the key.
  const dot = key.lastIndexOf('.');
  if (eq < 0 || dot <= 0 || dot === key.length - 1)
    throw new CliError(`--set ${text}: expected nodeId.param=value (e.g. --set n2.window=7)`, 2);
  return { nodeId: key.slice(0, dot), param: key.slice(dot + 1), raw: text.slice(eq + 1) };
}

function parseValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** Returns a copy of `doc` with the overrides applied; throws `CliError` (exit 2) on the first bad one. */
export function applySets(doc: WorkflowDocument, sets: readonly string[], registry: NodeRegistry): WorkflowDocument {
  const out: WorkflowDocument = { ...doc, nodes: doc.nodes.map((n) => ({ ...n, params: { ...n.params } })) };
  for (const text of sets) {
    const { nodeId, param, raw } = parseSet(text);
    const node = out.nodes.find((n) => n.id === nodeId);
    if (!node)
      throw new CliError(`--set ${text}: no node "${nodeId}" in the workflow (nodes: ${out.nodes.map((n) => n.id).join(', ')})`, 2);
    const def = registry.get(node.type);
    if (!def) throw new CliError(`--set ${text}: node ${nodeId} has unknown type "${node.type}"`, 2);
    const spec = def.params[param];
    if (!spec)
      throw new CliError(
        `--set ${text}: node ${nodeId} (${node.type}) has no parameter "${param}" (parameters: ${Object.keys(def.params).join(', ') || 'none'})`,
        2,
      );
    let value = parseValue(raw);
    if (spec.type === 'files' && typeof value === 'string')
      value = value.split(',').filter((s) => s !== '').map((name) => ({ name }));
    // An enum or string option that looks like a number ("3") stays text.
    if ((spec.type === 'string' || spec.type === 'enum') && typeof value !== 'string') value = raw;
    const problem = checkParam(param, spec, value);
    if (problem) throw new CliError(`--set ${text}: node ${nodeId} (${node.type}) ${problem}`, 2);
    node.params[param] = value;
  }
  return out;
}
