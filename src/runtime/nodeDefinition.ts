/**
 * What a node is: a declaration (type id, version, ports, parameter schema, help) plus a `run`
 * that calls pure functions of `src/ops` and *returns* its outputs. The executor stores outputs,
 * caches them and reports progress; a node never touches the UI or the graph.
 */
import type { ParamSchema, ParamValues, FileRef } from './params';
import type { Value, ValueKind } from './values';
import type { Preview } from './engineApi';
import type { FileIdentity } from './files/fileIdentity';

export const CATEGORIES = [
  'io',
  'clean',
  'register',
  'segment',
  'correlate',
  'dynamics',
  'view',
  'export',
] as const;
export type NodeCategory = (typeof CATEGORIES)[number];

export interface PortSpec {
  /** Port id, stable (stored in workflow files). */
  name: string;
  label: string;
  /** Kinds accepted (inputs) or possibly produced (outputs). A connection is allowed when the
   *  source's kinds and the target's kinds intersect; the runtime checks the actual value. */
  kinds: ValueKind[];
  /** Inputs only: the node cannot run without it. */
  required?: boolean;
  description?: string;
}

/** A file a node emits as a result (exports): written to --out by the CLI, offered as a download in the studio. */
export interface EmittedFile {
  name: string;
  mime: string;
  bytes: Uint8Array;
}

/** Resolves file references (by name) to bytes: browser store, CLI folder, bundled examples. */
export interface FileProvider {
  read(ref: FileRef): Promise<Uint8Array>;
  /**
   * Content hash (hex) of a file, for cache keys: sha256 of the bytes, or for a file over 256 MiB the
   * sampled sha256 (runtime/files/sampledSha256.ts); resolves without reading twice where possible.
   */
  hash(ref: FileRef): Promise<string>;
  /** Optional: the file's identity for provenance (full or sampled sha256, size, lastModified). */
  identity?(ref: FileRef): Promise<FileIdentity>;
  /**
   * Optional ranged read: bytes `[start, end)` of the file (fewer at its end), without reading the
   * rest — File.slice in the browser, a positioned read in Node. Loaders of large files use it to
   * read headers and only the frames they need; without it they fall back to `read`.
   */
  readRange?(ref: FileRef, start: number, end: number): Promise<Uint8Array>;
  /** Optional: the file's size in bytes without reading it (needed with `readRange`). */
  size?(ref: FileRef): Promise<number>;
}

/**
 * Values a parameter can take that only the input reveals (the columns of a CSV file): the node
 * offers them while it runs and the inspector shows them as a list instead of a text field.
 */
export interface ParamChoices {
  /** Options in display order; `value` is what the parameter stores. */
  options: { value: string; label: string }[];
}

export interface RunContext {
  readonly nodeId: string;
  readonly signal: AbortSignal;
  readonly files: FileProvider;
  /**
   * Report progress (0..1) with an optional message; throws an `AbortError` if the run was
   * cancelled, and yields to the event loop now and then so a cancel message can arrive.
   * Long loops must call it regularly (per frame, per block of rows).
   */
  progress(fraction: number, message?: string): Promise<void>;
  /** Non-fatal remark shown on the node (e.g. a file read with warnings). */
  warn(message: string): void;
  /** Emit a result file (export nodes). A file emitted again under the same name replaces the earlier one. */
  emit(file: EmittedFile): void;
  /**
   * Offer the choices of a string parameter found in the input (e.g. a file's column names); they
   * reach the editor with the node's done or error event. Optional (absent where nothing shows them).
   */
  offerChoices?(param: string, choices: ParamChoices): void;
  /**
   * Show a preview while the node runs (e.g. loss curves during training). The executor forwards
   * the latest one at most ~4 times per second; optional (absent where nothing can show it).
   */
  livePreview?(preview: Preview): void;
  /**
   * Compute backend this run asks for (`src/compute/selectBackend.ts`): 'auto' (WebGPU when an
   * adapter exists, else CPU) unless forced per run for tests and benchmarks. Absent = 'auto'.
   */
  readonly backend?: 'auto' | 'cpu' | 'webgpu';
  /** Records which backend ran the node's kernels; shown on the node. Not called = 'cpu'. */
  usedBackend?(name: string): void;
}

export interface NodeDefinition<S extends ParamSchema = ParamSchema> {
  /** `category.name`, never changes once released. */
  type: string;
  /** Bumped when params or behaviour change; `migrate` upgrades older params. */
  version: number;
  category: NodeCategory;
  title: string;
  /** Help text: what it does, the method and its reference (paper / tool). */
  help: string;
  inputs: PortSpec[];
  outputs: PortSpec[];
  params: S;
  /** Upgrade params stored by an older `typeVersion` to this version. */
  migrate?: (fromVersion: number, params: Record<string, unknown>) => Record<string, unknown>;
  /**
   * Cross-parameter checks beyond the schema (e.g. pre1 < pre2). Return messages naming the params.
   */
  check?: (params: ParamValues<S>) => { param: string; message: string }[];
  /** View/export nodes are "outputs": the CLI writes their results. */
  isOutput?: boolean;
  /**
   * Custom preview (view nodes that combine inputs, e.g. labels over an image). Without it, the
   * engine previews the node's first output value.
   */
  preview?: (
    inputs: Record<string, Value | undefined>,
    params: ParamValues<S>,
    frame: number,
    /** The node's outputs of the last run (for nodes whose preview draws from them). */
    outputs?: Record<string, Value>,
  ) => Preview | null;
  run(
    inputs: Record<string, Value | undefined>,
    params: ParamValues<S>,
    ctx: RunContext,
  ): Promise<Record<string, Value>>;
}

/** Keeps literal types of params for inference in `run`. */
export function defineNode<const S extends ParamSchema>(def: NodeDefinition<S>): NodeDefinition<S> {
  return def;
}

/** Erased form stored in the registry. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyNodeDefinition = NodeDefinition<any>;

/** Error thrown by nodes for bad input: shown on the node, names the file/field/param. */
export class NodeInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NodeInputError';
  }
}

/** Thrown when a run is cancelled. */
export class AbortError extends Error {
  constructor(message = 'cancelled') {
    super(message);
    this.name = 'AbortError';
  }
}

/** Typed access to an input with a clear error when absent or of the wrong kind. */
export function requireInput<K extends ValueKind>(
  inputs: Record<string, Value | undefined>,
  port: string,
  kinds: K[],
): Extract<Value, { kind: K }> {
  const v = inputs[port];
  if (!v) throw new NodeInputError(`input "${port}" is not connected`);
  if (!(kinds as string[]).includes(v.kind))
    throw new NodeInputError(`input "${port}": expected ${kinds.join(' or ')}, got ${v.kind}`);
  return v as Extract<Value, { kind: K }>;
}
