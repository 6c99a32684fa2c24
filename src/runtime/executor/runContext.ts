/**
 * The `RunContext` handed to a node's `run`: progress that doubles as the cancellation point,
 * warnings and emitted files collected for the node's event and the run summary.
 */
import type { Preview } from '../engineApi';
import type { EmittedFile, FileProvider, ParamChoices, RunContext } from '../nodeDefinition';
import { AbortError } from '../nodeDefinition';

/** Shared by all nodes of one run: when the event loop last had a turn. */
export interface YieldClock {
  last: number;
  /** Longest stretch of synchronous work between two yields, ms. */
  everyMs: number;
}

export interface NodeRunContext extends RunContext {
  readonly warnings: string[];
  readonly emitted: EmittedFile[];
  /** Choices offered through `offerChoices`, by parameter. */
  readonly choices: Record<string, ParamChoices>;
  /** Drops a live preview still waiting for its turn (call when the node has finished). */
  closeLive(): void;
  /** The backend the node reported through `usedBackend` (undefined: it did not). */
  readonly backendUsed: string | undefined;
}

export function createRunContext(opts: {
  nodeId: string;
  signal: AbortSignal;
  files: FileProvider;
  clock: YieldClock;
  /** Minimum interval between two `running` events of this node, ms (the last one always goes). */
  eventEveryMs: number;
  onProgress: (progress: number, message?: string) => void;
  /** Receives live previews, throttled: at most one per `liveEveryMs`, the latest always delivered. */
  onLive?: (preview: Preview) => void;
  /** Minimum interval between two live previews, ms. @default 250 (≤ 4 per second) */
  liveEveryMs?: number;
  /** Compute backend the run asks for. @default 'auto' */
  backend?: 'auto' | 'cpu' | 'webgpu';
}): NodeRunContext {
  const { signal, clock } = opts;
  const warnings: string[] = [];
  const emitted: EmittedFile[] = [];
  const choices: Record<string, ParamChoices> = {};
  let lastEvent = -Infinity;
  const liveEveryMs = opts.liveEveryMs ?? 250;
  let lastLive = -Infinity;
  let pendingLive: Preview | null = null;
  let liveTimer: ReturnType<typeof setTimeout> | null = null;
  const sendLive = (): void => {
    liveTimer = null;
    if (!pendingLive || signal.aborted) return;
    const p = pendingLive;
    pendingLive = null;
    lastLive = performance.now();
    opts.onLive?.(p);
  };
  let backendUsed: string | undefined;
  return {
    nodeId: opts.nodeId,
    signal,
    backend: opts.backend ?? 'auto',
    get backendUsed() {
      return backendUsed;
    },
    usedBackend(name: string): void {
      backendUsed = name;
    },
    files: opts.files,
    warnings,
    emitted,
    choices,
    async progress(fraction: number, message?: string): Promise<void> {
      if (signal.aborted) throw new AbortError();
      const p = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
      const now = performance.now();
      if (now - lastEvent >= opts.eventEveryMs || p >= 1) {
        lastEvent = now;
        opts.onProgress(p, message);
      }
      // Give the event loop a turn now and then so a cancel message (worker) or timer (Node) runs.
      if (now - clock.last >= clock.everyMs) {
        await new Promise<void>((r) => setTimeout(r, 0));
        clock.last = performance.now();
        if (signal.aborted) throw new AbortError();
      }
    },
    warn(message: string): void {
      warnings.push(String(message));
    },
    emit(file: EmittedFile): void {
      const i = emitted.findIndex((f) => f.name === file.name);
      if (i >= 0) emitted[i] = file;
      else emitted.push(file);
    },
    offerChoices(param: string, offered: ParamChoices): void {
      choices[param] = { options: offered.options.map((o) => ({ value: String(o.value), label: String(o.label) })) };
    },
    livePreview(preview: Preview): void {
      if (!opts.onLive) return;
      pendingLive = preview;
      const wait = lastLive + liveEveryMs - performance.now();
      if (wait <= 0) sendLive();
      else liveTimer ??= setTimeout(sendLive, wait);
    },
    closeLive(): void {
      if (liveTimer !== null) clearTimeout(liveTimer);
      liveTimer = null;
      pendingLive = null;
    },
  };
}
