import { describe, expect, it } from 'vitest';
import { downstreamOf } from '../downstreamOf';
import { findCycles } from '../findCycles';
import { GraphCycleError, topologicalOrder } from '../topologicalOrder';
import { upstreamOf } from '../upstreamOf';
import type { WorkflowDocument } from '../../workflow/types';

type Graph = Pick<WorkflowDocument, 'nodes' | 'edges'>;
/** A graph from `a>b` pairs; nodes in the order given. */
function graph(ids: string[], pairs: string[]): Graph {
  return {
    nodes: ids.map((id) => ({ id, type: 't', typeVersion: 1, params: {}, position: { x: 0, y: 0 } })),
    edges: pairs.map((p, i) => {
      const [source, target] = p.split('>');
      return { id: `e${i}`, source, sourcePort: 'o', target, targetPort: 'i' };
    }),
  };
}

function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('topologicalOrder', () => {
  it('orders a diamond, keeping document order among ready nodes', () => {
    const g = graph(['d', 'c', 'b', 'a', 'x'], ['a>b', 'a>c', 'b>d', 'c>d']);
    // Ready first: a, x (a comes first in the file). After a: c, b (c before b in the file) before x.
    expect(topologicalOrder(g)).toEqual(['a', 'c', 'b', 'd', 'x']);
  });

  it('ignores edges to missing nodes and lists duplicated ids once', () => {
    const g = graph(['a', 'b', 'a'], ['a>b', 'ghost>b', 'b>ghost']);
    expect(topologicalOrder(g)).toEqual(['a', 'b']);
  });

  it('throws GraphCycleError naming the cycle', () => {
    const g = graph(['s', 'a', 'b', 'c', 't'], ['s>a', 'a>b', 'b>c', 'c>a', 'c>t']);
    expect(() => topologicalOrder(g)).toThrow('the workflow has a cycle: a → b → c → a; remove one of its edges');
    try {
      topologicalOrder(g);
    } catch (e) {
      expect(e).toBeInstanceOf(GraphCycleError);
      expect((e as GraphCycleError).cycle).toEqual(['a', 'b', 'c', 'a']);
    }
  });

  it('on random DAGs, every edge goes forward and every node appears once', () => {
    const rand = rng(7);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(rand() * 25);
      const rank = Array.from({ length: n }, (_, i) => i).sort(() => rand() - 0.5);
      const ids = rank.map((r) => `v${r}`);
      const pairs: string[] = [];
      for (let k = 0; k < n * 2; k++) {
        const a = Math.floor(rand() * n);
        const b = Math.floor(rand() * n);
        if (a < b) pairs.push(`v${a}>v${b}`); // edges go from lower to higher rank: acyclic
      }
      const g = graph(ids, pairs);
      const order = topologicalOrder(g);
      expect(new Set(order).size).toBe(n);
      const pos = new Map(order.map((id, i) => [id, i]));
      for (const e of g.edges) expect(pos.get(e.source)!).toBeLessThan(pos.get(e.target)!);
      expect(findCycles(g)).toEqual([]);
    }
  });
});

describe('findCycles', () => {
  it('finds each cycle once, self-loops included, as closed paths along edges', () => {
    const g = graph(['a', 'b', 'c', 'd', 'e', 'f'], ['a>b', 'b>a', 'c>d', 'd>e', 'e>c', 'f>f', 'b>c']);
    expect(findCycles(g)).toEqual([
      ['a', 'b', 'a'],
      ['c', 'd', 'e', 'c'],
      ['f', 'f'],
    ]);
  });

  it('gives a path that follows edges inside a component with several cycles', () => {
    const g = graph(['a', 'b', 'c', 'd'], ['a>b', 'b>c', 'c>a', 'c>d', 'd>b']);
    const [cycle] = findCycles(g);
    expect(cycle).toEqual(['a', 'b', 'c', 'a']);
    for (let i = 0; i + 1 < cycle.length; i++)
      expect(g.edges.some((e) => e.source === cycle[i] && e.target === cycle[i + 1])).toBe(true);
  });
});

describe('upstreamOf / downstreamOf', () => {
  const g = graph(['a', 'b', 'c', 'd', 'x'], ['a>b', 'a>c', 'b>d', 'c>d', 'x>c']);
  it('include the node itself and all ancestors / descendants', () => {
    expect(upstreamOf(g, 'd')).toEqual(new Set(['d', 'b', 'c', 'a', 'x']));
    expect(upstreamOf(g, 'b')).toEqual(new Set(['b', 'a']));
    expect(downstreamOf(g, 'a')).toEqual(new Set(['a', 'b', 'c', 'd']));
    expect(downstreamOf(g, 'x')).toEqual(new Set(['x', 'c', 'd']));
    expect(downstreamOf(g, 'd')).toEqual(new Set(['d']));
  });
  it('terminate on cycles', () => {
    const c = graph(['a', 'b'], ['a>b', 'b>a']);
    expect(upstreamOf(c, 'a')).toEqual(new Set(['a', 'b']));
    expect(downstreamOf(c, 'b')).toEqual(new Set(['a', 'b']));
  });
});
