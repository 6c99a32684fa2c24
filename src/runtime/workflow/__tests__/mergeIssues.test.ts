import { describe, expect, it } from 'vitest';
import { checkGraph } from '../../graph/checkGraph';
import { mergeIssues } from '../mergeIssues';
import { parseWorkflow } from '../parseWorkflow';
import { fakeRegistry, sampleDoc } from './fakeRegistry';

describe('mergeIssues', () => {
  it("reports each problem of parseWorkflow and checkGraph once, at checkGraph's severity when higher", () => {
    const d = sampleDoc();
    d.nodes.push({ id: 'u', type: 'x.gone', typeVersion: 1, params: { a: 1 }, position: { x: 0, y: 0 } });
    d.nodes[1].params = { ...d.nodes[1].params, window: 4, extra: 1 };
    d.edges.push({ id: 'e9', source: 'ghost', sourcePort: 'o', target: 'u', targetPort: 'i' });
    const parsed = parseWorkflow(d, fakeRegistry);
    const merged = mergeIssues(parsed.issues, checkGraph(parsed.doc!, fakeRegistry));
    expect(merged.map((i) => `${i.severity}:${i.nodeId ?? i.edgeId}:${i.field}`)).toEqual([
      'error:n2:params.window',
      'warning:n2:params.extra',
      'error:u:type',
      'error:e9:source',
    ]);
    expect(merged[2].message).toBe('x.gone (u): unknown node type "x.gone" — kept with its parameters, but it cannot run');
  });

  it('keeps issues without a field unless identical', () => {
    const a = { severity: 'error' as const, nodeId: 'a', message: 'cycle: a → b → a' };
    const b = { severity: 'error' as const, nodeId: 'c', message: 'cycle: c → c' };
    expect(mergeIssues([a, b], [a])).toEqual([a, b]);
  });
});
