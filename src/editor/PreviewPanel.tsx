/** Right panel, bottom: the selected node's preview (plot, image or table) and its result files. */
import { useEffect, useState } from 'react';
import type { Preview } from '../runtime/engineApi';
import { ImageView } from './ImageView';
import { PaintView, PAINT_NODE_TYPE } from './paint/PaintView';
import { PlotView } from './PlotView';
import { downloadBlob, message } from './studio';
import { useEditor, useStudio } from './studioContext';
import { formatBytes } from './runState';

/** Tab name of a node's own preview (no port: the engine then asks the node). */
const OVERVIEW = '__overview';

export function PreviewPanel() {
  const { studio, store } = useStudio();
  const selected = useEditor((s) => s.selectedNodes);
  const runStates = useEditor((s) => s.runStates);
  const runCounter = useEditor((s) => s.runCounter);
  const emitted = useEditor((s) => s.emitted);
  const nodeId = selected.size === 1 ? [...selected][0] : null;
  const status = nodeId ? runStates[nodeId]?.status : undefined;
  const ready = status === 'done' || status === 'cached';
  const live = nodeId ? runStates[nodeId]?.live : undefined;
  const [frame, setFrame] = useState<number | undefined>(undefined);
  const [port, setPort] = useState<string | undefined>(undefined);
  const doc = useEditor((s) => s.doc);
  const def = nodeId ? store.registry.get(doc.nodes.find((n) => n.id === nodeId)?.type ?? '') : undefined;
  // Several outputs (e.g. spectra + a table of fit parameters): let the user pick which to see.
  // A processing node with its own preview (scores over time, frames on a voltage curve) shows it
  // first and its outputs after; view nodes with their own preview (overlay) show only that.
  const ports =
    def && def.preview && def.category !== 'view' && def.outputs.length > 0
      ? [{ name: OVERVIEW, label: 'Overview' }, ...def.outputs]
      : def && !def.preview && def.outputs.length > 1
        ? def.outputs
        : [];
  const [state, setState] = useState<{ key: string; preview: Preview | null; error?: string } | null>(null);

  useEffect(() => {
    setFrame(undefined);
    setPort(undefined);
  }, [nodeId]);

  const key = `${nodeId}|${runCounter}|${frame ?? ''}|${port ?? ''}|${ready}`;
  useEffect(() => {
    if (!nodeId || !ready) return;
    let live = true;
    studio
      .preview({ nodeId, ...(frame !== undefined ? { frame } : {}), ...(port ? { port } : {}) })
      .then((preview) => live && setState({ key, preview }))
      .catch((e) => live && setState({ key, preview: null, error: message(e) }));
    return () => {
      live = false;
    };
  }, [studio, nodeId, ready, frame, port, key]);

  const files = emitted.filter((f) => f.nodeId === nodeId);
  // The pixel classifier is painted on: its own view (input image, scribbles, prediction).
  if (nodeId && def?.type === PAINT_NODE_TYPE) {
    return (
      <section className="preview-panel" data-testid="preview-panel">
        <h2 className="panel-title">Paint scribbles</h2>
        <PaintView key={nodeId} nodeId={nodeId} />
      </section>
    );
  }
  const current = state && nodeId && state.key.startsWith(`${nodeId}|`) ? state : null;

  return (
    <section className="preview-panel" data-testid="preview-panel">
      <h2 className="panel-title">Preview</h2>
      {!nodeId && <p className="muted">Select a node to see its result.</p>}
      {nodeId && status === 'running' && live?.type === 'plot' && (
        <div data-testid="live-preview">
          <p className="muted small">Live: {runStates[nodeId]?.message ?? 'running…'}</p>
          <PlotView key={`${nodeId}|live`} preview={live} />
        </div>
      )}
      {nodeId && !ready && !(status === 'running' && live) && (
        <p className="muted">
          {status === 'running' || status === 'queued'
            ? 'Running…'
            : status === 'error'
              ? 'This node failed: see the message on the node.'
              : 'Not computed yet: press Run (or “Run to selected”).'}
        </p>
      )}
      {nodeId && ready && ports.length > 0 && (
        <div className="port-tabs" role="tablist" aria-label="Output shown">
          {ports.map((p, i) => {
            const active = (port ?? ports[0].name) === p.name;
            return (
              <button
                key={p.name}
                role="tab"
                aria-selected={active}
                className={`port-tab${active ? ' active' : ''}`}
                data-testid={`preview-port-${p.name}`}
                onClick={() => {
                  setPort(i === 0 ? undefined : p.name);
                  setFrame(undefined);
                }}
              >
                {p.label}
              </button>
            );
          })}
        </div>
      )}
      {nodeId && ready && current?.error && <p className="field-error">Preview failed: {current.error}</p>}
      {nodeId && ready && current && !current.error && current.preview === null && (
        <p className="muted">
          {files.length ? 'This node writes files: download them below.' : 'This node has no preview.'}
        </p>
      )}
      {nodeId && ready && current?.preview?.type === 'plot' && <PlotView key={`${nodeId}|${port ?? ''}`} preview={current.preview} />}
      {nodeId && ready && current?.preview?.type === 'image' && (
        <ImageView key={`${nodeId}|${port ?? ''}`} preview={current.preview} onFrame={(f) => setFrame(f)} />
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
