import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrateWorkflow, WORKFLOW_MIGRATIONS } from '../migrations';
import { parseWorkflow } from '../parseWorkflow';
import { serializeWorkflow } from '../serializeWorkflow';
import { WORKFLOW_VERSION } from '../types';
import { fakeRegistry } from './fakeRegistry';

const v1Text = readFileSync(resolve(__dirname, '../../../../test/fixtures/workflows/v1-smooth-plot.json'), 'utf8');

describe('workflow migrations', () => {
  it('form a chain from version 1 to the current version', () => {
    expect(WORKFLOW_MIGRATIONS.map((m) => [m.from, m.to])).toEqual(
      Array.from({ length: WORKFLOW_VERSION - 1 }, (_, i) => [i + 1, i + 2]),
    );
  });

  it('v1 → v2: handles become ports, meta.title is added, the input is not modified', () => {
    const raw = JSON.parse(v1Text);
    const before = structuredClone(raw);
    const { doc, issues } = migrateWorkflow(raw);
    expect(issues).toEqual([]);
    expect(raw).toEqual(before);
    expect(doc!.version).toBe(2);
    expect(doc!.meta).toEqual({ title: 'Untitled workflow' });
    expect(doc!.edges).toEqual([
      { id: 'e1', source: 'load', sourcePort: 'spectra', target: 'smooth', targetPort: 'spectra' },
      { id: 'e2', source: 'smooth', sourcePort: 'spectra', target: 'plot', targetPort: 'spectra' },
    ]);
    expect(doc!.nodes).toEqual(raw.nodes);
  });

  it('v1 → v2 keeps an existing title and prefers sourcePort over a stale handle', () => {
    const v2 = WORKFLOW_MIGRATIONS[0].up({
      version: 1,
      meta: { title: 'Kept', app: 'x' },
      edges: [{ id: 'e', source: 'a', sourcePort: 'out', sourceHandle: 'old', target: 'b', targetHandle: 'in' }],
    });
    expect(v2.meta).toEqual({ title: 'Kept', app: 'x' });
    expect(v2.edges).toEqual([{ id: 'e', source: 'a', sourcePort: 'out', target: 'b', targetPort: 'in' }]);
  });

  it('a file without a version is read as version 1, with a warning', () => {
    const raw = JSON.parse(v1Text);
    delete raw.version;
    const { doc, issues } = migrateWorkflow(raw);
    expect(doc!.version).toBe(WORKFLOW_VERSION);
    expect(issues).toEqual([{ severity: 'warning', field: 'version', message: 'version: missing, read as version 1' }]);
  });

  it('the v1 fixture opens as a current document: node migration applied, no issues, saved as v2', () => {
    const { doc, issues } = parseWorkflow(v1Text, fakeRegistry);
    expect(issues).toEqual([]);
    expect(doc!.version).toBe(WORKFLOW_VERSION);
    const smooth = doc!.nodes.find((n) => n.id === 'smooth')!;
    expect(smooth.typeVersion).toBe(2);
    expect(smooth.params).toMatchObject({ method: 'gaussian', window: 9, sigma: 0.5 });
    const saved = JSON.parse(serializeWorkflow(doc!));
    expect(saved.version).toBe(2);
    expect(saved.edges[0]).not.toHaveProperty('sourceHandle');
    expect(parseWorkflow(serializeWorkflow(doc!), fakeRegistry)).toEqual({ doc, issues: [] });
  });
});
