import type { WorkflowIssue } from './types';

/**
 * Joins issue lists (parseWorkflow's and checkGraph's) reporting each place once: issues with the
 * same node/edge id and field are one problem seen twice (an unknown type is a warning when the
 * file opens and an error before a run), so the most severe is kept, first one on ties. Issues
 * without a field (cycles, file-level problems) are merged only when identical.
 */
export function mergeIssues(...lists: WorkflowIssue[][]): WorkflowIssue[] {
  const out: WorkflowIssue[] = [];
  const at = new Map<string, number>();
  for (const issue of lists.flat()) {
    const key =
      issue.field === undefined
        ? `=${issue.severity}|${issue.nodeId ?? ''}|${issue.edgeId ?? ''}|${issue.message}`
        : `@${issue.nodeId ?? ''}|${issue.edgeId ?? ''}|${issue.field}`;
    const k = at.get(key);
    if (k === undefined) {
      at.set(key, out.length);
      out.push(issue);
    } else if (issue.severity === 'error' && out[k].severity === 'warning') out[k] = issue;
  }
  return out;
}
