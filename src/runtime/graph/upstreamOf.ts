import type { WorkflowDocument } from '../workflow/types';

/**
 * The node and all its ancestors (every node whose output can reach it): what must run for
 * "run up to this node". Edges to missing nodes are followed only as far as ids go.
 */
export function upstreamOf(doc: Pick<WorkflowDocument, 'edges'>, nodeId: string): Set<string> {
  return reach(doc, nodeId, 'up');
}

/** Breadth-first walk along edges, backwards (`up`) or forwards (`down`). Shared with downstreamOf. */
export function reach(doc: Pick<WorkflowDocument, 'edges'>, start: string, dir: 'up' | 'down'): Set<string> {
  const next = new Map<string, string[]>();
  for (const e of doc.edges) {
    const [from, to] = dir === 'up' ? [e.target, e.source] : [e.source, e.target];
    const list = next.get(from);
    if (list) list.push(to);
    else next.set(from, [to]);
  }
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length) {
    for (const n of next.get(queue.pop()!) ?? []) {
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return seen;
}
