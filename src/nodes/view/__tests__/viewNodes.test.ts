import { describe, expect, it } from 'vitest';
import { Engine } from '../../../runtime/engine';
import { defineNode } from '../../../runtime/nodeDefinition';
import { makeRegistry } from '../../../runtime/registryTypes';
import { emptyMeta, type Value } from '../../../runtime/values';
import { wf } from '../../../runtime/executor/__tests__/fakeNodes';
import { plotNode } from '../plot';
import { imageViewNode } from '../image';
import { overlayNode } from '../overlay';
import { tableViewNode } from '../table';

/** A node that outputs whatever value the test put under its `name` param. */
const fixtures = new Map<string, Value>();
const constNode = defineNode({
  type: 'test.const',
  version: 1,
  category: 'io',
  title: 'Const',
  help: 'Outputs a test value.',
  inputs: [],
  outputs: [{ name: 'out', label: 'Out', kinds: ['spectrum', 'spectra', 'image', 'stack', 'labels', 'table'] }],
  params: { name: { type: 'string', label: 'Name', description: 'fixture', default: '' } },
  async run(_i, p) {
    return { out: fixtures.get(p.name)! };
  },
});
const registry = makeRegistry([constNode, plotNode, imageViewNode, overlayNode, tableViewNode]);

const w = 6;
const h = 4;
fixtures.set('stack', {
  kind: 'stack',
  frames: 3,
  width: w,
  height: h,
  dtype: 'u8',
  data: Uint8Array.from({ length: 3 * w * h }, (_, i) => i),
  frameAxis: { name: 'time', unit: 's' },
  frameCoords: new Float64Array([0, 10, 20]),
  valueAxis: { name: 'counts', unit: '' },
  meta: emptyMeta(),
});
fixtures.set('labels', {
  kind: 'labels',
  frames: 1,
  width: w,
  height: h,
  data: Uint8Array.from({ length: w * h }, (_, i) => (i % w >= 3 ? 1 : 0)),
  classes: ['electrolyte', 'particle'],
  meta: emptyMeta(),
});
fixtures.set('smallLabels', {
  kind: 'labels',
  frames: 1,
  width: 2,
  height: 2,
  data: new Uint8Array(4),
  classes: ['a'],
  meta: emptyMeta(),
});
fixtures.set('table', {
  kind: 'table',
  rows: 3,
  columns: [
    { name: 't', unit: 's', data: new Float64Array([0, 1, 2]) },
    { name: 'V', unit: 'V', data: new Float64Array([3.4, 3.5, 3.6]) },
    { name: 'step', unit: '', text: ['cc', 'cc', 'cv'] },
  ],
  meta: emptyMeta(),
});

async function runView(viewType: string, params: Record<string, unknown>, inputs: Record<string, string>) {
  const engine = new Engine(registry);
  const nodes: [string, string, Record<string, unknown>][] = Object.entries(inputs).map(([port, name]) => [
    `src_${port}`,
    'test.const',
    { name },
  ]);
  nodes.push(['view', viewType, params]);
  const edges = Object.keys(inputs).map((port) => `src_${port}.out->view.${port}`);
  const summary = await engine.run(wf(nodes, edges), {}, () => {});
  return { engine, summary };
}

describe('view nodes', () => {
  it('all are output nodes of category view and pass their input through', async () => {
    for (const d of [plotNode, imageViewNode, overlayNode, tableViewNode]) {
      expect(d.isOutput).toBe(true);
      expect(d.category).toBe('view');
    }
    const { engine, summary } = await runView('view.table', {}, { table: 'table' });
    expect(summary.ok).toBe(true);
    expect(engine.outputs('view')!.table.kind).toBe('table');
    const p = await engine.preview({ nodeId: 'view' });
    expect(p).toMatchObject({ type: 'table', totalRows: 3, rows: [[0, 3.4, 'cc'], [1, 3.5, 'cc'], [2, 3.6, 'cv']] });
  });

  it('view.plot plots chosen table columns and names a wrong column', async () => {
    const ok = await runView('view.plot', { x: 't', y: 'V' }, { data: 'table' });
    expect(ok.summary.ok).toBe(true);
    const p = await ok.engine.preview({ nodeId: 'view' });
    if (p?.type !== 'plot') throw new Error('expected a plot');
    expect(p.series.map((s) => s.label)).toEqual(['V']);
    expect(p.xAxis).toEqual({ name: 't', unit: 's' });
    const bad = await runView('view.plot', { x: 't', y: 'step' }, { data: 'table' });
    expect(bad.summary.failed[0].message).toBe('y: column "step" holds text; expected a numeric column');
  });

  it('view.image previews the chosen frame with its colormap; the request frame wins', async () => {
    const { engine, summary } = await runView('view.image', { colormap: 'viridis', frame: 1 }, { image: 'stack' });
    expect(summary.ok).toBe(true);
    const p = await engine.preview({ nodeId: 'view' });
    if (p?.type !== 'image') throw new Error('expected an image');
    expect([p.frame, p.frames, p.colormap, p.frameCoord]).toEqual([1, 3, 'viridis', 10]);
    expect(p.data[0]).toBe(w * h);
    const p2 = await engine.preview({ nodeId: 'view', frame: 2 });
    expect(p2?.type === 'image' && p2.frame).toBe(2);
    const beyond = await runView('view.image', { frame: 3 }, { image: 'stack' });
    expect(beyond.summary.failed[0].message).toBe('frame: expected 0..2 (the input has 3 frames), got 3');
  });

  it('view.overlay previews labels over the image frame, with opacity', async () => {
    const { engine, summary } = await runView('view.overlay', { opacity: 0.3, frame: 2 }, { image: 'stack', labels: 'labels' });
    expect(summary.ok).toBe(true);
    const p = await engine.preview({ nodeId: 'view' });
    if (p?.type !== 'image') throw new Error('expected an image');
    expect(p.frame).toBe(2);
    expect(p.overlay?.opacity).toBe(0.3);
    expect(p.overlay?.classes).toEqual(['electrolyte', 'particle']);
    expect([...p.overlay!.data.slice(0, w)]).toEqual([0, 0, 0, 1, 1, 1]);
    expect(p.overlay!.data.length).toBe(p.width * p.height);
  });

  it('view.overlay refuses labels of another size, saying both sizes', async () => {
    const { summary } = await runView('view.overlay', {}, { image: 'stack', labels: 'smallLabels' });
    expect(summary.failed[0].message).toBe(
      'labels: 2×2 px, but image is 6×4 px; connect labels computed from this image',
    );
  });
});
