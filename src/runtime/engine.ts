/**
 * The engine behind `EngineApi`, in-process: the CLI and tests use it directly, the studio's worker
 * exposes it over Comlink. It owns the file store, the output cache (kept across runs, so a
 * parameter change re-runs only what is downstream) and the last outputs of every node, which
 * previews and the CLI's result writing read.
 *
 * One run at a time: `run` while another run is in progress does not start and answers a summary
 * with an error issue ("a run is already in progress"); to restart, `await cancel()` (it resolves
 * once the current run has stopped) and call `run` again.
 */
import type { EngineApi, NodeEvent, Preview, PreviewRequest, RunOptions, RunSummary } from './engineApi';
import type { FileProvider } from './nodeDefinition';
import type { FileRef } from './params';
import type { NodeRegistry } from './registryTypes';
import type { Value, ValueKind } from './values';
import type { WorkflowDocument, WorkflowIssue } from './workflow/types';
import { parseWorkflow } from './workflow/parseWorkflow';
import { mergeIssues } from './workflow/mergeIssues';
import { checkGraph } from './graph/checkGraph';
import { executeWorkflow, type NodeRecord } from './executor/executeWorkflow';
import { OutputCache } from './executor/outputCache';
import { MemoryFileStore } from './files/memoryFileStore';
import { makePreview } from './preview/makePreview';
import { OutputSpill } from './storage/outputSpill';
import type { SpillStore, StorageUsage } from './storage/spillStore';

/** A file source the engine can also add files to (the in-memory store by default). */
export interface EngineFileStore extends FileProvider {
  /** A Blob (File) over 256 MiB is kept as a handle and read by ranges (MemoryFileStore). */
  put(name: string, bytes: ArrayBuffer | Uint8Array | Blob): Promise<FileRef>;
  list(): FileRef[] | Promise<FileRef[]>;
}

export interface EngineOptions {
  /** Where `files` params resolve. @default a new MemoryFileStore */
  files?: EngineFileStore | FileProvider;
  /** Byte budget of the output cache. @default 2 GiB in Node, 1 GiB in browsers */
  cacheBytes?: number;
  /** Longest stretch of node work between two yields to the event loop, ms. @default 30 */
  yieldEveryMs?: number;
  /**
   * Where large outputs go after a run instead of staying in memory (OPFS in the studio's worker,
   * `storage/outputSpill.ts`). @default none: outputs stay in memory (CLI, tests)
   */
  spill?: { store: SpillStore; thresholdBytes?: number };
}

export class Engine implements EngineApi {
  readonly files: EngineFileStore | FileProvider;
  readonly cache: OutputCache;
  private readonly records = new Map<string, NodeRecord>();
  private readonly spill: OutputSpill | null;
  private current: { controller: AbortController; done: Promise<unknown> } | null = null;

  constructor(
    readonly registry: NodeRegistry,
    private readonly options: EngineOptions = {},
  ) {
    this.files = options.files ?? new MemoryFileStore();
    this.cache = new OutputCache(options.cacheBytes);
    this.spill = options.spill ? new OutputSpill(options.spill.store, options.spill.thresholdBytes) : null;
  }

  private store(): EngineFileStore {
    const f = this.files as Partial<EngineFileStore>;
    if (typeof f.put !== 'function' || typeof f.list !== 'function')
      throw new Error('this engine reads files from a folder provider; putFile/listFiles need an in-memory store');
    return this.files as EngineFileStore;
  }

  async putFile(name: string, bytes: ArrayBuffer | Uint8Array | Blob): Promise<FileRef> {
    return this.store().put(name, bytes);
  }

  async listFiles(): Promise<FileRef[]> {
    return this.store().list();
  }

  async validate(input: unknown): Promise<{ doc: WorkflowDocument | null; issues: WorkflowIssue[] }> {
    const { doc, issues } = parseWorkflow(input, this.registry);
    if (!doc) return { doc, issues };
    // Both check parameters and references: report each place once, the most severe.
    return { doc, issues: mergeIssues(issues, checkGraph(doc, this.registry)) };
  }

  async run(doc: WorkflowDocument, options: RunOptions = {}, onEvent?: (e: NodeEvent) => void): Promise<RunSummary> {
    if (this.current)
      return {
        ok: false,
        cancelled: false,
        issues: [
          { severity: 'error', message: 'a run is already in progress: cancel it (or wait for it to end) before starting another' },
        ],
        executed: [],
        cached: [],
        failed: [],
        files: [],
      };
    const controller = new AbortController();
    const task = (async (): Promise<RunSummary> => {
      try {
        const result = await executeWorkflow(doc, this.registry, {
          files: this.files,
          signal: controller.signal,
          targetNodeId: options.targetNodeId,
          backend: options.backend,
          cache: this.cache,
          onEvent,
          yieldEveryMs: this.options.yieldEveryMs,
        });
        const present = new Set(doc.nodes.map((n) => n.id));
        for (const id of [...this.records.keys()]) if (!present.has(id)) this.records.delete(id);
        for (const f of result.failed) this.records.delete(f.nodeId);
        for (const id of result.skipped) this.records.delete(id);
        for (const [id, rec] of result.records) this.records.set(id, rec);
        // A store that fails (no quota, storage blocked) leaves the outputs in memory; the run stands.
        await this.spill?.spill(this.records, result.records.keys(), doc.meta?.title || 'untitled').catch(() => {});
        // Only plain data crosses the worker boundary: drop the outputs map from the summary.
        const { records: _records, skipped: _skipped, ...summary } = result;
        return summary;
      } finally {
        this.current = null;
      }
    })();
    // `cancel()` awaits this: it settles only after the run has ended and the engine is idle.
    this.current = { controller, done: task.catch(() => {}) };
    return task;
  }

  /** Stops the current run; resolves once it has stopped (no-op when idle). */
  async cancel(): Promise<void> {
    const c = this.current;
    if (!c) return;
    c.controller.abort();
    await c.done;
  }

  /** Whether a run is in progress. */
  get running(): boolean {
    return this.current !== null;
  }

  async preview(req: PreviewRequest): Promise<Preview | null> {
    const kept = this.records.get(req.nodeId);
    if (!kept) return null;
    // Spilled outputs (and inputs) are read back for this preview only.
    const rec = this.spill ? await this.spill.restore(kept) : kept;
    const def = this.registry.get(rec.type);
    const paramFrame = rec.params.frame;
    const frame = req.frame ?? (typeof paramFrame === 'number' ? paramFrame : 0);
    if (def?.preview && req.port === undefined) return def.preview(rec.inputs, rec.params, frame, rec.outputs);
    const port = req.port ?? def?.outputs.find((p) => rec.outputs[p.name])?.name ?? Object.keys(rec.outputs)[0];
    if (port === undefined) return null;
    const value = rec.outputs[port];
    if (!value) {
      if (def && !def.outputs.some((p) => p.name === port))
        throw new RangeError(`port: node "${req.nodeId}" has no output "${port}" (outputs: ${def.outputs.map((p) => p.name).join(', ')})`);
      return null;
    }
    return makePreview(value, { frame });
  }

  async outputKinds(nodeId: string): Promise<Record<string, ValueKind>> {
    const rec = this.records.get(nodeId);
    const out: Record<string, ValueKind> = { ...this.spill?.kinds(nodeId) };
    if (rec) for (const [p, v] of Object.entries(rec.outputs)) out[p] = v.kind;
    return out;
  }

  /** Storage used by spilled outputs (and the origin's estimate), for the studio's storage panel. */
  async storageUsage(): Promise<StorageUsage> {
    if (!this.spill) return { usage: null, quota: null, thresholdBytes: Infinity, spilledBytes: 0, files: [], available: false };
    return this.spill.usage();
  }

  /** Deletes every spilled output; those nodes show no preview until the next run recomputes them. */
  async clearStorage(): Promise<StorageUsage> {
    await this.spill?.clear();
    return this.storageUsage();
  }

  /** Outputs at least this large are spilled after each run (no-op without a store). */
  async setSpillThreshold(bytes: number): Promise<void> {
    if (!(bytes >= 0)) throw new RangeError(`setSpillThreshold: bytes must be a non-negative number, got ${bytes}`);
    if (this.spill) this.spill.thresholdBytes = bytes;
  }

  /**
   * The output values of a node from the last run that produced them (CLI result writing). With a
   * spill store (the studio), outputs moved to it are not here: `preview` reads them back.
   */
  outputs(nodeId: string): Record<string, Value> | undefined {
    return this.records.get(nodeId)?.outputs;
  }

  /** Drops memoized outputs (e.g. when memory is needed); the next run recomputes everything. */
  clearCache(): void {
    this.cache.clear();
  }
}
