import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { EngineApi, NodeEvent, RunSummary } from '../../runtime/engineApi';
import type { FileRef } from '../../runtime/params';
import { serializeWorkflow } from '../../runtime/workflow/serializeWorkflow';
import type { WorkflowDocument } from '../../runtime/workflow/types';
import { EditorStore } from '../editorStore';
import { StudioStorage } from '../persistence';
import { Studio, type EngineHandle } from '../studio';
import { chain, doc, testRegistry } from './testRegistry';
import { defaultRegistry } from '../../nodes/registry';
import type { NodeRegistry } from '../../runtime/registryTypes';

/** In-memory engine double: records files and replays scripted events. */
function fakeEngine(events: NodeEvent[] = [], summary: Partial<RunSummary> = {}) {
  const files = new Map<string, number>();
  const api = {
    async putFile(name: string, bytes: ArrayBuffer | File): Promise<FileRef> {
      const size = 'byteLength' in bytes ? bytes.byteLength : bytes.size;
      files.set(name, size);
      return { name, size };
    },
    async listFiles(): Promise<FileRef[]> {
      return [...files].map(([name, size]) => ({ name, size }));
    },
    async run(_d: WorkflowDocument, _o: unknown, onEvent: (e: NodeEvent) => void): Promise<RunSummary> {
      for (const e of events) onEvent(e);
      return { ok: true, cancelled: false, issues: [], executed: [], cached: [], failed: [], files: [], ...summary };
    },
    async cancel() {},
    async preview() {
      return null;
    },
  } as unknown as EngineApi;
  return { files, handle: { api, terminate() {} } as unknown as EngineHandle };
}

const example = doc(
  [{ id: 'n1', type: 'io.load-spectra', typeVersion: 2, params: { files: [{ name: 'ex/a.xdi' }] }, position: { x: 0, y: 0 } }],
  [],
);

/** Serves /examples/index.json, the example workflow and its one data file. */
const fakeFetch = (async (url: string) => {
  const body: Record<string, string> = {
    '/examples/index.json': JSON.stringify([{ id: 'first', title: 'First', description: '', workflow: 'first.json' }]),
    '/examples/first.json': serializeWorkflow({ ...example, meta: { title: 'First example' } }),
    '/examples/data/ex/a.xdi': '8000 1\n',
  };
  const text = body[url];
  return text === undefined
    ? new Response('<html>', { status: 200, headers: { 'content-type': 'text/html' } })
    : new Response(text, { status: 200, headers: { 'content-type': 'application/octet-stream' } });
}) as typeof fetch;

let dbn = 0;
async function setup(events: NodeEvent[] = [], summary: Partial<RunSummary> = {}, registry: NodeRegistry = testRegistry) {
  const storage = await StudioStorage.open(`studio-test-${++dbn}`);
  const store = new EditorStore(registry, doc());
  const engine = fakeEngine(events, summary);
  const studio = new Studio(store, registry, engine.handle, storage, {
    base: '/',
    putFile: (api, name, bytes) => api.putFile(name, bytes),
    fetch: fakeFetch,
    autosaveMs: 5,
  });
  return { storage, store, engine, studio };
}

describe('Studio', () => {
  it('opens the first example on first start and puts its data into the engine', async () => {
    const { store, engine, studio } = await setup();
    await studio.start('');
    expect(store.getState().doc.meta.title).toBe('First example');
    expect([...engine.files.keys()]).toEqual(['ex/a.xdi']);
    expect(store.getState().engineFiles.map((f) => f.name)).toEqual(['ex/a.xdi']);
  });

  it('restores the autosave and re-puts stored files; ?reset=1 ignores it', async () => {
    const { storage, store, engine, studio } = await setup();
    const saved = chain();
    await storage.saveAutosave(serializeWorkflow(saved), () => true);
    await storage.putFile('a.xdi', new Uint8Array([1, 2]));
    await studio.start('');
    expect(store.getState().doc.nodes.map((n) => n.id)).toEqual(['n1', 'n2', 'n3']);
    expect(engine.files.get('a.xdi')).toBe(2);
    await studio.start('?reset=1');
    expect(store.getState().doc.meta.title).toBe('First example');
  });

  it('autosaves edits after the debounce', async () => {
    const { storage, store, studio } = await setup();
    await studio.start('?example=first');
    store.addNode('clean.smooth', { x: 0, y: 0 });
    await new Promise((r) => setTimeout(r, 40));
    const text = await storage.loadAutosave();
    expect(JSON.parse(text!).nodes).toHaveLength(2);
  });

  it('opens what it can of a file with problems and lists them; refuses non-workflows', async () => {
    const { store, studio } = await setup();
    const bad = { ...chain(), nodes: [...chain().nodes, { id: 'u', type: 'x.nope', typeVersion: 1, params: { k: 1 }, position: { x: 0, y: 0 } }] };
    expect(await studio.openText(JSON.stringify(bad), 'bad.json')).toBe(true);
    expect(store.getState().doc.nodes.find((n) => n.id === 'u')?.params).toEqual({ k: 1 });
    expect(store.getState().issues?.issues.some((i) => i.nodeId === 'u' && i.field === 'type')).toBe(true);
    expect(store.getState().notice?.text).toMatch(/missing data file.*a\.xdi/i);
    expect(await studio.openText('{"nodes": 3', 'broken.json')).toBe(false);
    expect(store.getState().issues?.title).toBe('Cannot open broken.json');
    expect(store.getState().issues?.issues[0].message).toMatch(/line 1/);
    expect(store.getState().doc.nodes.find((n) => n.id === 'u')).toBeDefined();
  });

  it('a dropped data file becomes a loader node with the file set, stored for reloads', async () => {
    const { storage, store, engine, studio } = await setup();
    await studio.dropFiles([new File(['8000 1\n'], 'scan.xdi'), new File(['x'], 'notes.docx')], { x: 100, y: 50 });
    const n = store.getState().doc.nodes[0];
    expect(n.type).toBe('io.load-spectra');
    expect(n.position).toEqual({ x: 100, y: 50 });
    expect(n.params.files).toEqual([{ name: 'scan.xdi', size: 7 }]);
    expect(engine.files.has('scan.xdi')).toBe(true);
    expect((await storage.getFile('scan.xdi'))?.size).toBe(7);
    expect(store.getState().notice?.text).toMatch(/No loader for notes\.docx \(expected .*\.jdx .*or a workflow \.json\)/);
  });

  it('a data file over 256 MiB is not read: the File goes to the engine, IndexedDB keeps only name, size and date', async () => {
    const { storage, engine, studio } = await setup();
    const must = () => Promise.reject(new Error('must not be read'));
    const huge = { name: 'series.tif', size: 20 * 1024 ** 3, lastModified: 1700000000000, arrayBuffer: must, slice: must } as unknown as File;
    expect(await studio.addFiles([huge, new File(['8000 1\n'], 'scan.xdi')])).toHaveLength(2);
    expect(engine.files.get('series.tif')).toBe(20 * 1024 ** 3);
    expect(engine.files.has('scan.xdi')).toBe(true);
    const kept = await storage.getFile('series.tif');
    expect(kept).toMatchObject({ name: 'series.tif', size: 20 * 1024 ** 3, lastModified: 1700000000000 });
    expect(kept?.bytes).toBeUndefined();
    expect((await storage.getFile('scan.xdi'))?.bytes?.byteLength).toBe(7);
  });

  it('a dropped file is routed by its content too; a .poni fills the geometry parameter of its node', async () => {
    const { store, studio } = await setup([], {}, defaultRegistry);
    const jdx = new File(['##TITLE= 1H\n##XYDATA=(X++(Y..Y))\n1 2\n##END=\n'], 'spectrum.txt');
    const poni = new File(['Distance: 0.1\nPoni1: 0.01\n'], 'ring.poni');
    await studio.dropFiles([jdx, poni], { x: 0, y: 0 });
    const nodes = store.getState().doc.nodes;
    expect(nodes.map((n) => n.type)).toEqual(['io.load-jcamp', 'clean.azimuthal-integrate']);
    expect(nodes[0].params.files).toEqual([{ name: 'spectrum.txt', size: jdx.size }]);
    expect(nodes[1].params.geometry).toEqual([{ name: 'ring.poni', size: poni.size }]);
  });

  it('run folds engine events into node states and reports the result', async () => {
    const { store, studio } = await setup(
      [
        { nodeId: 'n1', status: 'queued' },
        { nodeId: 'n1', status: 'done', ms: 5, bytes: 10, outputs: {}, warnings: [], backend: 'cpu' },
        { nodeId: 'n2', status: 'error', message: 'window: expected an odd integer' },
      ],
      { ok: false, executed: ['n1'], failed: [{ nodeId: 'n2', message: 'window: expected an odd integer' }] },
    );
    store.replaceDoc(chain());
    await studio.run();
    const rs = store.getState().runStates;
    expect(rs.n1.status).toBe('done');
    expect(rs.n2).toEqual({ status: 'error', error: 'window: expected an odd integer' });
    expect(rs.n3.status).toBe('idle');
    expect(store.getState().running).toBe(false);
    expect(store.getState().notice).toMatchObject({ tone: 'error', text: expect.stringMatching(/1 node\(s\) failed/) });
  });

  it('a run refused for graph issues shows them in the issues panel', async () => {
    const { store, studio } = await setup([], {
      ok: false,
      issues: [{ severity: 'error', nodeId: 'n2', field: 'inputs.spectra', message: 'input not connected' }],
    });
    store.replaceDoc(chain());
    await studio.run('n2');
    expect(store.getState().issues?.title).toBe('The workflow cannot run');
  });
});
