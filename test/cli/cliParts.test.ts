// The CLI's own pieces, with a tiny registry of test nodes (no dependency on the real nodes).
import { describe, expect, it } from 'vitest';
import { applySets, parseSet } from '../../src/cli/applySets';
import { CliError } from '../../src/cli/errors';
import { formatIssues } from '../../src/cli/formatIssues';
import { progressPrinter } from '../../src/cli/progressPrinter';
import { renderOverlay } from '../../src/cli/renderOverlay';
import { labelColor } from '../../src/ops/image/colormaps';
import { defineNode } from '../../src/runtime/nodeDefinition';
import { defineParams } from '../../src/runtime/params';
import { makeRegistry } from '../../src/runtime/registryTypes';
import type { WorkflowDocument } from '../../src/runtime/workflow/types';

const smooth = defineNode({
  type: 'test.smooth',
  version: 1,
  category: 'clean',
  title: 'Smooth',
  help: 'test node',
  inputs: [],
  outputs: [],
  params: defineParams({
    window: { type: 'integer', label: 'Window', description: '', default: 5, min: 3, parity: 'odd' },
    method: {
      type: 'enum',
      label: 'Method',
      description: '',
      default: 'sg',
      options: [
        { value: 'sg', label: 'Savitzky–Golay' },
        { value: '3', label: 'three' },
      ],
    },
    files: { type: 'files', label: 'Files', description: '', accept: ['.txt'], multiple: true, default: [] },
    auto: { type: 'number', label: 'E0', description: '', default: 0, nullable: true },
  }),
  async run() {
    return {};
  },
});
const registry = makeRegistry([smooth]);
const doc: WorkflowDocument = {
  format: 'operando-flow.workflow',
  version: 2,
  meta: { title: 't' },
  nodes: [{ id: 'n.1', type: 'test.smooth', typeVersion: 1, params: { window: 5 }, position: { x: 0, y: 0 } }],
  edges: [],
};

function usageError(f: () => unknown): CliError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CliError);
    return e as CliError;
  }
  throw new Error('expected a CliError');
}

describe('--set', () => {
  it('splits at the first "=" and the last "." of the key', () => {
    expect(parseSet('n.1.window=a=b')).toEqual({ nodeId: 'n.1', param: 'window', raw: 'a=b' });
  });

  it('parses values as JSON, files as comma lists, keeps enum text', () => {
    const out = applySets(doc, ['n.1.window=7', 'n.1.method=3', 'n.1.files=a.txt,b.txt', 'n.1.auto=null'], registry);
    expect(out.nodes[0].params).toEqual({ window: 7, method: '3', files: [{ name: 'a.txt' }, { name: 'b.txt' }], auto: null });
    // The input document is left as it was.
    expect(doc.nodes[0].params).toEqual({ window: 5 });
  });

  it('refuses unknown nodes and params, bad values and bad syntax with exit code 2', () => {
    const e1 = usageError(() => applySets(doc, ['n9.window=7'], registry));
    expect(e1.exitCode).toBe(2);
    expect(e1.message).toMatch(/no node "n9".*nodes: n\.1/);
    expect(usageError(() => applySets(doc, ['n.1.size=7'], registry)).message).toMatch(/no parameter "size".*window, method, files, auto/);
    expect(usageError(() => applySets(doc, ['n.1.window=4'], registry)).message).toMatch(/window: expected an odd integer, got 4/);
    expect(usageError(() => applySets(doc, ['n.1.method=median'], registry)).message).toMatch(/method: expected one of "sg", "3"/);
    expect(usageError(() => parseSet('window=7')).message).toMatch(/expected nodeId\.param=value/);
    expect(usageError(() => parseSet('n1.window')).exitCode).toBe(2);
  });
});

describe('issue and progress lines', () => {
  it('name node, type and field, errors first', () => {
    const lines = formatIssues(
      [
        { severity: 'warning', nodeId: 'n.1', field: 'params.extra', message: 'extra: unknown parameter' },
        { severity: 'error', nodeId: 'n.1', field: 'params.window', message: 'window: expected an odd integer, got 4' },
        { severity: 'error', edgeId: 'e1', field: 'targetPort', message: 'no port "x"' },
      ],
      doc,
    );
    expect(lines).toEqual([
      'error [edge e1, targetPort] no port "x"',
      'error [node n.1 test.smooth, params.window] window: expected an odd integer, got 4',
      'warning [node n.1 test.smooth, params.extra] extra: unknown parameter',
    ]);
  });

  it('prints one running line per 10 %, then done / cached', () => {
    const lines: string[] = [];
    const print = progressPrinter(() => 'clean.smooth', (l) => lines.push(l));
    print({ nodeId: 'n3', status: 'queued' });
    for (const p of [0, 0.05, 0.41, 0.45, 1]) print({ nodeId: 'n3', status: 'running', progress: p, message: 'frame' });
    print({ nodeId: 'n3', status: 'done', ms: 12.4, bytes: 10, outputs: { spectra: 'spectra 2×3' }, warnings: ['w'], backend: 'cpu' });
    print({ nodeId: 'n4', status: 'cached', ms: 0, bytes: 10, outputs: {}, warnings: [], backend: 'cpu' });
    print({ nodeId: 'n5', status: 'error', message: 'boom' });
    expect(lines).toEqual([
      '[n3 clean.smooth] running 0% frame',
      '[n3 clean.smooth] running 40% frame',
      '[n3 clean.smooth] running 100% frame',
      '[n3 clean.smooth] done 12 ms → spectra 2×3',
      '[n3 clean.smooth] warning: w',
      '[n4 clean.smooth] cached',
      '[n5 clean.smooth] error: boom',
    ]);
  });
});


describe('renderOverlay', () => {
  const image = Float32Array.from([0, 1, 2, 3]);
  const labels = Uint8Array.from([0, 1, 2, 1]);
  const bg = { width: 2, height: 2, lo: 0, hi: 3, classes: ['background', 'particle 1', 'particle 2'] };
  const phases = { ...bg, classes: ['NMC', 'carbon-binder', 'pores'] };

  it('is the gray image at opacity 0 and the class colours at opacity 1; a background class stays clear', () => {
    const gray = renderOverlay(image, labels, { ...bg, opacity: 0 });
    expect(Array.from(gray)).toEqual([0, 0, 0, 85, 85, 85, 170, 170, 170, 255, 255, 255]);
    const full = renderOverlay(image, labels, { ...bg, opacity: 1 });
    expect(Array.from(full.subarray(0, 3))).toEqual([0, 0, 0]);
    expect(Array.from(full.subarray(3, 6))).toEqual([...labelColor(1)]);
    expect(Array.from(full.subarray(6, 9))).toEqual([...labelColor(2)]);
  });

  it('colours every phase (class 0 too, never black) when no class is a background', () => {
    const full = renderOverlay(image, labels, { ...phases, opacity: 1 });
    expect(Array.from(full.subarray(0, 3))).toEqual([...labelColor(1)]);
    expect(Array.from(full.subarray(3, 6))).toEqual([...labelColor(2)]);
    expect(Array.from(full.subarray(6, 9))).toEqual([...labelColor(3)]);
  });

  it('blends linearly in between', () => {
    const half = renderOverlay(image, labels, { ...bg, opacity: 0.5 });
    const [r, g, b] = labelColor(1);
    expect(Array.from(half.subarray(9, 12))).toEqual([Math.round(127.5 + r / 2), Math.round(127.5 + g / 2), Math.round(127.5 + b / 2)]);
  });

  it('names the parameter that does not fit', () => {
    expect(() => renderOverlay(image, labels.subarray(1), { ...bg, opacity: 0.5 })).toThrow(/labels: 3 pixels, expected width·height = 4/);
    expect(() => renderOverlay(image, labels, { ...bg, opacity: 2 })).toThrow(/opacity: expected 0\.\.1, got 2/);
  });
});
