/**
 * Per-node run state shown on the canvas, folded from the engine's `NodeEvent`s. A tagged status
 * plus what the last event said (progress, time, size, error).
 */
import type { NodeEvent, NodeStatus, Preview } from '../runtime/engineApi';
import type { ParamChoices } from '../runtime/nodeDefinition';

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
  /** Parameter choices found in the input by the last run (a CSV's columns); kept while it re-runs. */
  choices?: Record<string, ParamChoices>;
}

export type RunStates = Readonly<Record<string, NodeRunState>>;

export function applyNodeEvent(states: RunStates, e: NodeEvent): RunStates {
  let next: NodeRunState;
  switch (e.status) {
    case 'queued':
      next = withChoices({ status: 'queued' }, states[e.nodeId]?.choices);
      break;
    case 'running':
      next = withChoices({ status: 'running', progress: clamp01(e.progress), message: e.message, live: states[e.nodeId]?.live }, states[e.nodeId]?.choices);
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
      if (e.choices) next.choices = e.choices;
      break;
    case 'error':
      next = withChoices({ status: 'error', error: e.message }, e.choices ?? states[e.nodeId]?.choices);
      break;
    case 'cancelled':
      next = withChoices({ status: 'cancelled' }, states[e.nodeId]?.choices);
      break;
    default:
      return states;
  }
  return { ...states, [e.nodeId]: next };
}

/** Keeps the choices of the last run while the node is queued or re-runs, so the inspector's lists do not flicker. */
function withChoices(s: NodeRunState, choices: Record<string, ParamChoices> | undefined): NodeRunState {
  return choices ? { ...s, choices } : s;
}

/** When a run ends (finished, failed or cancelled), nodes still queued/running are marked cancelled. */
export function settleRun(states: RunStates, cancelled: boolean): RunStates {
  let changed = false;
  const out: Record<string, NodeRunState> = {};
  for (const [id, s] of Object.entries(states)) {
    if (s.status === 'queued' || s.status === 'running') {
      out[id] = withChoices({ status: cancelled ? 'cancelled' : 'idle' }, s.choices);
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
