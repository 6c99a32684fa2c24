/** Right panel, top: the selected node's help, label, parameter form and last run result. */
import { useState } from 'react';
import type { ParamSchema } from '../runtime/params';
import { setLabel } from './docEdits';
import { CATEGORY_INFO } from './categories';
import { ParamField } from './ParamField';
import { formatBytes, formatMs } from './runState';
import { useEditor, useStudio } from './studioContext';
import { nodeParamIssues } from './useIssueCounts';

export function Inspector() {
  const { store } = useStudio();
  const doc = useEditor((s) => s.doc);
  const selected = useEditor((s) => s.selectedNodes);
  const runStates = useEditor((s) => s.runStates);
  const [showAdvanced, setShowAdvanced] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);

  if (selected.size !== 1) {
    return (
      <section className="inspector" data-testid="inspector">
        <h2 className="panel-title">Inspector</h2>
        {selected.size === 0 ? (
          <div className="insp-empty">
            <p className="muted">Select a node to edit its parameters.</p>
            {doc.meta.description && <p className="help-text">{doc.meta.description}</p>}
            <p className="muted small">
              {doc.nodes.length} node{doc.nodes.length === 1 ? '' : 's'}, {doc.edges.length} connection
              {doc.edges.length === 1 ? '' : 's'}
            </p>
            <ul className="tips">
              <li>Drag a node from the palette, or double-click the canvas to search.</li>
              <li>Connect an output (right) to an input (left) of the same colour.</li>
              <li>Drop .tif / .xdi / .txt files or a workflow .json on the canvas.</li>
              <li>Ctrl+Z / Ctrl+Shift+Z undo/redo, Ctrl+C / Ctrl+V copy/paste, Del deletes.</li>
            </ul>
          </div>
        ) : (
          <p className="muted">{selected.size} nodes selected.</p>
        )}
      </section>
    );
  }
  const id = [...selected][0];
  const node = doc.nodes.find((n) => n.id === id);
  if (!node) return <section className="inspector" data-testid="inspector" />;
  const def = store.registry.get(node.type);
  const schema: ParamSchema = def?.params ?? {};
  const run = runStates[id];
  const issues = nodeParamIssues(node, def);
  const issueFor = (p: string) => issues.find((i) => i.param === p)?.message;
  const general = issues.filter((i) => !def || !(i.param in schema));
  const lead = def ? helpLead(def.help) : '';
  const hasAdvanced = Object.values(schema).some((s) => s.advanced);

  return (
    <section className="inspector" data-testid="inspector" key={id}>
      <div className="insp-head">
        {def && <span className="cat-chip" style={{ background: CATEGORY_INFO[def.category].color }}>{CATEGORY_INFO[def.category].label}</span>}
        <h2 className="panel-title">{def?.title ?? node.type}</h2>
        <span className="muted small">
          {node.type} v{node.typeVersion} · {id}
        </span>
      </div>
      <label className="field-label" htmlFor="insp-label">
        Label
      </label>
      <input
        id="insp-label"
        type="text"
        data-testid="node-label"
        placeholder={def?.title ?? node.type}
        value={node.label ?? ''}
        onChange={(e) => store.edit((d) => setLabel(d, id, e.target.value), `label:${id}`)}
      />
      {def ? (
        <>
          <p className="help-lead">{lead}</p>
          <details className="help" open={helpOpen} onToggle={(e) => setHelpOpen((e.target as HTMLDetailsElement).open)}>
            <summary>Method, reference and ports</summary>
            <p className="help-text">{def.help}</p>
            {(def.inputs.length > 0 || def.outputs.length > 0) && (
              <ul className="port-list">
                {def.inputs.map((p) => (
                  <li key={`i-${p.name}`}>
                    in <b>{p.label}</b> ({p.kinds.join(' | ')}){p.required ? '' : ', optional'}
                    {p.description ? ` — ${p.description}` : ''}
                  </li>
                ))}
                {def.outputs.map((p) => (
                  <li key={`o-${p.name}`}>
                    out <b>{p.label}</b> ({p.kinds.join(' | ')}){p.description ? ` — ${p.description}` : ''}
                  </li>
                ))}
              </ul>
            )}
          </details>
          <div className="params">
            {Object.entries(schema)
              .filter(([, spec]) => showAdvanced || !spec.advanced)
              .map(([name, spec]) => (
                <ParamField
                  key={name}
                  nodeId={id}
                  name={name}
                  spec={spec}
                  value={name in node.params ? node.params[name] : spec.default}
                  issue={issueFor(name)}
                  onChange={(v) => store.setParam(id, name, v)}
                />
              ))}
            {Object.keys(schema).length === 0 && <p className="muted">This node has no parameters.</p>}
            {hasAdvanced && (
              <label className="check adv-toggle">
                <input type="checkbox" checked={showAdvanced} onChange={(e) => setShowAdvanced(e.target.checked)} />
                Show advanced parameters
              </label>
            )}
          </div>
          {general.map((i) => (
            <p key={i.param + i.message} className="field-error">
              {i.message}
            </p>
          ))}
        </>
      ) : (
        <div className="unknown-box">
          <p>
            This node type is not known to this version of OperandoFlow. It is kept, with its parameters, so that saving does
            not lose it; it cannot run.
          </p>
          <pre>{JSON.stringify(node.params, null, 2)}</pre>
        </div>
      )}
      {run && run.status !== 'idle' && (
        <div className={`run-info status-${run.status}`}>
          <b>{run.status}</b>
          {run.status === 'done' && ` in ${formatMs(run.ms ?? 0)}`}
          {run.bytes !== undefined && ` · ${formatBytes(run.bytes)}`}
          {run.backend && ` · ${run.backend}`}
          {run.outputs && (
            <ul>
              {Object.entries(run.outputs).map(([p, d]) => (
                <li key={p}>
                  {p}: {d}
                </li>
              ))}
            </ul>
          )}
          {run.warnings?.map((w) => (
            <p key={w} className="warn">
              ⚠ {w}
            </p>
          ))}
          {run.error && <p className="field-error">{run.error}</p>}
        </div>
      )}
    </section>
  );
}

/**
 * The first sentence of a help text (always shown; the rest folds away): ends at . ! or ? followed
 * by a space and a capital, outside parentheses, and not after a one-letter initial ("M. Newville").
 */
export function helpLead(help: string): string {
  let depth = 0;
  for (let i = 0; i < help.length - 2; i++) {
    const c = help[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && '.!?'.includes(c) && /\s/.test(help[i + 1]) && /[A-Z"“(]/.test(help[i + 2])) {
      const initial = c === '.' && /(^|[\s(])[A-Z]$/.test(help.slice(Math.max(0, i - 2), i));
      if (!initial) return help.slice(0, i + 1).trim();
    }
  }
  return help.trim();
}
