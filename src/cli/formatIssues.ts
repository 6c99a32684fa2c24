/**
 * Prints workflow problems the same way in `run` and `validate`: a bracket with the node (and its
 * type) or edge and the field, then the parser's message (which already names the node as the user
 * sees it): `error [node n3 clean.smooth, params.window] Smooth (n3): window: expected an odd integer, got 4`.
 */
import type { WorkflowDocument, WorkflowIssue } from '../runtime/workflow/types';

export function formatIssue(issue: WorkflowIssue, doc: WorkflowDocument | null): string {
  const where: string[] = [];
  if (issue.nodeId) {
    const node = doc?.nodes.find((n) => n.id === issue.nodeId);
    where.push(`node ${issue.nodeId}${node?.type ? ` ${node.type}` : ''}`);
  }
  if (issue.edgeId) where.push(`edge ${issue.edgeId}`);
  const place = [where.join(' '), issue.field].filter(Boolean).join(', ');
  return `${issue.severity}${place ? ` [${place}]` : ''} ${issue.message}`;
}

export function formatIssues(issues: readonly WorkflowIssue[], doc: WorkflowDocument | null): string[] {
  // Errors first, then in document order of their node, so problems of one node stay together.
  const order = new Map(doc?.nodes.map((n, i) => [n.id, i]) ?? []);
  return [...issues]
    .map((issue, i) => ({ issue, i }))
    .sort(
      (a, b) =>
        (a.issue.severity === 'error' ? 0 : 1) - (b.issue.severity === 'error' ? 0 : 1) ||
        (order.get(a.issue.nodeId ?? '') ?? -1) - (order.get(b.issue.nodeId ?? '') ?? -1) ||
        a.i - b.i,
    )
    .map(({ issue }) => formatIssue(issue, doc));
}
