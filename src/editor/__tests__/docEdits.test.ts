import { describe, expect, it } from 'vitest';
import { addNode, connect, moveNodes, nextId, referencedFiles, removeElements, setLabel, setParam } from '../docEdits';
import { chain, doc, testRegistry } from './testRegistry';

describe('docEdits', () => {
  it('nextId takes one past the largest numeric suffix and never reuses ids', () => {
    expect(nextId('n', [])).toBe('n1');
    expect(nextId('n', ['n1', 'n7', 'x9', 'nfoo'])).toBe('n8');
  });

  it('addNode uses the definition version and default params', () => {
    const { doc: d, id } = addNode(doc(), testRegistry, 'clean.smooth', { x: 10.4, y: 20.6 });
    expect(id).toBe('n1');
    expect(d.nodes[0]).toEqual({
      id: 'n1',
      type: 'clean.smooth',
      typeVersion: 1,
      params: { window: 5, sigma: 1 },
      position: { x: 10, y: 21 },
    });
  });

  it('addNode refuses an unknown type, naming it', () => {
    expect(() => addNode(doc(), testRegistry, 'x.nope', { x: 0, y: 0 })).toThrow(/x\.nope/);
  });

  it('removeElements drops edges touching removed nodes', () => {
    const d = removeElements(chain(), ['n2']);
    expect(d.nodes.map((n) => n.id)).toEqual(['n1', 'n3']);
    expect(d.edges).toEqual([]);
    expect(removeElements(chain(), [], ['e1']).edges.map((e) => e.id)).toEqual(['e2']);
  });

  it('moveNodes rounds and keeps the same doc when nothing moves', () => {
    const d0 = chain();
    expect(moveNodes(d0, { n1: { x: 0.2, y: -0.3 } })).toBe(d0);
    const d1 = moveNodes(d0, { n1: { x: 5.6, y: 7 } });
    expect(d1.nodes[0].position).toEqual({ x: 6, y: 7 });
    expect(d1.nodes[1]).toBe(d0.nodes[1]);
  });

  it('setParam changes one value without mutating the input', () => {
    const d0 = chain();
    const d1 = setParam(d0, 'n2', 'window', 9);
    expect(d1.nodes[1].params.window).toBe(9);
    expect(d0.nodes[1].params.window).toBe(5);
    expect(setParam(d1, 'n2', 'window', 9)).toBe(d1);
    expect(() => setParam(d0, 'zz', 'window', 1)).toThrow(/zz/);
  });

  it('setLabel sets and clears a label', () => {
    const d1 = setLabel(chain(), 'n1', 'Ni K-edge');
    expect(d1.nodes[0].label).toBe('Ni K-edge');
    expect('label' in setLabel(d1, 'n1', '').nodes[0]).toBe(false);
  });

  it('connect replaces the edge already on an input and ignores duplicates', () => {
    const d0 = chain();
    expect(connect(d0, { source: 'n1', sourcePort: 'spectra', target: 'n2', targetPort: 'spectra' })).toBe(d0);
    const d1 = connect(d0, { source: 'n1', sourcePort: 'spectra', target: 'n3', targetPort: 'spectra' });
    expect(d1.edges).toEqual([
      { id: 'e1', source: 'n1', sourcePort: 'spectra', target: 'n2', targetPort: 'spectra' },
      { id: 'e3', source: 'n1', sourcePort: 'spectra', target: 'n3', targetPort: 'spectra' },
    ]);
  });

  it('referencedFiles lists file names of any files-like param', () => {
    const d = chain();
    d.nodes.push({ id: 'u', type: 'x.unknown', typeVersion: 1, params: { f: [{ name: 'b.tif' }], n: 3 }, position: { x: 0, y: 0 } });
    expect(referencedFiles(d).sort()).toEqual(['a.xdi', 'b.tif']);
  });
});

describe('staleNodes', () => {
  it('a param change makes the node and its descendants stale; moves and labels do not', async () => {
    const { staleNodes } = await import('../docEdits');
    const d0 = chain();
    expect([...staleNodes(d0, setParam(d0, 'n2', 'window', 9))].sort()).toEqual(['n2', 'n3']);
    expect(staleNodes(d0, moveNodes(d0, { n1: { x: 50, y: 50 } })).size).toBe(0);
    expect(staleNodes(d0, setLabel(d0, 'n1', 'x')).size).toBe(0);
  });
  it('added and removed edges make their targets (and descendants) stale', async () => {
    const { staleNodes } = await import('../docEdits');
    const d0 = chain();
    expect([...staleNodes(d0, removeElements(d0, [], ['e1']))].sort()).toEqual(['n2', 'n3']);
    const d1 = connect(removeElements(d0, [], ['e2']), { source: 'n1', sourcePort: 'spectra', target: 'n3', targetPort: 'spectra' });
    expect([...staleNodes(d0, d1)]).toEqual(['n3']);
  });
});
