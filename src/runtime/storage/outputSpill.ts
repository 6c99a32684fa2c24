/**
 * Moves the engine's large node outputs out of memory into a SpillStore (OPFS in the studio's
 * worker) after each run, and reads them back when a preview needs them.
 *
 * The engine keeps the last outputs of every node (for previews); without this, every
 * intermediate of a 20 GB pipeline would stay in the worker's heap. Outputs at least
 * `thresholdBytes` large are written once per content key (file name = workflow, node, port,
 * key), then dropped from the node records — and from the inputs of records that hold the same
 * object. The output cache is not touched: it has its own byte budget (LRU), so what it still
 * holds is bounded and is released when it evicts. Records are never mutated in place (their
 * `outputs` may be the cache entry's object): they get copies without the spilled ports.
 * A node that hands a pixel array on with new metadata (a view node) stores only the metadata
 * and refers to the file that holds the array; a file goes when no node refers to it.
 */
import type { NodeRecord } from '../executor/executeWorkflow';
import { valueByteSize, type Value, type ValueKind } from '../values';
import { deserializeValue, serializeValue } from './serializeValue';
import { parseSpillFileName, spillFileName, type SpillStore, type StorageUsage } from './spillStore';

export interface SpillRef {
  name: string;
  kind: ValueKind;
  bytes: number;
  /** The file holding this value's pixel array, when another node's file already has it (pass-through). */
  uses?: string;
}

/** The big array of a pixel value, which pass-through nodes hand on unchanged with new metadata. */
function pixelsOf(v: Value): object | null {
  return v.kind === 'image' || v.kind === 'stack' || v.kind === 'labels' ? v.data : null;
}

interface NodeSpill {
  outputs: Record<string, SpillRef>;
  inputs: Record<string, SpillRef>;
}

/** 64 MiB: a 2k×2k float image is 16 MiB; stacks and volumes are what should leave memory. */
export const DEFAULT_SPILL_THRESHOLD = 64 * 1024 * 1024;

export class OutputSpill {
  private readonly refs = new Map<string, NodeSpill>();
  /** Which file holds a pixel array in full, so a pass-through output only stores its metadata. */
  private readonly byArray = new WeakMap<object, SpillRef>();

  constructor(
    private readonly store: SpillStore,
    public thresholdBytes: number = DEFAULT_SPILL_THRESHOLD,
  ) {}

  /**
   * After a run: spills the large outputs of the `changed` records (those the run produced) and
   * forgets nodes that no longer have a record. A value that cannot be written (quota, a model
   * holding non-plain data) simply stays in memory.
   */
  async spill(records: Map<string, NodeRecord>, changed: Iterable<string>, workflow: string): Promise<void> {
    const gone: SpillRef[] = [];
    for (const [id, old] of [...this.refs]) {
      if (records.has(id)) continue;
      this.refs.delete(id);
      gone.push(...Object.values(old.outputs));
    }
    await this.removeUnused(gone);
    const byValue = new Map<Value, SpillRef>();
    for (const id of changed) {
      const rec = records.get(id);
      if (!rec) continue;
      const old = this.refs.get(id);
      const entry: NodeSpill = { outputs: {}, inputs: {} };
      const kept: Record<string, Value> = {};
      for (const [port, v] of Object.entries(rec.outputs)) {
        // A node passing a value through (a view node's image) shares the file of its producer.
        const same = byValue.get(v);
        if (same) {
          entry.outputs[port] = same;
          continue;
        }
        const bytes = valueByteSize(v);
        const name = spillFileName({ workflow, nodeId: id, port }, rec.key);
        if (bytes < this.thresholdBytes) {
          kept[port] = v;
          continue;
        }
        const pixels = pixelsOf(v);
        const holder = pixels ? this.byArray.get(pixels) : undefined;
        const shared = holder && holder.name !== name && this.isReferenced(holder.name) ? holder : undefined;
        const written = old?.outputs[port]?.name === name ? old.outputs[port] : undefined;
        const ref: SpillRef = written ?? { name, kind: v.kind, bytes, ...(shared ? { uses: shared.name } : {}) };
        if (!written && !(await this.write(name, shared ? ({ ...v, data: new Uint8Array(0) } as Value) : v))) {
          kept[port] = v;
          continue;
        }
        if (pixels && !ref.uses) this.byArray.set(pixels, ref);
        entry.outputs[port] = ref;
        byValue.set(v, ref);
      }
      rec.outputs = kept;
      this.refs.set(id, entry);
      await this.removeUnused(Object.values(old?.outputs ?? {}));
    }
    // Consumers' records hold the same objects as inputs (view nodes preview from them).
    for (const rec of records.values()) {
      let inputs: NodeRecord['inputs'] | null = null;
      for (const [port, v] of Object.entries(rec.inputs)) {
        const ref = v && byValue.get(v);
        if (!ref) continue;
        inputs ??= { ...rec.inputs };
        inputs[port] = undefined;
        const entry = this.refs.get(rec.nodeId) ?? { outputs: {}, inputs: {} };
        entry.inputs[port] = ref;
        this.refs.set(rec.nodeId, entry);
      }
      if (inputs) rec.inputs = inputs;
    }
  }

  private isReferenced(name: string): boolean {
    for (const e of this.refs.values()) if (Object.values(e.outputs).some((r) => r.name === name || r.uses === name)) return true;
    return false;
  }

  /** Removes the files of refs dropped from `refs` (and the pixel files they used) that nothing refers to any more. */
  private async removeUnused(dropped: SpillRef[]): Promise<void> {
    const names = new Set(dropped.flatMap((r) => (r.uses ? [r.name, r.uses] : [r.name])));
    for (const name of names) if (!this.isReferenced(name)) await this.store.remove(name);
  }

  private async write(name: string, v: Value): Promise<boolean> {
    try {
      await this.store.write(name, serializeValue(v).pieces);
      return true;
    } catch {
      await this.store.remove(name);
      return false;
    }
  }

  /** Kinds of a node's spilled outputs. */
  kinds(nodeId: string): Record<string, ValueKind> {
    const out: Record<string, ValueKind> = {};
    for (const [port, ref] of Object.entries(this.refs.get(nodeId)?.outputs ?? {})) out[port] = ref.kind;
    return out;
  }

  /** Whether `port` of `nodeId` was spilled. */
  has(nodeId: string, port: string): boolean {
    return this.refs.get(nodeId)?.outputs[port] !== undefined;
  }

  /** The record with its spilled outputs and inputs read back: a copy, the record keeps none of it. */
  async restore(rec: NodeRecord): Promise<NodeRecord> {
    const r = this.refs.get(rec.nodeId);
    if (!r) return rec;
    const read = async (name: string) => deserializeValue(await this.store.read(name), name);
    const load = async (ref: SpillRef): Promise<Value> => {
      const v = await read(ref.name);
      return ref.uses ? ({ ...v, data: pixelsOf(await read(ref.uses)) } as Value) : v;
    };
    const outputs = { ...rec.outputs };
    for (const [port, ref] of Object.entries(r.outputs)) outputs[port] = await load(ref);
    const inputs = { ...rec.inputs };
    for (const [port, ref] of Object.entries(r.inputs)) inputs[port] = await load(ref);
    return { ...rec, outputs, inputs };
  }

  async usage(): Promise<StorageUsage> {
    const list = await this.store.list();
    const est = (await this.store.estimate?.().catch(() => null)) ?? { usage: null, quota: null };
    const files = list.map((f) => ({ ...(parseSpillFileName(f.name) ?? { workflow: '', nodeId: f.name, port: '' }), name: f.name, bytes: f.bytes }));
    return { ...est, thresholdBytes: this.thresholdBytes, spilledBytes: files.reduce((n, f) => n + f.bytes, 0), files, available: true };
  }

  /** Removes every spill file; spilled outputs are gone until the next run recomputes them. */
  async clear(): Promise<void> {
    await this.store.clear();
    this.refs.clear();
  }
}
