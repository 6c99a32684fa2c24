/**
 * The `RunContext` handed to a node's `run`: progress that doubles as the cancellation point,
 * warnings and emitted files collected for the node's event and the run summary.
 */
import type { EmittedFile, FileProvider, RunContext } from '../nodeDefinition';
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
}

export function createRunContext(opts: {
  nodeId: string;
  signal: AbortSignal;
  files: FileProvider;
  clock: YieldClock;
  /** Minimum interval between two `running` events of this node, ms (the last one always goes). */
  eventEveryMs: number;
  onProgress: (progress: number, message?: string) => void;
}): NodeRunContext {
  const { signal, clock } = opts;
  const warnings: string[] = [];
  const emitted: EmittedFile[] = [];
  let lastEvent = -Infinity;
  return {
    nodeId: opts.nodeId,
    signal,
    files: opts.files,
    warnings,
    emitted,
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
      emitted.push(file);
    },
  };
}
