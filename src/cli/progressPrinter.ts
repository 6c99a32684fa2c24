/**
 * Turns engine events into one stderr line per step of a node:
 * `[n3 clean.smooth] running 40% frame 12/29`, `[n3 clean.smooth] done 12 ms → spectra 29×1649`.
 * Progress lines are throttled to one per 10 % so long runs stay readable in a log.
 */
import type { NodeEvent } from '../runtime/engineApi';

export function progressPrinter(typeOf: (nodeId: string) => string, write: (line: string) => void): (e: NodeEvent) => void {
  const lastDecile = new Map<string, number>();
  return (e) => {
    const tag = `[${e.nodeId} ${typeOf(e.nodeId)}]`;
    switch (e.status) {
      case 'queued':
        return;
      case 'running': {
        const decile = Math.floor(Math.max(0, Math.min(1, e.progress)) * 10);
        if (lastDecile.get(e.nodeId) === decile) return;
        lastDecile.set(e.nodeId, decile);
        write(`${tag} running ${decile * 10}%${e.message ? ` ${e.message}` : ''}`);
        return;
      }
      case 'done':
      case 'cached': {
        const outs = Object.values(e.outputs);
        const what = outs.length ? ` → ${outs.join(', ')}` : '';
        write(`${tag} ${e.status === 'done' ? `done ${Math.round(e.ms)} ms` : 'cached'}${what}`);
        for (const w of e.warnings) write(`${tag} warning: ${w}`);
        return;
      }
      case 'error':
        write(`${tag} error: ${e.message}`);
        return;
      case 'cancelled':
        write(`${tag} cancelled`);
        return;
      case 'skipped':
        write(`${tag} skipped: ${e.message}`);
        return;
    }
  };
}
