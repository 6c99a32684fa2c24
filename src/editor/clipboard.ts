/**
 * Copy/paste of a selection. The clipboard holds plain node/edge records (only edges whose two
 * ends are both copied); pasting gives every node a fresh id, remaps the kept edges and offsets
 * positions so the copy does not hide the original.
 */
import type { WorkflowDocument, WorkflowEdge, WorkflowNode } from '../runtime/workflow/types';
import { nextId } from './docEdits';

export interface ClipboardData {
  format: 'operando-flow.clipboard';
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
}

/** Pixels a pasted selection is shifted by, per paste. */
export const PASTE_OFFSET = 40;

export function copySelection(doc: WorkflowDocument, nodeIds: readonly string[]): ClipboardData | null {
  const ids = new Set(nodeIds);
  const nodes = doc.nodes.filter((n) => ids.has(n.id));
  if (nodes.length === 0) return null;
  const edges = doc.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  // Deep copy via JSON: params are JSON by contract, and later edits must not reach the clipboard.
  return JSON.parse(JSON.stringify({ format: 'operando-flow.clipboard', nodes, edges })) as ClipboardData;
}

/** Parses clipboard text written by `copySelection` (system clipboard); null if it is not ours. */
export function parseClipboard(text: string): ClipboardData | null {
  try {
    const v = JSON.parse(text) as Partial<ClipboardData>;
    if (v && v.format === 'operando-flow.clipboard' && Array.isArray(v.nodes) && Array.isArray(v.edges))
      return v as ClipboardData;
  } catch {
    /* not JSON: not ours */
  }
  return null;
}

/** Inserts the clipboard into `doc` with new ids; returns the doc and the ids of the pasted nodes. */
export function pasteClipboard(
  doc: WorkflowDocument,
  clip: ClipboardData,
  offset: { x: number; y: number } = { x: PASTE_OFFSET, y: PASTE_OFFSET },
): { doc: WorkflowDocument; nodeIds: string[] } {
  const nodeIdsTaken = doc.nodes.map((n) => n.id);
  const edgeIdsTaken = doc.edges.map((e) => e.id);
  const map = new Map<string, string>();
  const nodes: WorkflowNode[] = [];
  for (const n of clip.nodes) {
    const id = nextId('n', nodeIdsTaken);
    nodeIdsTaken.push(id);
    map.set(n.id, id);
    nodes.push({
      ...structuredClone(n),
      id,
      position: { x: n.position.x + offset.x, y: n.position.y + offset.y },
    });
  }
  const edges: WorkflowEdge[] = [];
  for (const e of clip.edges) {
    const source = map.get(e.source);
    const target = map.get(e.target);
    if (!source || !target) continue;
    const id = nextId('e', edgeIdsTaken);
    edgeIdsTaken.push(id);
    edges.push({ id, source, sourcePort: e.sourcePort, target, targetPort: e.targetPort });
  }
  return {
    doc: { ...doc, nodes: [...doc.nodes, ...nodes], edges: [...doc.edges, ...edges] },
    nodeIds: nodes.map((n) => n.id),
  };
}
