import { describe, expect, it } from 'vitest';
import { connectionToEdge, docToFlow } from '../flowConversion';
import { KIND_COLORS } from '../kindColors';
import { chain, testRegistry } from './testRegistry';

const view = {
  registry: testRegistry,
  runStates: {},
  selectedNodes: new Set<string>(['n2']),
  selectedEdges: new Set<string>(['e2']),
};

describe('docToFlow', () => {
  it('derives one flow node per doc node with its definition, ports and selection', () => {
    const { nodes, edges } = docToFlow(chain(), view);
    expect(nodes.map((n) => [n.id, n.type, n.selected])).toEqual([
      ['n1', 'operando', false],
      ['n2', 'operando', true],
      ['n3', 'operando', false],
    ]);
    expect(nodes[1].data.def?.type).toBe('clean.smooth');
    expect(nodes[1].data.inputs.map((p) => p.name)).toEqual(['spectra']);
    expect(nodes[1].data.run.status).toBe('idle');
    expect(nodes[1].position).toEqual({ x: 200, y: 0 });
    expect(edges[0]).toMatchObject({ id: 'e1', source: 'n1', sourceHandle: 'spectra', target: 'n2', targetHandle: 'spectra' });
    expect(edges[0].style?.stroke).toBe(KIND_COLORS.spectra);
    expect(edges[1].selected).toBe(true);
  });

  it('uses drag positions, measured sizes and run states when given', () => {
    const { nodes } = docToFlow(chain(), {
      ...view,
      dragPositions: { n1: { x: 9, y: 8 } },
      measured: new Map([['n1', { width: 180, height: 90 }]]),
      runStates: { n1: { status: 'done', ms: 3 } },
    });
    expect(nodes[0].position).toEqual({ x: 9, y: 8 });
    expect(nodes[0].measured).toEqual({ width: 180, height: 90 });
    expect(nodes[0].data.run).toEqual({ status: 'done', ms: 3 });
  });

  it('keeps an unknown node with ports inferred from its edges', () => {
    const d = chain();
    d.nodes[1] = { ...d.nodes[1], type: 'clean.future-thing' };
    const { nodes, edges } = docToFlow(d, view);
    expect(nodes[1].data.def).toBeUndefined();
    expect(nodes[1].data.inputs.map((p) => p.name)).toEqual(['spectra']);
    expect(nodes[1].data.outputs.map((p) => p.name)).toEqual(['spectra']);
    expect(nodes[1].data.node.params).toEqual({ window: 5, sigma: 1 });
    expect(edges).toHaveLength(2);
  });
});

describe('connectionToEdge', () => {
  it('maps handles to ports and rejects incomplete connections', () => {
    expect(connectionToEdge({ source: 'a', sourceHandle: 'o', target: 'b', targetHandle: 'i' })).toEqual({
      source: 'a',
      sourcePort: 'o',
      target: 'b',
      targetPort: 'i',
    });
    expect(connectionToEdge({ source: 'a', sourceHandle: null, target: 'b', targetHandle: 'i' })).toBeNull();
  });
});

describe('edge colours', () => {
  it('a multi-kind output is coloured by the kind it produced in the last run, neutral before', async () => {
    const { producedKind } = await import('../flowConversion');
    const d = chain();
    // n2 is clean.smooth whose output declares one kind; give the load node a two-kind output instead.
    const reg = {
      get: (t: string) => {
        const def = testRegistry.get(t);
        return def && t === 'io.load-spectra'
          ? { ...def, outputs: [{ name: 'spectra', label: 'S', kinds: ['spectrum', 'spectra'] as ('spectrum' | 'spectra')[] }] }
          : def;
      },
      all: () => testRegistry.all(),
    };
    const before = docToFlow(d, { ...view, registry: reg });
    expect(before.edges[0].style?.stroke).toBe('#98a2ad');
    const after = docToFlow(d, {
      ...view,
      registry: reg,
      runStates: { n1: { status: 'done', outputs: { spectra: 'spectrum 300 pts' } } },
    });
    expect(after.edges[0].style?.stroke).toBe(KIND_COLORS.spectrum);
    expect(producedKind('image 2×2 f32')).toBe('image');
    expect(producedKind('whatever')).toBeUndefined();
    expect(producedKind(undefined)).toBeUndefined();
  });
});
