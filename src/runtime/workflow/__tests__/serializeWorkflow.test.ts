import { describe, expect, it } from 'vitest';
import { newWorkflow, serializeWorkflow } from '../serializeWorkflow';
import type { WorkflowDocument } from '../types';
import { sampleDoc } from './fakeRegistry';

/** The same object with keys inserted in reverse order at every depth. */
function reversedKeys<T>(v: T): T {
  if (Array.isArray(v)) return v.map(reversedKeys) as T;
  if (typeof v === 'object' && v !== null)
    return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversedKeys(x)])) as T;
  return v;
}

describe('serializeWorkflow', () => {
  it('writes the same text whatever the key order of the objects', () => {
    const doc = sampleDoc();
    expect(serializeWorkflow(reversedKeys(doc))).toBe(serializeWorkflow(doc));
  });

  it('orders keys as the format lists them, params sorted, 2-space indent, final newline', () => {
    const text = serializeWorkflow(reversedKeys(sampleDoc()));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.startsWith('{\n  "format": "operando-flow.workflow",\n  "version": 2,\n  "meta": {\n    "title": "Sample",')).toBe(true);
    const smooth = JSON.parse(text).nodes[1];
    expect(Object.keys(smooth)).toEqual(['id', 'type', 'typeVersion', 'label', 'position', 'params']);
    expect(Object.keys(smooth.params)).toEqual(['e0', 'keep', 'method', 'name', 'order', 'sigma', 'window']);
    expect(Object.keys(JSON.parse(text).edges[0])).toEqual(['id', 'source', 'sourcePort', 'target', 'targetPort']);
  });

  it('always writes the current version and drops undefined fields', () => {
    const doc = { ...sampleDoc(), version: 1 } as WorkflowDocument;
    doc.nodes[0].label = undefined;
    const saved = JSON.parse(serializeWorkflow(doc));
    expect(saved.version).toBe(2);
    expect(saved.nodes[0]).not.toHaveProperty('label');
  });

  it('newWorkflow gives an empty, titled document', () => {
    const doc = newWorkflow();
    expect(doc.meta.title).toBe('Untitled workflow');
    expect(doc.nodes).toEqual([]);
    expect(doc.edges).toEqual([]);
  });
});
