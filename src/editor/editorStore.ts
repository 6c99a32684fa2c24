/**
 * The editor's state: the workflow document (with its undo history) as the single source of
 * truth, plus selection, run states and messages. A tiny external store read by React through
 * `useSyncExternalStore`; no React here, so every action is unit-tested.
 */
import type { EmittedFile } from '../runtime/nodeDefinition';
import type { FileRef } from '../runtime/params';
import type { NodeRegistry } from '../runtime/registryTypes';
import type { NodeEvent } from '../runtime/engineApi';
import type { WorkflowDocument, WorkflowIssue } from '../runtime/workflow/types';
import { copySelection, pasteClipboard, PASTE_OFFSET, type ClipboardData } from './clipboard';
import { addNode, connect, moveNodes, removeElements, setParam, staleNodes } from './docEdits';
import { canRedo, canUndo, commit, createHistory, redo, undo, type History } from './history';
import { applyNodeEvent, settleRun, type NodeRunState, type RunStates } from './runState';

export interface Notice {
  id: number;
  text: string;
  tone: 'info' | 'error' | 'ok';
}

export interface IssueReport {
  title: string;
  issues: WorkflowIssue[];
}

export interface EditorState {
  history: History<WorkflowDocument>;
  /** Always `history.present`. */
  doc: WorkflowDocument;
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  /** Transient positions while dragging; committed to the doc (one undo step) on drag end. */
  dragPositions: Readonly<Record<string, { x: number; y: number }>> | null;
  runStates: RunStates;
  running: boolean;
  notice: Notice | null;
  issues: IssueReport | null;
  engineFiles: FileRef[];
  emitted: { nodeId: string; file: EmittedFile }[];
  /** Bumped when a run ends so previews re-fetch. */
  runCounter: number;
  clipboard: ClipboardData | null;
  pasteCount: number;
  /** Bumped when a different document is loaded (new/open/example): the canvas re-fits its view. */
  docEpoch: number;
}

/** Edits of the same field within this time form one undo step (typing a number). */
const COALESCE_MS = 1200;

const EMPTY: ReadonlySet<string> = new Set();

export class EditorStore {
  private state: EditorState;
  private readonly listeners = new Set<() => void>();
  private lastCoalesce: { key: string; at: number } | null = null;
  private noticeSeq = 0;

  constructor(
    readonly registry: NodeRegistry,
    doc: WorkflowDocument,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.state = {
      history: createHistory(doc),
      doc,
      selectedNodes: EMPTY,
      selectedEdges: EMPTY,
      dragPositions: null,
      runStates: {},
      running: false,
      notice: null,
      issues: null,
      engineFiles: [],
      emitted: [],
      runCounter: 0,
      clipboard: null,
      pasteCount: 0,
      docEpoch: 0,
    };
  }

  getState = (): EditorState => this.state;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  private set(patch: Partial<EditorState>): void {
    const prevDoc = this.state.doc;
    this.state = { ...this.state, ...patch };
    if (patch.history) {
      this.state.doc = patch.history.present;
      if (this.state.doc !== prevDoc && !patch.runStates) this.state.runStates = this.markStale(prevDoc, this.state.doc);
    }
    for (const fn of this.listeners) fn();
  }

  /** Results of edited nodes (and what follows them) are out of date: back to idle. */
  private markStale(prev: WorkflowDocument, next: WorkflowDocument): RunStates {
    const rs = this.state.runStates;
    if (Object.keys(rs).length === 0) return rs;
    const stale = staleNodes(prev, next);
    let out: Record<string, NodeRunState> | null = null;
    for (const id of stale) {
      if (rs[id] && rs[id].status !== 'idle') {
        out ??= { ...rs };
        out[id] = { status: 'idle' };
      }
    }
    return out ?? rs;
  }

  /** Applies a document edit as one undo step; `coalesceKey` merges quick repeated edits of one field. */
  edit(fn: (doc: WorkflowDocument) => WorkflowDocument, coalesceKey?: string): void {
    const h = this.state.history;
    const next = fn(h.present);
    if (next === h.present) return;
    const t = this.now();
    const merge =
      coalesceKey !== undefined &&
      this.lastCoalesce?.key === coalesceKey &&
      t - this.lastCoalesce.at < COALESCE_MS &&
      h.past.length > 0;
    this.lastCoalesce = coalesceKey !== undefined ? { key: coalesceKey, at: t } : null;
    const history = merge ? { ...h, present: next, future: [] } : commit(h, next);
    this.set({ history, ...this.pruneSelection(next) });
  }

  /** Replaces the document (new/open/example): clears history, selection and run states. */
  replaceDoc(doc: WorkflowDocument): void {
    this.lastCoalesce = null;
    this.set({
      history: createHistory(doc),
      selectedNodes: EMPTY,
      selectedEdges: EMPTY,
      dragPositions: null,
      runStates: {},
      emitted: [],
      pasteCount: 0,
      docEpoch: this.state.docEpoch + 1,
    });
  }

  private pruneSelection(doc: WorkflowDocument): Partial<EditorState> {
    const ids = new Set(doc.nodes.map((n) => n.id));
    const eids = new Set(doc.edges.map((e) => e.id));
    const sn = [...this.state.selectedNodes].filter((id) => ids.has(id));
    const se = [...this.state.selectedEdges].filter((id) => eids.has(id));
    const patch: Partial<EditorState> = {};
    if (sn.length !== this.state.selectedNodes.size) patch.selectedNodes = new Set(sn);
    if (se.length !== this.state.selectedEdges.size) patch.selectedEdges = new Set(se);
    return patch;
  }

  canUndo(): boolean {
    return canUndo(this.state.history);
  }
  canRedo(): boolean {
    return canRedo(this.state.history);
  }
  undo(): void {
    if (!this.canUndo()) return;
    this.lastCoalesce = null;
    const history = undo(this.state.history);
    this.set({ history, ...this.pruneSelection(history.present) });
  }
  redo(): void {
    if (!this.canRedo()) return;
    this.lastCoalesce = null;
    const history = redo(this.state.history);
    this.set({ history, ...this.pruneSelection(history.present) });
  }

  addNode(type: string, position: { x: number; y: number }, params?: Record<string, unknown>): string {
    let id = '';
    this.edit((d) => {
      const r = addNode(d, this.registry, type, position, params);
      id = r.id;
      return r.doc;
    });
    this.select([id], []);
    return id;
  }

  connect(c: { source: string; sourcePort: string; target: string; targetPort: string }): void {
    this.edit((d) => connect(d, c));
  }

  setParam(nodeId: string, name: string, value: unknown): void {
    this.edit((d) => setParam(d, nodeId, name, value), `param:${nodeId}:${name}`);
  }

  select(nodeIds: Iterable<string>, edgeIds: Iterable<string>): void {
    const sn = new Set(nodeIds);
    const se = new Set(edgeIds);
    if (sameSet(sn, this.state.selectedNodes) && sameSet(se, this.state.selectedEdges)) return;
    this.set({ selectedNodes: sn, selectedEdges: se });
  }

  selectAll(): void {
    this.select(
      this.state.doc.nodes.map((n) => n.id),
      this.state.doc.edges.map((e) => e.id),
    );
  }

  deleteSelection(): void {
    const { selectedNodes, selectedEdges } = this.state;
    if (selectedNodes.size === 0 && selectedEdges.size === 0) return;
    this.edit((d) => removeElements(d, [...selectedNodes], [...selectedEdges]));
    this.set({ selectedNodes: EMPTY, selectedEdges: EMPTY });
  }

  /** Copies the selected nodes (and the edges between them); returns the clipboard data. */
  copy(): ClipboardData | null {
    const clip = copySelection(this.state.doc, [...this.state.selectedNodes]);
    if (clip) this.set({ clipboard: clip, pasteCount: 0 });
    return clip;
  }

  /** Pastes the internal clipboard (or `clip`), each paste offset further; selects the copy. */
  paste(clip: ClipboardData | null = this.state.clipboard): string[] {
    if (!clip || clip.nodes.length === 0) return [];
    const k = this.state.pasteCount + 1;
    let ids: string[] = [];
    this.edit((d) => {
      const r = pasteClipboard(d, clip, { x: PASTE_OFFSET * k, y: PASTE_OFFSET * k });
      ids = r.nodeIds;
      return r.doc;
    });
    this.set({ pasteCount: k, selectedNodes: new Set(ids), selectedEdges: EMPTY });
    return ids;
  }

  dragTo(positions: Record<string, { x: number; y: number }>): void {
    this.set({ dragPositions: { ...(this.state.dragPositions ?? {}), ...positions } });
  }

  /** Ends a drag: the final positions become one undo step. */
  endDrag(positions?: Record<string, { x: number; y: number }>): void {
    const all = { ...(this.state.dragPositions ?? {}), ...(positions ?? {}) };
    this.set({ dragPositions: null });
    if (Object.keys(all).length) this.edit((d) => moveNodes(d, all));
  }

  // --- run state -------------------------------------------------------------------------

  startRun(nodeIds: readonly string[]): void {
    const runStates: Record<string, { status: 'idle' }> = {};
    for (const id of nodeIds) runStates[id] = { status: 'idle' };
    this.set({ running: true, runStates: { ...this.state.runStates, ...runStates }, emitted: [] });
  }

  nodeEvent(e: NodeEvent): void {
    this.set({ runStates: applyNodeEvent(this.state.runStates, e) });
  }

  endRun(cancelled: boolean, emitted: { nodeId: string; file: EmittedFile }[] = []): void {
    this.set({
      running: false,
      runStates: settleRun(this.state.runStates, cancelled),
      emitted,
      runCounter: this.state.runCounter + 1,
    });
  }

  // --- messages and engine files -----------------------------------------------------------

  notify(text: string, tone: Notice['tone'] = 'info'): void {
    this.set({ notice: { id: ++this.noticeSeq, text, tone } });
  }
  dismissNotice(id?: number): void {
    if (this.state.notice && (id === undefined || this.state.notice.id === id)) this.set({ notice: null });
  }
  showIssues(report: IssueReport | null): void {
    this.set({ issues: report && report.issues.length ? report : null });
  }
  setEngineFiles(files: FileRef[]): void {
    this.set({ engineFiles: files });
  }
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
