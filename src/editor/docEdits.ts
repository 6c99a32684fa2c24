/**
 * Edits of a workflow document as pure functions: each returns a new document and never mutates
 * its input, so the history can keep old snapshots and autosave can serialise any of them.
 */
import { downstreamOf } from '../runtime/graph/downstreamOf';
import { defaultParams } from '../runtime/params';
import type { NodeRegistry } from '../runtime/registryTypes';
import type { WorkflowDocument, WorkflowEdge, WorkflowNode } from '../runtime/workflow/types';

/** Next free id with a prefix: `n1`, `n2`, … (never reuses an id present in `taken`). */
export function nextId(prefix: string, taken: Iterable<string>): string {
  let max = 0;
  const set = new Set(taken);
  for (const id of set) {
    if (id.startsWith(prefix)) {
      const n = Number(id.slice(prefix.length));
      if (Number.isInteger(n) && n > max) max = n;
    }
  }
  let k = max + 1;
  while (set.has(`${prefix}${k}`)) k++;
  return `${prefix}${k}`;
}

function touch(doc: WorkflowDocument, changes: Partial<WorkflowDocument>): WorkflowDocument {
  return { ...doc, ...changes };
}

/** Adds a node of `type` with default params at `position`; returns the new doc and node id. */
export function addNode(
  doc: WorkflowDocument,
  registry: NodeRegistry,
  type: string,
  position: { x: number; y: number },
  params?: Record<string, unknown>,
): { doc: WorkflowDocument; id: string } {
  const def = registry.get(type);
  if (!def) throw new RangeError(`addNode: unknown node type "${type}"`);
  const id = nextId('n', doc.nodes.map((n) => n.id));
  const node: WorkflowNode = {
    id,
    type,
    typeVersion: def.version,
    params: { ...(defaultParams(def.params) as Record<string, unknown>), ...(params ?? {}) },
    position: { x: Math.round(position.x), y: Math.round(position.y) },
  };
  return { doc: touch(doc, { nodes: [...doc.nodes, node] }), id };
}

/** Removes nodes and edges by id, plus every edge touching a removed node. */
export function removeElements(
  doc: WorkflowDocument,
  nodeIds: readonly string[],
  edgeIds: readonly string[] = [],
): WorkflowDocument {
  if (nodeIds.length === 0 && edgeIds.length === 0) return doc;
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  return touch(doc, {
    nodes: doc.nodes.filter((n) => !nodes.has(n.id)),
    edges: doc.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target)),
  });
}

/** Moves nodes to new positions (rounded to whole pixels so saved files stay tidy). */
export function moveNodes(
  doc: WorkflowDocument,
  positions: Readonly<Record<string, { x: number; y: number }>>,
): WorkflowDocument {
  let changed = false;
  const nodes = doc.nodes.map((n) => {
    const p = positions[n.id];
    if (!p) return n;
    const x = Math.round(p.x);
    const y = Math.round(p.y);
    if (x === n.position.x && y === n.position.y) return n;
    changed = true;
    return { ...n, position: { x, y } };
  });
  return changed ? touch(doc, { nodes }) : doc;
}

/** Sets one parameter of one node. */
export function setParam(doc: WorkflowDocument, nodeId: string, name: string, value: unknown): WorkflowDocument {
  const i = doc.nodes.findIndex((n) => n.id === nodeId);
  if (i < 0) throw new RangeError(`setParam: no node "${nodeId}"`);
  const node = doc.nodes[i];
  if (Object.is(node.params[name], value)) return doc;
  const nodes = doc.nodes.slice();
  nodes[i] = { ...node, params: { ...node.params, [name]: value } };
  return touch(doc, { nodes });
}

/** Sets a node's display label (empty string removes it). */
export function setLabel(doc: WorkflowDocument, nodeId: string, label: string): WorkflowDocument {
  const nodes = doc.nodes.map((n) => {
    if (n.id !== nodeId) return n;
    const { label: _old, ...rest } = n;
    return label ? { ...rest, label } : rest;
  });
  return touch(doc, { nodes });
}

/**
 * Connects `source.sourcePort → target.targetPort`. An input takes one value, so an edge already
 * ending on that input is replaced. Returns the doc unchanged for an exact duplicate.
 */
export function connect(
  doc: WorkflowDocument,
  c: { source: string; sourcePort: string; target: string; targetPort: string },
): WorkflowDocument {
  const dup = doc.edges.some(
    (e) => e.source === c.source && e.sourcePort === c.sourcePort && e.target === c.target && e.targetPort === c.targetPort,
  );
  if (dup) return doc;
  const kept = doc.edges.filter((e) => !(e.target === c.target && e.targetPort === c.targetPort));
  const edge: WorkflowEdge = { id: nextId('e', doc.edges.map((e) => e.id)), ...c };
  return touch(doc, { edges: [...kept, edge] });
}

/** Sets the document title. */
export function setTitle(doc: WorkflowDocument, title: string): WorkflowDocument {
  return touch(doc, { meta: { ...doc.meta, title } });
}

/** File names referenced by any `files` parameter (by shape, so unknown node types count too). */
export function referencedFiles(doc: WorkflowDocument): string[] {
  const names = new Set<string>();
  for (const n of doc.nodes) {
    for (const v of Object.values(n.params)) {
      if (!Array.isArray(v)) continue;
      for (const f of v) {
        if (f && typeof f === 'object' && typeof (f as { name?: unknown }).name === 'string')
          names.add((f as { name: string }).name);
      }
    }
  }
  return [...names];
}

/**
 * Nodes whose last result no longer matches `next`: nodes whose type, version or params changed,
 * targets of added or removed edges, and everything downstream of those. Moves and labels do not
 * count (they change no result).
 */
export function staleNodes(prev: WorkflowDocument, next: WorkflowDocument): Set<string> {
  const roots = new Set<string>();
  const before = new Map(prev.nodes.map((n) => [n.id, n]));
  for (const n of next.nodes) {
    const b = before.get(n.id);
    if (!b || b === n) continue;
    if (b.type !== n.type || b.typeVersion !== n.typeVersion || JSON.stringify(b.params) !== JSON.stringify(n.params))
      roots.add(n.id);
  }
  if (prev.edges !== next.edges) {
    const key = (e: WorkflowEdge) => `${e.source}|${e.sourcePort}|${e.target}|${e.targetPort}`;
    const a = new Set(prev.edges.map(key));
    const b = new Set(next.edges.map(key));
    for (const e of next.edges) if (!a.has(key(e))) roots.add(e.target);
    for (const e of prev.edges) if (!b.has(key(e))) roots.add(e.target);
  }
  const out = new Set<string>();
  for (const r of roots) for (const id of downstreamOf(next, r)) out.add(id);
  return out;
}
