/**
 * The contract between the editor (main thread) and the engine (worker, or in-process in Node).
 * Only small things cross it: the workflow JSON, events, previews, emitted files. Data files go
 * in once (transferred) and big arrays stay on the engine side.
 */
import type { FileRef } from './params';
import type { EmittedFile, ParamChoices } from './nodeDefinition';
import type { WorkflowDocument, WorkflowIssue } from './workflow/types';
import type { AxisInfo, ValueKind } from './values';
import type { StorageUsage } from './storage/spillStore';

export type NodeStatus =
  | 'idle'
  | 'queued'
  | 'running'
  | 'done'
  | 'cached'
  | 'error'
  | 'cancelled'
  /** Not run because a node it depends on failed (the message names that node). */
  | 'skipped';

export type NodeEvent =
  | { nodeId: string; status: 'queued' }
  | { nodeId: string; status: 'running'; progress: number; message?: string }
  | {
      nodeId: string;
      status: 'done' | 'cached';
      /** Wall time of the node's own run in ms (0 when cached). */
      ms: number;
      /** Bytes of all outputs. */
      bytes: number;
      /** Short description per output port, e.g. `{ spectra: 'spectra 58×300' }`. */
      outputs: Record<string, string>;
      warnings: string[];
      /** Compute backend that ran the node's kernels ('cpu' or 'webgpu'; `src/compute`). */
      backend: string;
      /** Parameter choices the node found in its input (`RunContext.offerChoices`). */
      choices?: Record<string, ParamChoices>;
    }
  | { nodeId: string; status: 'error'; message: string; choices?: Record<string, ParamChoices> }
  | { nodeId: string; status: 'cancelled' }
  | { nodeId: string; status: 'skipped'; message: string }
  /** A running node's live preview (e.g. training curves), at most ~4 per second; not a status change. */
  | { nodeId: string; status: 'live'; preview: Preview };

export interface RunOptions {
  /** Run only this node and what it depends on ("run up to this node"). */
  targetNodeId?: string;
  /** Compute backend for nodes with GPU kernels: forced per run for tests and benchmarks. @default 'auto' */
  backend?: 'auto' | 'cpu' | 'webgpu';
}

export interface RunSummary {
  ok: boolean;
  cancelled: boolean;
  /** Graph problems that prevented the run (types, cycles, missing inputs). */
  issues: WorkflowIssue[];
  /** Node ids that actually executed (not from cache). */
  executed: string[];
  cached: string[];
  failed: { nodeId: string; message: string }[];
  files: { nodeId: string; file: EmittedFile }[];
}

/** Small, downsampled data the editor can draw. */
export type Preview =
  | {
      type: 'plot';
      xAxis: AxisInfo;
      yAxis: AxisInfo;
      /** Each series ≤ ~2000 points. */
      /** `style`: how the series is drawn; absent = `line`. `markers`: points only (e.g. frames on a curve). */
      series: { label: string; x: Float64Array; y: Float64Array; style?: 'line' | 'markers' }[];
      /** For series over time: seconds per series (same order). */
      time?: Float64Array;
      timeOrigin?: string;
    }
  | {
      type: 'image';
      width: number;
      height: number;
      /** Downsampled float values (≤ 1024 px on the long side). */
      data: Float32Array;
      /** Size of the full-resolution image. */
      fullWidth: number;
      fullHeight: number;
      min: number;
      max: number;
      /** Robust display range (0.5 / 99.5 percentiles). */
      lo: number;
      hi: number;
      frame: number;
      frames: number;
      frameAxis?: AxisInfo;
      frameCoord?: number;
      /** Set for labels: class names; data holds class indices. */
      classes?: string[];
      /** Colormap chosen on the node (view.image): 'gray' | 'viridis' | 'magma'; absent = gray. */
      colormap?: string;
      /** Labels overlaid on this image (from view.overlay). */
      overlay?: { data: Uint8Array; classes: string[]; opacity: number };
    }
  | {
      type: 'table';
      columns: { name: string; unit: string }[];
      rows: (number | string)[][];
      totalRows: number;
    };

export interface PreviewRequest {
  nodeId: string;
  /** Output port; default: the first output, or the node's preview for view nodes. */
  port?: string;
  /** Frame/slice index for stacks and labels. */
  frame?: number;
}

export interface EngineApi {
  /**
   * Register a data file under its name: bytes (transferred, not copied), or a `File` over 256 MiB
   * (structured-cloned as a handle, read there with `File.slice`).
   */
  putFile(name: string, bytes: ArrayBuffer | Blob): Promise<FileRef>;
  listFiles(): Promise<FileRef[]>;
  validate(doc: unknown): Promise<{ doc: WorkflowDocument | null; issues: WorkflowIssue[] }>;
  run(doc: WorkflowDocument, options: RunOptions, onEvent: (e: NodeEvent) => void): Promise<RunSummary>;
  cancel(): Promise<void>;
  preview(req: PreviewRequest): Promise<Preview | null>;
  /** The kinds actually produced by a node's outputs in the last run (for UI hints). */
  outputKinds(nodeId: string): Promise<Record<string, ValueKind>>;
  /** Storage used by large outputs kept out of memory (OPFS), by workflow and node (the storage panel). */
  storageUsage(): Promise<StorageUsage>;
  /** Deletes those files; answers the usage afterwards. */
  clearStorage(): Promise<StorageUsage>;
  /** Outputs at least this many bytes leave memory after a run. */
  setSpillThreshold(bytes: number): Promise<void>;
}
