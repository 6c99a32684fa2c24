/**
 * Small nodes for executor and engine tests: they count their runs, log start/end, sleep, loop
 * until cancelled, fail on demand or produce wrong kinds. Not real science.
 */
import { defineNode, NodeInputError, requireInput } from '../../nodeDefinition';
import { makeRegistry } from '../../registryTypes';
import { emptyMeta, type SpectrumValue, type ImageValue } from '../../values';
import type { WorkflowDocument } from '../../workflow/types';

/** Runs per node id, and a shared log of "start <id>" / "end <id>". */
export const runs = new Map<string, number>();
export const log: string[] = [];
/** Iterations done by `test.forever` nodes, per node id. */
export const loops = new Map<string, number>();

export function resetCounters(): void {
  runs.clear();
  log.length = 0;
  loops.clear();
}

const count = (id: string) => runs.set(id, (runs.get(id) ?? 0) + 1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function spectrum(y: number[], meta = emptyMeta()): SpectrumValue {
  return {
    kind: 'spectrum',
    x: Float64Array.from(y, (_, i) => i),
    y: Float64Array.from(y),
    xAxis: { name: 'index', unit: '' },
    yAxis: { name: 'value', unit: '' },
    meta,
  };
}

export const sourceNode = defineNode({
  type: 'test.source',
  version: 1,
  category: 'io',
  title: 'Source',
  help: 'A constant spectrum [value, value + 1].',
  inputs: [],
  outputs: [{ name: 'out', label: 'Out', kinds: ['spectrum'] }],
  params: { value: { type: 'number', label: 'Value', description: 'first sample', default: 1 } },
  async run(_inputs, p, ctx) {
    count(ctx.nodeId);
    return { out: spectrum([p.value, p.value + 1]) };
  },
});

export const loadNode = defineNode({
  type: 'test.load',
  version: 1,
  category: 'io',
  title: 'Load bytes',
  help: 'A spectrum of the bytes of one file.',
  inputs: [],
  outputs: [{ name: 'out', label: 'Out', kinds: ['spectrum'] }],
  params: { files: { type: 'files', label: 'File', description: 'any file', accept: [], multiple: false, default: [] } },
  async run(_inputs, p, ctx) {
    count(ctx.nodeId);
    if (p.files.length !== 1) throw new NodeInputError('files: expected one file');
    const bytes = await ctx.files.read(p.files[0]);
    const meta = emptyMeta();
    meta.sources.push({ name: p.files[0].name, sha256: await ctx.files.hash(p.files[0]) });
    return { out: spectrum([...bytes], meta) };
  },
});

export const addNode = defineNode({
  type: 'test.add',
  version: 1,
  category: 'clean',
  title: 'Add',
  help: 'y + add.',
  inputs: [{ name: 'in', label: 'In', kinds: ['spectrum'], required: true }],
  outputs: [{ name: 'out', label: 'Out', kinds: ['spectrum'] }],
  params: { add: { type: 'number', label: 'Add', description: 'offset', default: 0 } },
  async run(inputs, p, ctx) {
    count(ctx.nodeId);
    const s = requireInput(inputs, 'in', ['spectrum']);
    return { out: { ...s, y: s.y.map((v) => v + p.add) } };
  },
});

export const joinNode = defineNode({
  type: 'test.join',
  version: 1,
  category: 'clean',
  title: 'Join',
  help: 'a + b sample by sample.',
  inputs: [
    { name: 'a', label: 'A', kinds: ['spectrum'], required: true },
    { name: 'b', label: 'B', kinds: ['spectrum'], required: true },
  ],
  outputs: [{ name: 'out', label: 'Out', kinds: ['spectrum'] }],
  params: {},
  async run(inputs, _p, ctx) {
    count(ctx.nodeId);
    const a = requireInput(inputs, 'a', ['spectrum']);
    const b = requireInput(inputs, 'b', ['spectrum']);
    return { out: { ...a, y: a.y.map((v, i) => v + b.y[i]) } };
  },
});

/** Logs start/end; sleeps `steps` × 5 ms, reporting progress each step. */
export const slowNode = defineNode({
  type: 'test.slow',
  version: 1,
  category: 'clean',
  title: 'Slow',
  help: 'Passes its input (or a constant) after a while.',
  inputs: [{ name: 'in', label: 'In', kinds: ['spectrum'] }],
  outputs: [{ name: 'out', label: 'Out', kinds: ['spectrum'] }],
  params: { steps: { type: 'integer', label: 'Steps', description: 'sleeps of 5 ms', default: 6, min: 1 } },
  async run(inputs, p, ctx) {
    count(ctx.nodeId);
    log.push(`start ${ctx.nodeId}`);
    for (let i = 0; i < p.steps; i++) {
      await sleep(5);
      await ctx.progress((i + 1) / p.steps, `step ${i + 1}/${p.steps}`);
    }
    log.push(`end ${ctx.nodeId}`);
    return { out: inputs.in ?? spectrum([0, 0]) };
  },
});

/** Busy work in 1 ms slices with ctx.progress between them, until cancelled. */
export const foreverNode = defineNode({
  type: 'test.forever',
  version: 1,
  category: 'clean',
  title: 'Forever',
  help: 'Loops until the run is cancelled.',
  inputs: [{ name: 'in', label: 'In', kinds: ['spectrum'] }],
  outputs: [{ name: 'out', label: 'Out', kinds: ['spectrum'] }],
  params: {},
  async run(_inputs, _p, ctx) {
    count(ctx.nodeId);
    for (;;) {
      const t = performance.now();
      while (performance.now() - t < 1) {
        /* busy: a stand-in for a block of rows */
      }
      loops.set(ctx.nodeId, (loops.get(ctx.nodeId) ?? 0) + 1);
      await ctx.progress(0.5, 'working');
    }
  },
});

/** Ignores cancellation: waits `ms` without calling ctx.progress. */
export const deafNode = defineNode({
  type: 'test.deaf',
  version: 1,
  category: 'clean',
  title: 'Deaf',
  help: 'Sleeps without checking for cancel.',
  inputs: [],
  outputs: [{ name: 'out', label: 'Out', kinds: ['spectrum'] }],
  params: { ms: { type: 'integer', label: 'ms', description: 'sleep', default: 3000, min: 0 } },
  async run(_inputs, p, ctx) {
    count(ctx.nodeId);
    await sleep(p.ms);
    log.push(`end ${ctx.nodeId}`);
    return { out: spectrum([1]) };
  },
});

export const failNode = defineNode({
  type: 'test.fail',
  version: 1,
  category: 'clean',
  title: 'Failing node',
  help: 'Throws.',
  inputs: [{ name: 'in', label: 'In', kinds: ['spectrum'] }],
  outputs: [{ name: 'out', label: 'Out', kinds: ['spectrum'] }],
  params: {
    how: {
      type: 'enum',
      label: 'How',
      description: 'error class',
      default: 'input',
      options: [
        { value: 'input', label: 'NodeInputError' },
        { value: 'bug', label: 'TypeError' },
      ],
    },
  },
  async run(_inputs, p, ctx) {
    count(ctx.nodeId);
    if (p.how === 'input') throw new NodeInputError('scan.xdi line 12: expected 3 columns, got 2');
    throw new TypeError('cannot read properties of undefined');
  },
});

/** Declares spectrum|image but makes an image: connectable to a spectrum-only input. */
export const imageMakerNode = defineNode({
  type: 'test.image',
  version: 1,
  category: 'io',
  title: 'Image maker',
  help: 'A 2×2 image on a port that may carry spectra too.',
  inputs: [],
  outputs: [{ name: 'out', label: 'Out', kinds: ['spectrum', 'image'] }],
  params: {},
  async run(_inputs, _p, ctx) {
    count(ctx.nodeId);
    const img: ImageValue = {
      kind: 'image',
      width: 2,
      height: 2,
      dtype: 'f32',
      data: new Float32Array([1, 2, 3, 4]),
      valueAxis: { name: 'v', unit: '' },
      meta: emptyMeta(),
    };
    return { out: img };
  },
});

/** Declares spectrum but returns an image: a bug the executor must catch. */
export const liarNode = defineNode({
  type: 'test.liar',
  version: 1,
  category: 'io',
  title: 'Liar',
  help: 'Returns the wrong kind.',
  inputs: [],
  outputs: [{ name: 'out', label: 'Out', kinds: ['spectrum'] }],
  params: {},
  async run() {
    const img: ImageValue = {
      kind: 'image',
      width: 1,
      height: 1,
      dtype: 'f32',
      data: new Float32Array([1]),
      valueAxis: { name: 'v', unit: '' },
      meta: emptyMeta(),
    };
    return { out: img as unknown as SpectrumValue };
  },
});

/** Emits a file named after its param. */
export const emitNode = defineNode({
  type: 'test.emit',
  version: 1,
  category: 'export',
  title: 'Emit',
  help: 'Writes its input as text.',
  isOutput: true,
  inputs: [{ name: 'in', label: 'In', kinds: ['spectrum'], required: true }],
  outputs: [],
  params: { name: { type: 'string', label: 'Name', description: 'file name', default: 'out.txt' } },
  async run(inputs, p, ctx) {
    count(ctx.nodeId);
    const s = requireInput(inputs, 'in', ['spectrum']);
    ctx.emit({ name: p.name, mime: 'text/plain', bytes: new TextEncoder().encode([...s.y].join(',')) });
    return {};
  },
});

export const testRegistry = makeRegistry([
  sourceNode,
  loadNode,
  addNode,
  joinNode,
  slowNode,
  foreverNode,
  deafNode,
  failNode,
  imageMakerNode,
  liarNode,
  emitNode,
]);

/** A workflow from `[id, type, params]` nodes and `'src.port->dst.port'` edges. */
export function wf(nodes: [string, string, Record<string, unknown>?][], edges: string[] = []): WorkflowDocument {
  return {
    format: 'operando-flow.workflow',
    version: 2,
    meta: { title: 'test' },
    nodes: nodes.map(([id, type, params], i) => ({
      id,
      type,
      typeVersion: 1,
      params: params ?? {},
      position: { x: i * 100, y: 0 },
    })),
    edges: edges.map((e, i) => {
      const [from, to] = e.split('->');
      const [source, sourcePort] = from.split('.');
      const [target, targetPort] = to.split('.');
      return { id: `e${i}`, source, sourcePort, target, targetPort };
    }),
  };
}
