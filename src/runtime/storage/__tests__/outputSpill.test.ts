// Large outputs out of memory: the value file format round-trips every kind of data exactly, and
// the engine with a spill store drops spilled outputs from its records, previews them from the
// store, reports usage by workflow and node, never corrupts the output cache, and clears.
import { beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../engine';
import { imageMakerNode, resetCounters, runs, testRegistry, wf } from '../../executor/__tests__/fakeNodes';
import { defineNode, requireInput } from '../../nodeDefinition';
import { makeRegistry } from '../../registryTypes';
import { deserializeValue, serializeValue } from '../serializeValue';
import { parseSpillFileName, spillFileName, type SpillStore } from '../spillStore';
import type { StackValue, TableValue } from '../../values';

/** A SpillStore in a Map (the OPFS one needs a browser), counting writes; optionally full. */
function memoryStore(opts: { full?: boolean } = {}): SpillStore & { files: Map<string, Uint8Array>; writes: number } {
  const files = new Map<string, Uint8Array>();
  const s = {
    files,
    writes: 0,
    async write(name: string, pieces: readonly Uint8Array[]) {
      if (opts.full) throw new Error('QuotaExceededError');
      s.writes++;
      const out = new Uint8Array(pieces.reduce((n, p) => n + p.byteLength, 0));
      let at = 0;
      for (const p of pieces) {
        out.set(p, at);
        at += p.byteLength;
      }
      files.set(name, out);
      return at;
    },
    async read(name: string) {
      const b = files.get(name);
      if (!b) throw new Error(`no file ${name}`);
      return b.slice();
    },
    async remove(name: string) {
      files.delete(name);
    },
    async list() {
      return [...files].map(([name, b]) => ({ name, bytes: b.byteLength }));
    },
    async clear() {
      files.clear();
    },
  };
  return s;
}

const join = (pieces: Uint8Array[]) => {
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
};

describe('serializeValue / deserializeValue', () => {
  it('round-trips a stack with u16 pixels, f64 coordinates, nested metadata and non-finite numbers', () => {
    const stack: StackValue = {
      kind: 'stack',
      frames: 3,
      width: 5,
      height: 7,
      dtype: 'u16',
      data: Uint16Array.from({ length: 105 }, (_, i) => i * 611),
      frameAxis: { name: 'time', unit: 's' },
      frameCoords: Float64Array.from([0, 0.1, 1e-300]),
      valueAxis: { name: 'intensity', unit: '' },
      pixelSize: { x: 0.65, y: 0.65, unit: 'µm' },
      meta: { sources: [{ name: 'a.tif', sha256: 'ab', size: 3 }], history: [], attrs: { nan: NaN, inf: -Infinity, note: 'x' } },
    };
    const { pieces, bytes } = serializeValue(stack);
    const file = join(pieces);
    expect(file.byteLength).toBe(bytes);
    const back = deserializeValue(file) as StackValue;
    expect(back).toEqual(stack);
    expect(back.data).toBeInstanceOf(Uint16Array);
    expect(back.data.buffer).toBe(file.buffer); // a view on the bytes read, not a copy
    expect(back.frameCoords.byteOffset % 8).toBe(0);
  });

  it('round-trips a table of numeric and text columns', () => {
    const t = {
      kind: 'table',
      rows: 2,
      columns: [
        { name: 'E', unit: 'V', data: Float64Array.from([3.1, 4.2]) },
        { name: 'label', unit: '', text: ['a', 'b'] },
      ],
      meta: { sources: [], history: [], attrs: {} },
    } as unknown as TableValue;
    expect(deserializeValue(join(serializeValue(t).pieces))).toEqual(t);
  });

  it('refuses foreign and truncated files and non-plain data by name', () => {
    expect(() => deserializeValue(new Uint8Array(16), 'x.ofv')).toThrow('x.ofv: not an OperandoFlow value file (expected "OFV1")');
    const file = join(serializeValue({ kind: 'spectrum', x: new Float64Array(100), y: new Float64Array(100), meta: { sources: [], history: [], attrs: {} } } as never).pieces);
    expect(() => deserializeValue(file.slice(0, file.byteLength - 8), 'y.ofv')).toThrow(/y\.ofv: array 1 \(100 × Float64Array\) runs past the end; truncated\?/);
    expect(() => serializeValue({ kind: 'spectrum', meta: new Map() } as never)).toThrow('serializeValue: value.meta is a [object Map], expected plain data and typed arrays');
  });

  it('file names carry workflow, node and port, and parse back', () => {
    const name = spillFileName({ workflow: 'XANES ~ operando/1', nodeId: 'n1', port: 'out' }, 'abcdef0123456789abcdef0123456789');
    expect(name).not.toMatch(/\//);
    expect(parseSpillFileName(name)).toEqual({ workflow: 'XANES ~ operando/1', nodeId: 'n1', port: 'out' });
    expect(parseSpillFileName('other.bin')).toBeNull();
  });
});

describe('Engine with a spill store', () => {
  beforeEach(() => resetCounters());
  const doc = () => {
    const d = wf([['load', 'test.load', { files: [{ name: 'scan.bin' }] }], ['add', 'test.add', { add: 1 }]], ['load.out->add.in']);
    d.meta.title = 'Spill test';
    return d;
  };

  it('spills outputs above the threshold, previews them from the store, keeps the cache intact, clears', async () => {
    const store = memoryStore();
    const engine = new Engine(testRegistry, { spill: { store, thresholdBytes: 0 } });
    await engine.putFile('scan.bin', new Uint8Array([5, 6, 7]).buffer);
    expect((await engine.run(doc(), {}, () => {})).ok).toBe(true);

    // Out of the records, still known by kind and previewed from the store.
    expect(engine.outputs('add')).toEqual({});
    expect(await engine.outputKinds('add')).toEqual({ out: 'spectrum' });
    const p = await engine.preview({ nodeId: 'add' });
    if (p?.type !== 'plot') throw new Error('expected a plot preview');
    expect([...p.series[0].y]).toEqual([6, 7, 8]);

    const usage = await engine.storageUsage();
    expect(usage.available).toBe(true);
    expect(usage.files.map((f) => [f.workflow, f.nodeId, f.port]).sort()).toEqual([['Spill test', 'add', 'out'], ['Spill test', 'load', 'out']]);
    expect(usage.spilledBytes).toBeGreaterThan(0);
    expect(usage.spilledBytes).toBe(usage.files.reduce((n, f) => n + f.bytes, 0));

    // A second run is served from the cache (whose entries spilling must not have emptied) and
    // does not write the same content again.
    const writes = store.writes;
    const again = await engine.run(doc(), {}, () => {});
    expect(again.cached.sort()).toEqual(['add', 'load']);
    expect(Object.fromEntries(runs)).toEqual({ load: 1, add: 1 });
    expect(store.writes).toBe(writes);
    const p2 = await engine.preview({ nodeId: 'add' });
    if (p2?.type !== 'plot') throw new Error('expected a plot preview');
    expect([...p2.series[0].y]).toEqual([6, 7, 8]);

    // New content replaces the node's old file instead of adding one.
    await engine.putFile('scan.bin', new Uint8Array([1]).buffer);
    await engine.run(doc(), {}, () => {});
    expect(store.files.size).toBe(2);

    const cleared = await engine.clearStorage();
    expect([cleared.files, cleared.spilledBytes]).toEqual([[], 0]);
    expect(await engine.preview({ nodeId: 'add' })).toBeNull();
  });

  it('below the threshold, or when the store is full, outputs stay in memory', async () => {
    const small = new Engine(testRegistry, { spill: { store: memoryStore(), thresholdBytes: 1 << 20 } });
    await small.putFile('scan.bin', new Uint8Array([5]).buffer);
    await small.run(doc(), {}, () => {});
    expect(Object.keys(small.outputs('add')!)).toEqual(['out']);
    expect((await small.storageUsage()).files).toEqual([]);

    const full = new Engine(testRegistry, { spill: { store: memoryStore({ full: true }), thresholdBytes: 0 } });
    await full.putFile('scan.bin', new Uint8Array([5]).buffer);
    expect((await full.run(doc(), {}, () => {})).ok).toBe(true);
    expect(Object.keys(full.outputs('add')!)).toEqual(['out']);

    const none = new Engine(testRegistry);
    expect(await none.storageUsage()).toMatchObject({ available: false, files: [], spilledBytes: 0 });
  });

  it('a node passing an image through stores only its metadata and shares its producer\'s pixels', async () => {
    const pass = defineNode({
      type: 'test.pass',
      version: 1,
      category: 'view',
      title: 'Pass',
      help: 'Hands its image on (the executor gives it new metadata).',
      inputs: [{ name: 'in', label: 'In', kinds: ['image'], required: true }],
      outputs: [{ name: 'out', label: 'Out', kinds: ['image'] }],
      params: {},
      async run(inputs) {
        return { out: requireInput(inputs, 'in', ['image']) };
      },
    });
    const store = memoryStore();
    const engine = new Engine(makeRegistry([imageMakerNode, pass]), { spill: { store, thresholdBytes: 0 } });
    const d = wf([['img', 'test.image', {}], ['view', 'test.pass', {}]], ['img.out->view.in']);
    expect((await engine.run(d, {}, () => {})).ok).toBe(true);
    const sizes = Object.fromEntries((await engine.storageUsage()).files.map((f) => [f.nodeId, f.bytes]));
    const full = deserializeValue((await store.read([...store.files.keys()].find((n) => n.includes('~img~'))!)));
    expect(full.kind === 'image' && Array.from(full.data)).toEqual([1, 2, 3, 4]);
    // The view node's file holds no pixels (an empty array), its preview still shows them.
    const own = deserializeValue(await store.read([...store.files.keys()].find((n) => n.includes('~view~'))!));
    expect(own.kind === 'image' && own.data.length).toBe(0);
    expect(sizes.view).toBeLessThan(sizes.img + 200);
    const p = await engine.preview({ nodeId: 'view' });
    expect(p?.type).toBe('image');
    // Nodes that leave the workflow leave no file behind, shared pixel files included.
    await engine.run(wf([['view2', 'test.image', {}]]), {}, () => {});
    expect(store.files.size).toBe(1);
  });
});
