import type { WorkflowDocument } from '../workflow/types';

/**
 * Every cycle of the graph, one per strongly connected component (Tarjan), each as a closed path
 * of node ids `[a, b, c, a]` that follows edges. A self-loop is `[a, a]`. Edges to missing nodes
 * are ignored. Components are listed in document order of their first node.
 */
export function findCycles(doc: Pick<WorkflowDocument, 'nodes' | 'edges'>): string[][] {
  const ids = [...new Set(doc.nodes.map((n) => n.id))];
  const known = new Set(ids);
  const succ = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of doc.edges) {
    if (known.has(e.source) && known.has(e.target)) succ.get(e.source)!.push(e.target);
  }

  // Tarjan's algorithm, iterative so that long chains cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: { v: string; i: number }[] = [{ v: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const top = work[work.length - 1];
      const out = succ.get(top.v)!;
      if (top.i < out.length) {
        const w = out[top.i++];
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ v: w, i: 0 });
        } else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].v;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.v)!));
      }
      if (low.get(top.v) === index.get(top.v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== top.v);
        if (comp.length > 1 || succ.get(top.v)!.includes(top.v)) components.push(comp);
      }
    }
  }

  const order = new Map(ids.map((id, i) => [id, i]));
  return components
    .map((comp) => cyclePath(comp, succ, order))
    .sort((a, b) => order.get(a[0])! - order.get(b[0])!);
}

/** A closed path inside one component, starting at its first node in document order. */
function cyclePath(comp: string[], succ: Map<string, string[]>, order: Map<string, number>): string[] {
  const inComp = new Set(comp);
  const start = comp.reduce((a, b) => (order.get(a)! <= order.get(b)! ? a : b));
  // Breadth-first from start back to start gives a shortest cycle through it.
  const prev = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of succ.get(v)!) {
      if (!inComp.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let x = v; x !== start; x = prev.get(x)!) path.push(x);
        path.push(start);
        // path is start, …reversed…, start: put the middle in edge order.
        return [start, ...path.slice(1, -1).reverse(), start];
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}
