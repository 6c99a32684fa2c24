/**
 * Memoized node outputs, keyed by a node's content key (type + version, params, file hashes and
 * upstream keys — see `nodeKey.ts`), evicted least-recently-used when the bytes held exceed a
 * budget. This is the one stateful piece of the executor: an entry is immutable once stored, and
 * the same Value objects are handed to every consumer.
 */
import type { EmittedFile, ParamChoices } from '../nodeDefinition';
import type { Value } from '../values';

export interface CacheEntry {
  outputs: Record<string, Value>;
  warnings: string[];
  files: EmittedFile[];
  /** Bytes of the outputs' arrays plus emitted files (what the budget counts). */
  bytes: number;
  /** Compute backend that produced the outputs (absent: 'cpu'). */
  backend?: string;
  /** Parameter choices the node offered while producing them. */
  choices?: Record<string, ParamChoices>;
}

const GiB = 1024 ** 3;

/** 2 GiB in Node (CLI, tests); 1 GiB in a browser tab's worker, whose heap is smaller. */
export function defaultCacheBytes(): number {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof proc?.versions?.node === 'string' ? 2 * GiB : 1 * GiB;
}

export class OutputCache {
  // Map iteration order is insertion order: re-inserting on access keeps the oldest first.
  private readonly entries = new Map<string, CacheEntry>();
  private held = 0;

  constructor(readonly maxBytes: number = defaultCacheBytes()) {
    if (!Number.isFinite(maxBytes) || maxBytes < 0)
      throw new RangeError(`OutputCache: maxBytes must be a non-negative number, got ${maxBytes}`);
  }

  get(key: string): CacheEntry | undefined {
    const e = this.entries.get(key);
    if (e) {
      this.entries.delete(key);
      this.entries.set(key, e);
    }
    return e;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Stores an entry; one larger than the whole budget is not kept (the run still uses it). */
  set(key: string, entry: CacheEntry): void {
    this.delete(key);
    if (entry.bytes > this.maxBytes) return;
    this.entries.set(key, entry);
    this.held += entry.bytes;
    for (const [k, e] of this.entries) {
      if (this.held <= this.maxBytes) break;
      this.entries.delete(k);
      this.held -= e.bytes;
    }
  }

  delete(key: string): boolean {
    const e = this.entries.get(key);
    if (!e) return false;
    this.entries.delete(key);
    this.held -= e.bytes;
    return true;
  }

  clear(): void {
    this.entries.clear();
    this.held = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.held;
  }
}
