import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { checkParam, type ParamSpec } from '../../params';
import { serializeWorkflow } from '../serializeWorkflow';
import { buildWorkflowSchema, compileWorkflowSchema, paramJsonSchema, workflowStructureSchema } from '../workflowSchema';
import { fakeRegistry, sampleDoc, smoothNode } from './fakeRegistry';

const validate = compileWorkflowSchema(buildWorkflowSchema(fakeRegistry));
const valid = (doc: unknown) => validate(JSON.parse(JSON.stringify(doc)));

describe('buildWorkflowSchema', () => {
  it('compiles in strict ajv and accepts a serialized valid document', () => {
    expect(valid(JSON.parse(serializeWorkflow(sampleDoc())))).toBe(true);
    expect(compileWorkflowSchema(workflowStructureSchema())(sampleDoc())).toBe(true);
  });

  it('has one node branch per type (plus older-version branches) and a fallback', () => {
    const schema = buildWorkflowSchema(fakeRegistry) as { properties: { nodes: { items: { anyOf: { title: string }[] } } } };
    const titles = schema.properties.nodes.items.anyOf.map((b) => b.title);
    expect(titles).toEqual([
      'Smooth (clean.smooth v2)',
      'Smooth (clean.smooth, older version)',
      'Load image (io.load-image v1)',
      'Load spectra (io.load-spectra v1)',
      'Threshold (segment.threshold v1)',
      'Plot (view.plot v1)',
      'Node of a type not in this registry (kept and reported when opened)',
    ]);
  });

  it('refuses bad parameter values, unknown parameters and structure errors', () => {
    const bad = (mutate: (d: ReturnType<typeof sampleDoc>) => void) => {
      const d = sampleDoc();
      mutate(d);
      return valid(d);
    };
    expect(bad((d) => (d.nodes[1].params.window = 8))).toBe(false);
    expect(bad((d) => (d.nodes[1].params.sigma = 0))).toBe(false);
    expect(bad((d) => (d.nodes[1].params.method = 'boxcar'))).toBe(false);
    expect(bad((d) => (d.nodes[1].params.surprise = 1))).toBe(false);
    expect(bad((d) => (d.nodes[3].params.file = [{ name: 'a.tif' }, { name: 'b.tif' }]))).toBe(false);
    expect(bad((d) => (d.nodes[4].params.level = -0.1))).toBe(false);
    expect(bad((d) => delete (d.nodes[0] as Partial<(typeof d.nodes)[0]>).position)).toBe(false);
    expect(bad((d) => ((d as { version: number }).version = 1))).toBe(false);
    expect(bad((d) => delete (d.edges[0] as Partial<(typeof d.edges)[0]>).targetPort)).toBe(false);
  });

  it('accepts nullable params as null, missing params, unknown node types and older type versions', () => {
    const ok = (mutate: (d: ReturnType<typeof sampleDoc>) => void) => {
      const d = sampleDoc();
      mutate(d);
      return valid(d);
    };
    expect(ok((d) => (d.nodes[1].params.e0 = null))).toBe(true);
    expect(ok((d) => (d.nodes[1].params.e0 = 8333))).toBe(true);
    expect(ok((d) => (d.nodes[1].params = {}))).toBe(true);
    expect(ok((d) => d.nodes.push({ id: 'u', type: 'correlate.pca', typeVersion: 9, params: { any: 'thing' }, position: { x: 0, y: 0 } }))).toBe(true);
    expect(ok((d) => ((d.nodes[1].typeVersion = 1), (d.nodes[1].params = { width: 9 })))).toBe(true);
    // A known type with a version newer than the registry's is neither a known branch nor "unknown".
    expect(ok((d) => (d.nodes[1].typeVersion = 3))).toBe(false);
  });
});

describe('paramJsonSchema agrees with checkParam', () => {
  const ajv = new Ajv({ allowUnionTypes: true, strict: true, unicodeRegExp: false });
  const specs = Object.entries(smoothNode.params as Record<string, ParamSpec>).concat([
    ['even', { type: 'integer', label: 'E', description: 'd', default: 2, parity: 'even', nullable: true }],
    ['oddNull', { type: 'integer', label: 'O', description: 'd', default: 3, parity: 'odd', nullable: true }],
    ['upper', { type: 'number', label: 'U', description: 'd', default: 0, max: 1, exclusiveMax: true }],
    ['one', { type: 'files', label: 'F', description: 'd', accept: [], multiple: false, default: [] }],
    ['many', { type: 'files', label: 'F', description: 'd', accept: ['.tif'], multiple: true, default: [] }],
  ]);
  const values: unknown[] = [
    null, true, false, 0, 1, 2, 3, 7, 8, -1, 0.5, 1.5, 101, 103, 1e9, 'savgol', 'gaussian', 'x', '', 'abc', 'Abc', 'a-b',
    [], [{ name: 'a' }], [{ name: 'a' }, { name: 'b' }], [{}], [1], {}, { name: 'a' },
  ];
  for (const [name, spec] of specs) {
    it(`${name} (${spec.type})`, () => {
      const check = ajv.compile(paramJsonSchema(spec));
      for (const v of values) {
        // checkParam allows any file-reference object with a name; the schema additionally types sha256/size.
        expect(check(v), `${name} = ${JSON.stringify(v)}`).toBe(checkParam(name, spec, v) === null);
      }
      // The default itself is valid.
      expect(check(spec.type === 'files' ? [] : spec.default)).toBe(true);
    });
  }
});
