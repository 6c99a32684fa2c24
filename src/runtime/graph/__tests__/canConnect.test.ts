import { describe, expect, it } from 'vitest';
import { canConnect } from '../canConnect';
import { fakeRegistry, sampleDoc } from '../../workflow/__tests__/fakeRegistry';

describe('canConnect', () => {
  const doc = sampleDoc();
  const check = (s: string, sp: string, t: string, tp: string) => canConnect(fakeRegistry, doc, s, sp, t, tp);

  it('allows matching kinds into a free input', () => {
    expect(check('n2', 'spectra', 'n5', 'image')).toMatchObject({ ok: false });
    const d = sampleDoc();
    d.edges = d.edges.filter((e) => e.id !== 'e2');
    expect(canConnect(fakeRegistry, d, 'n1', 'spectra', 'n3', 'spectra')).toEqual({ ok: true });
  });

  it('refuses a kind mismatch, naming both nodes, ports and kinds', () => {
    expect(check('n4', 'image', 'n2', 'spectra')).toEqual({
      ok: false,
      reason: 'Smooth.spectra expects spectrum|spectra; Load image.image gives image|stack',
    });
    expect(check('n5', 'labels', 'n3', 'table')).toEqual({
      ok: false,
      reason: 'Plot.table expects table; Threshold.labels gives labels',
    });
  });

  it('refuses self-loops', () => {
    const r = check('n2', 'spectra', 'n2', 'spectra');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toBe('Smooth (n2) cannot be connected to itself (that would be a cycle)');
  });

  it('refuses a second edge into a connected input, naming the existing source', () => {
    const r = check('n1', 'spectra', 'n3', 'spectra');
    expect(!r.ok && r.reason).toBe(
      'Plot.spectra is already connected (from Smooth.spectra); an input takes one value — remove that edge first',
    );
  });

  it('refuses an edge that would close a cycle', () => {
    const d = sampleDoc();
    d.nodes.push({ id: 'n6', type: 'clean.smooth', typeVersion: 2, label: 'Smooth again', params: {}, position: { x: 0, y: 0 } });
    d.edges.push({ id: 'e4', source: 'n2', sourcePort: 'spectra', target: 'n6', targetPort: 'spectra' });
    d.edges = d.edges.filter((e) => e.id !== 'e1'); // free n2's input
    const r = canConnect(fakeRegistry, d, 'n6', 'spectra', 'n2', 'spectra');
    expect(!r.ok && r.reason).toBe(
      'connecting Smooth again.spectra → Smooth.spectra would create a cycle: Smooth again (n6) already depends on Smooth (n2)',
    );
  });

  it('refuses unknown nodes, ports and node types', () => {
    expect(check('zz', 'spectra', 'n2', 'spectra')).toEqual({ ok: false, reason: 'source node "zz" does not exist' });
    expect(check('n1', 'spectra', 'zz', 'spectra')).toEqual({ ok: false, reason: 'target node "zz" does not exist' });
    expect(check('n1', 'image', 'n5', 'image')).toEqual({
      ok: false,
      reason: 'Load spectra (n1) has no output "image" (outputs: spectra)',
    });
    expect(check('n4', 'image', 'n5', 'img')).toEqual({ ok: false, reason: 'Threshold (n5) has no input "img" (inputs: image)' });
    const d = sampleDoc();
    d.nodes.push({ id: 'u1', type: 'x.unknown', typeVersion: 1, params: {}, position: { x: 0, y: 0 } });
    expect(canConnect(fakeRegistry, d, 'u1', 'out', 'n5', 'image')).toEqual({
      ok: false,
      reason: 'x.unknown (u1) has unknown type "x.unknown"; it cannot be connected',
    });
  });
});
