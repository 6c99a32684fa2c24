import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWorkflow } from '../parseWorkflow';
import { fakeRegistry } from './fakeRegistry';

const fixture = (name: string) => readFileSync(resolve(__dirname, '../../../../test/fixtures/workflows', name), 'utf8');

/** Each corrupt file gives no document and exactly one issue that says what was expected. */
function single(input: unknown) {
  const { doc, issues } = parseWorkflow(input, fakeRegistry);
  expect(doc).toBeNull();
  expect(issues).toHaveLength(1);
  expect(issues[0].severity).toBe('error');
  return issues[0];
}

describe('parseWorkflow: corrupt files', () => {
  it('not JSON: names the line and column', () => {
    expect(single(fixture('not-json.json')).message).toBe(
      'not valid JSON at line 1, column 1: expected a value, got "O"',
    );
  });

  it('truncated JSON: says the file ends early, at its last line', () => {
    const text = fixture('truncated.json');
    const lines = text.split('\n');
    const issue = single(text);
    expect(issue.message).toBe(
      `not valid JSON at line ${lines.length}, column ${lines[lines.length - 1].length + 1}: unexpected end of file (truncated?): unterminated string`,
    );
  });

  it('wrong format (a React Flow export): names the field and the expected value', () => {
    const issue = single(fixture('wrong-format.json'));
    expect(issue.field).toBe('format');
    expect(issue.message).toBe(
      'format: expected "operando-flow.workflow", got nothing — this is not an OperandoFlow workflow file',
    );
    expect(single({ format: 'comfyui', nodes: [] }).message).toContain('got "comfyui"');
  });

  it('nodes not an array', () => {
    const issue = single(fixture('nodes-not-array.json'));
    expect(issue).toEqual({ severity: 'error', field: 'nodes', message: 'nodes: expected an array of nodes, got an object' });
    expect(single({ format: 'operando-flow.workflow', version: 2, meta: { title: '' }, nodes: [], edges: 'e1' }).field).toBe('edges');
  });

  it('a version newer than the app', () => {
    const issue = single(fixture('future-version.json'));
    expect(issue.field).toBe('version');
    expect(issue.message).toContain('version 99, newer than this OperandoFlow understands');
    expect(single({ format: 'operando-flow.workflow', version: '2', nodes: [] }).message).toBe(
      'version: expected a positive integer (1…2), got "2"',
    );
  });

  it('empty file, a JSON array, null, a number', () => {
    expect(single('').message).toBe('the file is empty; expected a workflow JSON object');
    expect(single('  \n').message).toBe('the file is empty; expected a workflow JSON object');
    expect(single('[1,2]').message).toBe(
      'expected a workflow JSON object {"format": "operando-flow.workflow", …}, got an array of 2',
    );
    expect(single(null).message).toContain('got null');
    expect(single('42').message).toContain('got 42');
  });

  it('JSON with a stray comma reports where', () => {
    expect(single('{\n  "format": "operando-flow.workflow",\n}').message).toBe(
      `not valid JSON at line 3, column 1: expected a property name in double quotes, got "}"`,
    );
  });

  it('a byte-order mark before the JSON is accepted', () => {
    const text = '\ufeff' + JSON.stringify({ format: 'operando-flow.workflow', version: 2, meta: { title: 't' }, nodes: [], edges: [] });
    expect(parseWorkflow(text, fakeRegistry).issues).toEqual([]);
  });
});
