import type { WorkflowDocument } from '../workflow/types';
import { findCycles } from './findCycles';

/** Thrown by topologicalOrder; `cycle` is a closed path of node ids `[a, b, a]`. */
export class GraphCycleError extends Error {
  constructor(readonly cycle: string[]) {
    super(`the workflow has a cycle: ${cycle.join(' → ')}; remove one of its edges`);
    this.name = 'GraphCycleError';
  }
}

/**
 * Node ids so that every edge goes from an earlier to a later node; among nodes that are ready at
 * the same time, document order is kept (so runs and logs are reproducible). Edges to missing
 * nodes are ignored; a duplicated id appears once. Throws GraphCycleError naming the cycle.
 */
export function topologicalOrder(doc: Pick<WorkflowDocument, 'nodes' | 'edges'>): string[] {
  const ids = [...new Set(doc.nodes.map((n) => n.id))];
  const pos = new Map(ids.map((id, i) => [id, i]));
  const indegree = new Array<number>(ids.length).fill(0);
  const succ: number[][] = ids.map(() => []);
  for (const e of doc.edges) {
    const s = pos.get(e.source);
    const t = pos.get(e.target);
    if (s === undefined || t === undefined) continue;
    succ[s].push(t);
    indegree[t]++;
  }
  // Ready set kept sorted by document position (a binary heap would do for huge graphs).
  const ready = ids.map((_, i) => i).filter((i) => indegree[i] === 0);
  const order: string[] = [];
  while (ready.length) {
    const i = ready.shift()!;
    order.push(ids[i]);
    for (const t of succ[i]) {
      if (--indegree[t] === 0) {
        let k = ready.length;
        while (k > 0 && ready[k - 1] > t) k--;
        ready.splice(k, 0, t);
      }
    }
  }
  if (order.length < ids.length) {
    const cycles = findCycles(doc);
    throw new GraphCycleError(cycles[0] ?? ids.filter((id) => !order.includes(id)));
  }
  return order;
}
