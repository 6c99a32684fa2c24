import { describe, expect, it } from 'vitest';
import { checkGraph } from '../checkGraph';
import { parseWorkflow } from '../../workflow/parseWorkflow';
import { fakeRegistry, sampleDoc } from '../../workflow/__tests__/fakeRegistry';

describe('checkGraph', () => {
  it('finds nothing wrong in a valid graph', () => {
    expect(checkGraph(sampleDoc(), fakeRegistry)).toEqual([]);
  });

  it('reports a port kind mismatch on the edge, naming both ends', () => {
    const d = sampleDoc();
    d.edges[2] = { id: 'e3', source: 'n4', sourcePort: 'image', target: 'n3', targetPort: 'table' };
    d.edges.push({ id: 'e9', source: 'n1', sourcePort: 'spectra', target: 'n5', targetPort: 'image' });
    const issues = checkGraph(d, fakeRegistry);
    expect(issues).toEqual([
      { severity: 'error', edgeId: 'e3', field: 'targetPort', message: 'edge e3: Plot.table expects table; Load image.image gives image|stack' },
      {
        severity: 'error',
        edgeId: 'e9',
        field: 'targetPort',
        message: 'edge e9: Threshold.image expects image|stack; Load spectra.spectra gives spectra|spectrum',
      },
    ]);
  });

  it('reports a cycle naming its nodes', () => {
    const d = sampleDoc();
    d.nodes.push({ id: 'n6', type: 'clean.smooth', typeVersion: 2, label: 'Again', params: {}, position: { x: 0, y: 0 } });
    d.edges = d.edges.filter((e) => e.id !== 'e1');
    d.edges.push(
      { id: 'e4', source: 'n2', sourcePort: 'spectra', target: 'n6', targetPort: 'spectra' },
      { id: 'e5', source: 'n6', sourcePort: 'spectra', target: 'n2', targetPort: 'spectra' },
    );
    expect(checkGraph(d, fakeRegistry)).toEqual([
      {
        severity: 'error',
        nodeId: 'n2',
        message: 'cycle: Smooth (n2) → Again (n6) → Smooth (n2) (node ids n2, n6); remove one of these edges',
      },
    ]);
  });

  it('reports missing required inputs by node and port; optional inputs may stay free', () => {
    const d = sampleDoc();
    d.edges = d.edges.filter((e) => e.id !== 'e2');
    d.edges.push({ id: 'e7', source: 'gone', sourcePort: 'image', target: 'n5', targetPort: 'image' });
    d.edges = d.edges.filter((e) => e.id !== 'e3');
    const issues = checkGraph(d, fakeRegistry);
    expect(issues).toEqual([
      { severity: 'error', edgeId: 'e7', field: 'source', message: 'edge e7: source node "gone" does not exist (edge kept, not used)' },
      { severity: 'error', nodeId: 'n3', field: 'inputs.spectra', message: 'Plot (n3): required input "spectra" (spectrum|spectra) is not connected' },
      // A dangling edge does not count as a connection.
      { severity: 'error', nodeId: 'n5', field: 'inputs.image', message: 'Threshold (n5): required input "image" (image|stack) is not connected' },
    ]);
  });

  it('reports two edges into one input', () => {
    const d = sampleDoc();
    d.edges.push({ id: 'e8', source: 'n1', sourcePort: 'spectra', target: 'n3', targetPort: 'spectra' });
    expect(checkGraph(d, fakeRegistry)).toEqual([
      {
        severity: 'error',
        edgeId: 'e8',
        field: 'targetPort',
        message: 'edge e8: Plot.spectra already has an input (edge e2); an input takes one value',
      },
    ]);
  });

  it('reports unknown types as errors and parameter problems exactly as parseWorkflow does', () => {
    const d = sampleDoc();
    d.nodes[1].params = { ...d.nodes[1].params, window: 4, extra: true };
    d.nodes.push({ id: 'u', type: 'dynamics.unknown', typeVersion: 1, params: {}, position: { x: 0, y: 0 } });
    const issues = checkGraph(d, fakeRegistry);
    const parsed = parseWorkflow(d, fakeRegistry).issues;
    expect(issues.filter((i) => i.field?.startsWith('params.'))).toEqual(parsed.filter((i) => i.field?.startsWith('params.')));
    expect(issues.map((i) => `${i.severity}:${i.nodeId}:${i.field}`)).toEqual([
      'error:n2:params.window',
      'warning:n2:params.extra',
      'error:u:type',
    ]);
  });

  it('reports duplicate node ids and edges to missing ports', () => {
    const d = sampleDoc();
    d.nodes.push({ ...d.nodes[2] });
    d.edges[0] = { ...d.edges[0], sourcePort: 'spectrum' };
    const fields = checkGraph(d, fakeRegistry).map((i) => `${i.nodeId ?? i.edgeId}:${i.field}`);
    expect(fields).toEqual(['n3:id', 'e1:sourcePort', 'n2:inputs.spectra']);
  });
});
