/**
 * Toolbar button and panel for browser storage: the origin's usage and quota
 * (`navigator.storage.estimate()`), the large intermediates the engine keeps in the Origin Private
 * File System by workflow and node, and a button that clears them. Data comes from the engine
 * (worker) through `Studio.storageUsage()`; nothing is computed here (`storageSummary.ts`).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { StorageUsage } from '../runtime/storage/spillStore';
import { formatBytes, groupStorage } from './storageSummary';
import { useEditor, useStudio } from './studioContext';
import './storagePanel.css';

export function StorageButton() {
  const { studio } = useStudio();
  const running = useEditor((s) => s.running);
  const [open, setOpen] = useState(false);
  const [usage, setUsage] = useState<StorageUsage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  const act = useCallback(
    async (f: () => Promise<StorageUsage>) => {
      setBusy(true);
      try {
        setUsage(await f());
        setError(null);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      } finally {
        setBusy(false);
      }
    },
    [],
  );

  // Refresh on open and after each run (spilling happens at the end of a run).
  useEffect(() => {
    if (open && !running) void act(() => studio.storageUsage());
  }, [open, running, studio, act]);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);

  const groups = usage ? groupStorage(usage) : [];
  return (
    <div className="dropdown" ref={ref}>
      <button className="button ghost" data-testid="menu-storage" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        Storage ▾
      </button>
      {open && (
        <div className="dropdown-menu storage-panel" data-testid="storage-panel">
          <h3 className="panel-title">Browser storage</h3>
          {error && <p className="field-error">{error}</p>}
          {!usage && !error && <p className="muted">Reading…</p>}
          {usage && (
            <>
              <p className="storage-line" data-testid="storage-estimate">
                This site uses <b>{formatBytes(usage.usage)}</b> of {formatBytes(usage.quota)} (workflows, data files, intermediates).
              </p>
              {!usage.available ? (
                <p className="muted">No Origin Private File System here: intermediate results stay in memory.</p>
              ) : (
                <>
                  <p className="storage-line">
                    Large intermediates on disk (OPFS):{' '}
                    <b data-testid="storage-spilled" data-bytes={usage.spilledBytes}>
                      {formatBytes(usage.spilledBytes)}
                    </b>{' '}
                    in {usage.files.length} file{usage.files.length === 1 ? '' : 's'}.{' '}
                    <span className="muted">Node outputs of {formatBytes(usage.thresholdBytes)} or more leave memory after a run.</span>
                  </p>
                  {groups.length > 0 && (
                    <table className="storage-table" data-testid="storage-table">
                      <tbody>
                        {groups.map((g) => [
                          <tr key={`w:${g.workflow}`} className="storage-workflow">
                            <td>{g.workflow || '(untitled)'}</td>
                            <td>{formatBytes(g.bytes)}</td>
                          </tr>,
                          ...g.nodes.map((n) => (
                            <tr key={`n:${g.workflow}:${n.nodeId}`}>
                              <td className="storage-node">
                                {n.nodeId}
                                {n.ports.length > 0 && <span className="muted"> · {n.ports.join(', ')}</span>}
                              </td>
                              <td>{formatBytes(n.bytes)}</td>
                            </tr>
                          )),
                        ])}
                      </tbody>
                    </table>
                  )}
                </>
              )}
              <div className="storage-actions">
                <button className="button small" disabled={busy} onClick={() => void act(() => studio.storageUsage())}>
                  Refresh
                </button>
                <button
                  className="button small danger"
                  data-testid="storage-clear"
                  disabled={busy || running || !usage.available || usage.files.length === 0}
                  title={running ? 'Wait for the run to end' : 'Delete the intermediates kept on disk; nodes recompute them on the next run'}
                  onClick={() => void act(() => studio.clearStorage())}
                >
                  Clear
                </button>
              </div>
            </>
          )}
        </div>
      )}
    </div>
  );
}
