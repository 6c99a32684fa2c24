import { describe, expect, it } from 'vitest';
import { parseWorkflow } from '../parseWorkflow';
import { newWorkflow, serializeWorkflow } from '../serializeWorkflow';
import { WORKFLOW_FORMAT, WORKFLOW_VERSION, type WorkflowDocument, type WorkflowIssue } from '../types';
import { fakeRegistry, sampleDoc } from './fakeRegistry';

const at = (issues: WorkflowIssue[], where: { nodeId?: string; edgeId?: string; field?: string }) =>
  issues.filter(
    (i) =>
      (where.nodeId === undefined || i.nodeId === where.nodeId) &&
      (where.edgeId === undefined || i.edgeId === where.edgeId) &&
      (where.field === undefined || i.field === where.field),
  );

describe('parseWorkflow: round trip', () => {
  it('serialize → parse gives the same document and no issues; serializing again gives the same text', () => {
    const doc = sampleDoc();
    const text = serializeWorkflow(doc);
    const { doc: parsed, issues } = parseWorkflow(text, fakeRegistry);
    expect(issues).toEqual([]);
    expect(parsed).toEqual(doc);
    expect(serializeWorkflow(parsed!)).toBe(text);
  });

  it('accepts an already parsed object and does not modify it', () => {
    const doc = sampleDoc();
    delete (doc.nodes[4].params as Record<string, unknown>).level;
    const before = structuredClone(doc);
    const { doc: parsed, issues } = parseWorkflow(doc, fakeRegistry);
    expect(issues).toEqual([]);
    expect(doc).toEqual(before);
    expect(parsed!.nodes[4].params).toEqual({ level: 0.5 });
  });

  it('fills missing params with defaults', () => {
    const doc = sampleDoc();
    doc.nodes[1].params = {};
    const { doc: parsed, issues } = parseWorkflow(serializeWorkflow(doc), fakeRegistry);
    expect(issues).toEqual([]);
    expect(parsed!.nodes[1].params).toEqual({
      method: 'savgol',
      window: 7,
      order: 2,
      sigma: 1,
      e0: null,
      name: 'smoothed',
      keep: false,
    });
  });

  it('opens a new empty workflow', () => {
    const doc = newWorkflow('Fresh');
    expect(doc.meta.title).toBe('Fresh');
    expect(doc.format).toBe(WORKFLOW_FORMAT);
    expect(doc.version).toBe(WORKFLOW_VERSION);
    expect(Number.isNaN(Date.parse(doc.meta.created!))).toBe(false);
    expect(parseWorkflow(serializeWorkflow(doc), fakeRegistry)).toEqual({ doc, issues: [] });
  });

  it('keeps unknown extra fields (e.g. editor state) through a round trip', () => {
    const doc = { ...sampleDoc(), viewport: { x: 1, y: 2, zoom: 1.5 } } as WorkflowDocument;
    (doc.nodes[0] as unknown as Record<string, unknown>).collapsed = true;
    const text = serializeWorkflow(doc);
    const { doc: parsed, issues } = parseWorkflow(text, fakeRegistry);
    expect(issues).toEqual([]);
    expect(serializeWorkflow(parsed!)).toBe(text);
    expect((parsed as unknown as Record<string, unknown>).viewport).toEqual({ x: 1, y: 2, zoom: 1.5 });
  });
});

describe('parseWorkflow: unknown node types', () => {
  it('reports the unknown type by node and field, keeps it with its params, and re-serializes unchanged', () => {
    const doc = sampleDoc();
    doc.nodes.push({
      id: 'x1',
      type: 'dynamics.mcr-als',
      typeVersion: 3,
      label: 'MCR',
      params: { components: 3, nested: { b: [1, 2], a: 'z' } },
      position: { x: 600, y: 0 },
    });
    doc.edges.push({ id: 'e9', source: 'n2', sourcePort: 'spectra', target: 'x1', targetPort: 'whatever' });
    const text = serializeWorkflow(doc);
    const { doc: parsed, issues } = parseWorkflow(text, fakeRegistry);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'warning', nodeId: 'x1', field: 'type' });
    expect(issues[0].message).toContain('dynamics.mcr-als');
    expect(issues[0].message).toContain('MCR (x1)');
    // The rest is intact and the unknown node (and its edge) kept as they were.
    expect(parsed).toEqual(doc);
    expect(serializeWorkflow(parsed!)).toBe(text);
  });
});

describe('parseWorkflow: parameters', () => {
  it('reports each bad value by node and field, keeps the value, and adds unknown params as warnings', () => {
    const doc = sampleDoc();
    doc.nodes[1].params = { method: 'boxcar', window: 8, sigma: 0, e0: 'auto', name: 'Bad Name', keep: 'yes', extra: 1 };
    doc.nodes[4].params = { level: 1.5 };
    const { doc: parsed, issues } = parseWorkflow(serializeWorkflow(doc), fakeRegistry);
    const fields = issues.map((i) => `${i.nodeId}:${i.field}:${i.severity}`).sort();
    expect(fields).toEqual(
      [
        'n2:params.method:error',
        'n2:params.window:error',
        'n2:params.sigma:error',
        'n2:params.e0:error',
        'n2:params.name:error',
        'n2:params.keep:error',
        'n2:params.extra:warning',
        'n5:params.level:error',
      ].sort(),
    );
    const msg = (f: string, node = 'n2') => at(issues, { nodeId: node, field: f })[0].message;
    expect(msg('params.method')).toBe('Smooth (n2): method: expected one of "savgol", "gaussian", got "boxcar"');
    expect(msg('params.window')).toBe('Smooth (n2): window: expected an odd integer, got 8');
    expect(msg('params.sigma')).toBe('Smooth (n2): sigma: expected > 0 eV, got 0');
    expect(msg('params.e0')).toContain('expected a finite number or null (auto)');
    expect(msg('params.level', 'n5')).toBe('Threshold (n5): level: expected ≤ 1, got 1.5');
    // Bad values are kept for the user to fix; missing ones get defaults.
    expect(parsed!.nodes[1].params).toEqual({ ...doc.nodes[1].params, order: 2 });
    expect(parsed!.nodes[4].params).toEqual({ level: 1.5 });
  });

  it("runs the node type's cross-parameter check once the values are valid", () => {
    const doc = sampleDoc();
    doc.nodes[1].params = { ...doc.nodes[1].params, window: 5, order: 6 };
    const { issues } = parseWorkflow(doc, fakeRegistry);
    expect(issues).toEqual([
      { severity: 'error', nodeId: 'n2', field: 'params.order', message: 'Smooth (n2): order: must be < window (5), got 6' },
    ]);
  });

  it("upgrades params written by an older typeVersion with the type's migration", () => {
    const doc = sampleDoc();
    doc.nodes[1].typeVersion = 1;
    doc.nodes[1].params = { method: 'gaussian', width: 11 };
    const { doc: parsed, issues } = parseWorkflow(doc, fakeRegistry);
    expect(issues).toEqual([]);
    expect(parsed!.nodes[1].typeVersion).toBe(2);
    expect(parsed!.nodes[1].params).toMatchObject({ method: 'gaussian', window: 11 });
    expect(parsed!.nodes[1].params).not.toHaveProperty('width');
  });

  it('reports a typeVersion newer than the definition and keeps the params unchecked', () => {
    const doc = sampleDoc();
    doc.nodes[1].typeVersion = 5;
    doc.nodes[1].params = { future: true };
    const { doc: parsed, issues } = parseWorkflow(doc, fakeRegistry);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'error', nodeId: 'n2', field: 'typeVersion' });
    expect(issues[0].message).toMatch(/version 5 of clean\.smooth.*version 2/);
    expect(parsed!.nodes[1]).toEqual(doc.nodes[1]);
  });
});

describe('parseWorkflow: edges and ids', () => {
  it('reports broken edges by edge and field and keeps them', () => {
    const doc = sampleDoc();
    doc.edges.push(
      { id: 'e4', source: 'ghost', sourcePort: 'spectra', target: 'n3', targetPort: 'table' },
      { id: 'e5', source: 'n1', sourcePort: 'nope', target: 'n2', targetPort: 'spectra' },
      { id: 'e6', source: 'n5', sourcePort: 'labels', target: 'n3', targetPort: 'labels' },
    );
    const { doc: parsed, issues } = parseWorkflow(serializeWorkflow(doc), fakeRegistry);
    expect(parsed!.edges).toEqual(doc.edges);
    expect(issues.map((i) => `${i.edgeId}:${i.field}`)).toEqual(['e4:source', 'e5:sourcePort', 'e6:targetPort']);
    expect(issues[0].message).toBe('edge e4: source node "ghost" does not exist (edge kept, not used)');
    expect(issues[1].message).toBe('edge e5: Load spectra (n1) has no output "nope" (outputs: spectra)');
    expect(issues[2].message).toBe('edge e6: Plot (n3) has no input "labels" (inputs: spectra, table)');
    expect(issues.every((i) => i.severity === 'error')).toBe(true);
  });

  it('reports duplicate node and edge ids and drops nothing', () => {
    const doc = sampleDoc();
    doc.nodes.push({ ...doc.nodes[0], position: { x: 9, y: 9 } });
    doc.edges.push({ ...doc.edges[0] });
    const { doc: parsed, issues } = parseWorkflow(doc, fakeRegistry);
    expect(parsed!.nodes).toHaveLength(6);
    expect(parsed!.edges).toHaveLength(4);
    expect(issues).toEqual([
      expect.objectContaining({ severity: 'error', nodeId: 'n1', field: 'id', message: expect.stringContaining('used by 2 nodes') }),
      expect.objectContaining({ severity: 'error', edgeId: 'e1', field: 'id', message: expect.stringContaining('used by 2 edges') }),
    ]);
  });
});

describe('parseWorkflow: structure problems inside an otherwise valid file', () => {
  it('reports them by node/edge and field and repairs what can be repaired', () => {
    const raw = JSON.parse(serializeWorkflow(sampleDoc()));
    delete raw.nodes[2].position;
    raw.nodes[3].label = 7;
    raw.nodes.push(42);
    delete raw.edges[1].targetPort;
    delete raw.meta.title;
    const { doc, issues } = parseWorkflow(raw, fakeRegistry);
    expect(doc).not.toBeNull();
    const where = issues.map((i) => `${i.nodeId ?? i.edgeId ?? ''}:${i.field ?? ''}`);
    const sev = issues.map((i) => `${i.nodeId ?? i.edgeId ?? ''}:${i.field ?? ''}:${i.severity}`);
    // Repairs that lose nothing of the graph are warnings; an edge without its port is an error.
    expect(sev).toEqual(
      expect.arrayContaining(['n3:position:warning', 'n4:label:warning', ':meta.title:warning', 'e2:targetPort:error']),
    );
    expect(issues.find((i) => i.message.startsWith('nodes[5]'))).toEqual({
      severity: 'error',
      message: 'nodes[5]: expected object, got 42 (dropped)',
    });
    // One report per place: the missing targetPort is not also reported as an unknown port.
    expect(where.filter((w) => w === 'e2:targetPort')).toHaveLength(1);
    expect(doc!.nodes).toHaveLength(5);
    expect(doc!.nodes[2].position).toEqual({ x: 0, y: 0 });
    expect(doc!.nodes[3]).not.toHaveProperty('label');
    expect(doc!.meta.title).toBe('Untitled workflow');
    expect(doc!.edges[1]).toMatchObject({ id: 'e2', targetPort: '' });
  });
});
