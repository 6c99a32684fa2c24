/** Dismissible list of problems of an opened/run workflow, grouped by node and field. */
import { nodeDisplayName } from '../runtime/workflow/nodeDisplayName';
import type { WorkflowIssue } from '../runtime/workflow/types';
import { useEditor, useStudio } from './studioContext';

export function IssuesPanel() {
  const { store } = useStudio();
  const report = useEditor((s) => s.issues);
  const doc = useEditor((s) => s.doc);
  if (!report) return null;
  const groups = new Map<string, WorkflowIssue[]>();
  for (const i of report.issues) {
    const k = i.nodeId ? `node:${i.nodeId}` : i.edgeId ? `edge:${i.edgeId}` : 'doc';
    groups.set(k, [...(groups.get(k) ?? []), i]);
  }
  const title = (k: string) => {
    if (k === 'doc') return 'Workflow';
    const [kind, id] = [k.slice(0, 4), k.slice(5)];
    if (kind === 'edge') return `Edge ${id}`;
    const n = doc.nodes.find((x) => x.id === id);
    return n ? nodeDisplayName(n, store.registry) : `Node ${id}`;
  };
  return (
    <div className="issues-panel" data-testid="issues-panel" role="region" aria-label="Workflow issues">
      <div className="issues-head">
        <b>{report.title}</b>
        <button className="button small ghost" data-testid="issues-dismiss" onClick={() => store.showIssues(null)} aria-label="Dismiss">
          ✕
        </button>
      </div>
      <div className="issues-body">
        {[...groups].map(([k, list]) => (
          <div key={k} className="issue-group">
            <button
              className="issue-target"
              onClick={() => k.startsWith('node:') && store.select([k.slice(5)], [])}
              disabled={!k.startsWith('node:')}
            >
              {title(k)}
            </button>
            <ul>
              {list.map((i, j) => (
                <li key={j} className={`issue-${i.severity}`}>
                  {i.field && <code>{i.field}</code>} {i.message}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </div>
  );
}
