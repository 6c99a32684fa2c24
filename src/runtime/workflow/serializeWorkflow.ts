/**
 * Writes a workflow document as the file users save and share: current version, 2-space JSON,
 * keys in a fixed order (known keys first in the order of the format, then any others sorted;
 * parameter names sorted), so that saving twice gives the same bytes and diffs stay small.
 */
import { UNTITLED } from './migrations';
import { WORKFLOW_FORMAT, WORKFLOW_VERSION, type WorkflowDocument } from './types';

const ROOT_KEYS = ['format', 'version', 'meta', 'nodes', 'edges'];
const META_KEYS = ['title', 'description', 'created', 'modified', 'app'];
const NODE_KEYS = ['id', 'type', 'typeVersion', 'label', 'position', 'params'];
const EDGE_KEYS = ['id', 'source', 'sourcePort', 'target', 'targetPort'];
const POSITION_KEYS = ['x', 'y'];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A copy of `obj` with `first` keys in that order, then the others sorted; `undefined` dropped. */
function ordered(obj: Record<string, unknown>, first: string[], child?: (key: string, v: unknown) => unknown) {
  const out: Record<string, unknown> = {};
  const rest = Object.keys(obj)
    .filter((k) => !first.includes(k))
    .sort();
  for (const k of [...first, ...rest]) {
    if (!(k in obj) || obj[k] === undefined) continue;
    out[k] = child ? child(k, obj[k]) : obj[k];
  }
  return out;
}

/** Object keys sorted at every depth (parameter values: file references, nested settings). */
function sortedDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedDeep);
  if (isObject(v)) return ordered(v, [], (_k, x) => sortedDeep(x));
  return v;
}

export function serializeWorkflow(doc: WorkflowDocument): string {
  const root = ordered({ ...doc, format: WORKFLOW_FORMAT, version: WORKFLOW_VERSION }, ROOT_KEYS, (k, v) => {
    switch (k) {
      case 'meta':
        return ordered(v as Record<string, unknown>, META_KEYS, (_k, x) => sortedDeep(x));
      case 'nodes':
        return (v as Record<string, unknown>[]).map((n) =>
          ordered(n, NODE_KEYS, (nk, x) =>
            nk === 'position' && isObject(x) ? ordered(x, POSITION_KEYS) : sortedDeep(x),
          ),
        );
      case 'edges':
        return (v as Record<string, unknown>[]).map((e) => ordered(e, EDGE_KEYS, (_k, x) => sortedDeep(x)));
      default:
        return sortedDeep(v);
    }
  });
  return JSON.stringify(root, null, 2) + '\n';
}

/** An empty document of the current version, created now. */
export function newWorkflow(title: string = UNTITLED): WorkflowDocument {
  return {
    format: WORKFLOW_FORMAT,
    version: WORKFLOW_VERSION,
    meta: { title, created: new Date().toISOString() },
    nodes: [],
    edges: [],
  };
}
