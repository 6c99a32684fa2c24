/** Right panel, bottom: the selected node's preview (plot, image or table) and its result files. */
import { useEffect, useState } from 'react';
import type { Preview } from '../runtime/engineApi';
import { ImageView } from './ImageView';
import { PlotView } from './PlotView';
import { downloadBlob, message } from './studio';
import { useEditor, useStudio } from './studioContext';
import { formatBytes } from './runState';

export function PreviewPanel() {
  const { studio } = useStudio();
  const selected = useEditor((s) => s.selectedNodes);
  const runStates = useEditor((s) => s.runStates);
  const runCounter = useEditor((s) => s.runCounter);
  const emitted = useEditor((s) => s.emitted);
  const nodeId = selected.size === 1 ? [...selected][0] : null;
  const status = nodeId ? runStates[nodeId]?.status : undefined;
  const ready = status === 'done' || status === 'cached';
  const [frame, setFrame] = useState<number | undefined>(undefined);
  const [state, setState] = useState<{ key: string; preview: Preview | null; error?: string } | null>(null);

  useEffect(() => setFrame(undefined), [nodeId]);

  const key = `${nodeId}|${runCounter}|${frame ?? ''}|${ready}`;
  useEffect(() => {
    if (!nodeId || !ready) return;
    let live = true;
    studio
      .preview({ nodeId, ...(frame !== undefined ? { frame } : {}) })
      .then((preview) => live && setState({ key, preview }))
      .catch((e) => live && setState({ key, preview: null, error: message(e) }));
    return () => {
      live = false;
    };
  }, [studio, nodeId, ready, frame, key]);

  const files = emitted.filter((f) => f.nodeId === nodeId);
  const current = state && nodeId && state.key.startsWith(`${nodeId}|`) ? state : null;

  return (
    <section className="preview-panel" data-testid="preview-panel">
      <h2 className="panel-title">Preview</h2>
      {!nodeId && <p className="muted">Select a node to see its result.</p>}
      {nodeId && !ready && (
        <p className="muted">
          {status === 'running' || status === 'queued'
            ? 'Running…'
            : status === 'error'
              ? 'This node failed: see the message on the node.'
              : 'Not computed yet: press Run (or “Run to selected”).'}
        </p>
      )}
      {nodeId && ready && current?.error && <p className="field-error">Preview failed: {current.error}</p>}
      {nodeId && ready && current && !current.error && current.preview === null && (
        <p className="muted">This node has no preview.</p>
      )}
      {nodeId && ready && current?.preview?.type === 'plot' && <PlotView key={nodeId} preview={current.preview} />}
      {nodeId && ready && current?.preview?.type === 'image' && (
        <ImageView key={nodeId} preview={current.preview} onFrame={(f) => setFrame(f)} />
      )}
      {nodeId && ready && current?.preview?.type === 'table' && <TableView preview={current.preview} />}
      {files.length > 0 && (
        <div className="downloads">
          <h3>Result files</h3>
          {files.map(({ file }, i) => (
            <button
              key={`${file.name}-${i}`}
              className="button"
              data-testid={`download-${file.name}`}
              onClick={() => downloadBlob(new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.mime }), file.name)}
            >
              ⬇ {file.name} <span className="muted small">{formatBytes(file.bytes.byteLength)}</span>
            </button>
          ))}
        </div>
      )}
    </section>
  );
}

function TableView({ preview }: { preview: Extract<Preview, { type: 'table' }> }) {
  return (
    <div className="table-view">
      <div className="table-scroll">
        <table data-testid="preview-table">
          <thead>
            <tr>
              {preview.columns.map((c) => (
                <th key={c.name}>
                  {c.name}
                  {c.unit ? <span className="unit"> ({c.unit})</span> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r, i) => (
              <tr key={i}>
                {r.map((v, j) => (
                  <td key={j} className={typeof v === 'number' ? 'num' : undefined}>
                    {typeof v === 'number' ? (Number.isInteger(v) ? v : Number(v.toPrecision(6))) : v}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.totalRows > preview.rows.length && (
        <p className="muted small">
          Showing {preview.rows.length} of {preview.totalRows} rows.
        </p>
      )}
    </div>
  );
}
