/** A node on the canvas: header, typed ports as coloured handles, run status, progress, error. */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { PortSpec } from '../runtime/nodeDefinition';
import { CATEGORY_INFO, categoryOf } from './categories';
import { producedKind, type FlowNode as FlowNodeType } from './flowConversion';
import type { ValueKind } from '../runtime/values';
import { portBackground } from './kindColors';
import { formatBytes, formatMs } from './runState';

const STATUS_LABEL: Record<string, string> = {
  idle: '',
  queued: 'queued',
  running: 'running',
  done: 'done',
  cached: 'cached',
  error: 'error',
  cancelled: 'cancelled',
};

function FlowNodeView({ id, data, selected }: NodeProps<FlowNodeType>) {
  const { node, def, run } = data;
  const cat = def?.category ?? categoryOf(node.type);
  const color = cat ? CATEGORY_INFO[cat].color : '#8a8f96';
  const rows = Math.max(data.inputs.length, data.outputs.length);
  const title = node.label || def?.title || node.type;
  return (
    <div
      className={`fnode status-${run.status}${def ? '' : ' unknown'}${selected ? ' selected' : ''}`}
      data-testid={`node-${id}`}
      data-status={run.status}
      data-type={node.type}
    >
      <div className="fnode-head" style={{ borderTopColor: color }}>
        <span className="fnode-title" title={def?.help ?? `Unknown node type ${node.type}`}>
          {title}
        </span>
        {run.status !== 'idle' && <span className={`badge badge-${run.status}`}>{STATUS_LABEL[run.status]}</span>}
      </div>
      <div className="fnode-sub">
        {node.label && def ? `${def.title} · ` : ''}
        {id}
        {data.issueCount > 0 && (
          <span className="fnode-issues" title="Parameter problems: see the inspector">
            ⚠ {data.issueCount}
          </span>
        )}
      </div>
      {!def && <div className="fnode-unknown">Unknown type “{node.type}” — kept with its parameters</div>}
      <div className="fnode-ports">
        {Array.from({ length: rows }, (_, i) => (
          <div className="fnode-row" key={i}>
            <Port port={data.inputs[i]} type="target" />
            <Port port={data.outputs[i]} type="source" produced={producedKind(run.outputs?.[data.outputs[i]?.name ?? ''])} />
          </div>
        ))}
      </div>
      {run.status === 'running' && (
        <div className="fnode-progress" title={run.message}>
          <div style={{ width: `${Math.round((run.progress ?? 0) * 100)}%` }} />
        </div>
      )}
      {run.status === 'running' && run.message && <div className="fnode-msg">{run.message}</div>}
      {(run.status === 'done' || run.status === 'cached') && (
        <div className="fnode-foot">
          <span>{run.status === 'cached' ? 'cached' : formatMs(run.ms ?? 0)}</span>
          <span>{formatBytes(run.bytes ?? 0)}</span>
          {run.backend && run.backend !== 'cpu' && (
            <span className="fnode-backend" title="Compute backend that ran this node (the inspector shows it for every node)">
              {run.backend}
            </span>
          )}
          {run.warnings && run.warnings.length > 0 && (
            <span className="fnode-warn" title={run.warnings.join('\n')}>
              ⚠ {run.warnings.length}
            </span>
          )}
        </div>
      )}
      {run.status === 'error' && <div className="fnode-error">{run.error}</div>}
    </div>
  );
}

function Port({ port, type, produced }: { port: PortSpec | undefined; type: 'source' | 'target'; produced?: ValueKind }) {
  if (!port) return <span className="fnode-port empty" />;
  // An output that may give several kinds shows the one it gave in the last run.
  const kinds = produced && port.kinds.length > 1 && port.kinds.includes(produced) ? [produced] : port.kinds;
  return (
    <span className={`fnode-port ${type}`} title={`${port.label}: ${port.kinds.join(' | ') || 'unknown kind'}${port.description ? `\n${port.description}` : ''}`}>
      <Handle
        type={type}
        position={type === 'target' ? Position.Left : Position.Right}
        id={port.name}
        className="port-handle"
        style={{ background: kinds.length ? portBackground(kinds) : '#b8bec5' }}
      />
      <span className="port-label">
        {port.label}
        {type === 'target' && kinds.length > 0 && !port.required ? ' (opt.)' : ''}
      </span>
    </span>
  );
}

export const FlowNodeComponent = memo(FlowNodeView);
