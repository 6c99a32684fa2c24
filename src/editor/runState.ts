/**
 * Per-node run state shown on the canvas, folded from the engine's `NodeEvent`s. A tagged status
 * plus what the last event said (progress, time, size, error).
 */
import type { NodeEvent, NodeStatus, Preview } from '../runtime/engineApi';

export interface NodeRunState {
  status: NodeStatus;
  progress?: number;
  message?: string;
  ms?: number;
  bytes?: number;
  outputs?: Record<string, string>;
  warnings?: string[];
  backend?: string;
  error?: string;
  /** Latest live preview of a running node (small: e.g. training curves); dropped when it ends. */
  live?: Preview;
}

export type RunStates = Readonly<Record<string, NodeRunState>>;

export function applyNodeEvent(states: RunStates, e: NodeEvent): RunStates {
  let next: NodeRunState;
  switch (e.status) {
    case 'queued':
      next = { status: 'queued' };
      break;
    case 'running':
      next = { status: 'running', progress: clamp01(e.progress), message: e.message, live: states[e.nodeId]?.live };
      break;
    case 'live':
      next = { ...(states[e.nodeId] ?? { status: 'running' }), live: e.preview };
      break;
    case 'done':
    case 'cached':
      next = {
        status: e.status,
        ms: e.ms,
        bytes: e.bytes,
        outputs: e.outputs,
        warnings: e.warnings,
        backend: e.backend,
      };
      break;
    case 'error':
      next = { status: 'error', error: e.message };
      break;
    case 'cancelled':
      next = { status: 'cancelled' };
      break;
    default:
      return states;
  }
  return { ...states, [e.nodeId]: next };
}

/** When a run ends (finished, failed or cancelled), nodes still queued/running are marked cancelled. */
export function settleRun(states: RunStates, cancelled: boolean): RunStates {
  let changed = false;
  const out: Record<string, NodeRunState> = {};
  for (const [id, s] of Object.entries(states)) {
    if (s.status === 'queued' || s.status === 'running') {
      out[id] = { status: cancelled ? 'cancelled' : 'idle' };
      changed = true;
    } else out[id] = s;
  }
  return changed ? out : states;
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

/** `1.2 MB`, `340 kB`, `12 B`. */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '';
  if (n < 1000) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n / 1000;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

/** `12 ms`, `3.4 s`, `2 min 5 s`. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - 60 * m)} s`;
}
