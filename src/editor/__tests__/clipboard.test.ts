import { describe, expect, it } from 'vitest';
import { copySelection, parseClipboard, pasteClipboard } from '../clipboard';
import { chain } from './testRegistry';

describe('clipboard', () => {
  it('copies selected nodes and only the edges between them', () => {
    const clip = copySelection(chain(), ['n2', 'n3'])!;
    expect(clip.nodes.map((n) => n.id)).toEqual(['n2', 'n3']);
    expect(clip.edges.map((e) => e.id)).toEqual(['e2']);
  });

  it('returns null for an empty selection', () => {
    expect(copySelection(chain(), [])).toBeNull();
    expect(copySelection(chain(), ['nope'])).toBeNull();
  });

  it('pastes with fresh ids, remapped edges and offset positions', () => {
    const d = chain();
    const clip = copySelection(d, ['n2', 'n3'])!;
    const { doc, nodeIds } = pasteClipboard(d, clip, { x: 40, y: 30 });
    expect(nodeIds).toEqual(['n4', 'n5']);
    expect(doc.nodes).toHaveLength(5);
    const n4 = doc.nodes.find((n) => n.id === 'n4')!;
    expect(n4.position).toEqual({ x: 240, y: 30 });
    expect(n4.params).toEqual({ window: 5, sigma: 1 });
    const pasted = doc.edges.filter((e) => nodeIds.includes(e.source));
    expect(pasted).toEqual([{ id: 'e3', source: 'n4', sourcePort: 'spectra', target: 'n5', targetPort: 'spectra' }]);
    // the original is untouched
    expect(d.nodes).toHaveLength(3);
  });

  it('pasted params are independent copies', () => {
    const d = chain();
    const clip = copySelection(d, ['n1'])!;
    const { doc } = pasteClipboard(d, clip);
    const files = doc.nodes[3].params.files as { name: string }[];
    files.push({ name: 'b.xdi' });
    expect(d.nodes[0].params.files).toEqual([{ name: 'a.xdi' }]);
    expect(clip.nodes[0].params.files).toEqual([{ name: 'a.xdi' }]);
  });

  it('round-trips through clipboard text and rejects foreign text', () => {
    const clip = copySelection(chain(), ['n1', 'n2'])!;
    expect(parseClipboard(JSON.stringify(clip))).toEqual(clip);
    expect(parseClipboard('hello')).toBeNull();
    expect(parseClipboard('{"nodes": []}')).toBeNull();
  });
});
