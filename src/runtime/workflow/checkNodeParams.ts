import { validateParams } from '../params';
import type { AnyNodeDefinition } from '../nodeDefinition';
import type { WorkflowIssue, WorkflowNode } from './types';

/**
 * Checks a node's stored parameters against its type: each value against its spec
 * (`validateParams`), then the type's cross-parameter `check`. Missing parameters get their
 * defaults in `values`; bad and unknown ones are kept as they are (the user fixes them in the
 * inspector). One issue per problem, `{ nodeId, field: 'params.<name>' }`; unknown parameters are
 * warnings, everything else errors. `name` is how messages call the node (see nodeDisplayName).
 */
export function checkNodeParams(
  node: Pick<WorkflowNode, 'id' | 'params'>,
  def: AnyNodeDefinition,
  name: string = node.id,
): { values: Record<string, unknown>; issues: WorkflowIssue[] } {
  // Documents built in code (editor, tests) are typed, but a stray non-object must not throw here.
  const stored = typeof node.params === 'object' && node.params !== null && !Array.isArray(node.params) ? node.params : {};
  const { values, issues: paramIssues } = validateParams(def.params, stored);
  const issues: WorkflowIssue[] = paramIssues.map((p) => ({
    severity: p.param in def.params ? 'error' : 'warning',
    nodeId: node.id,
    field: `params.${p.param}`,
    message: `${name}: ${p.message}`,
  }));
  // `check` may assume well-typed values: run it only when every known parameter is valid.
  if (def.check && !issues.some((i) => i.severity === 'error')) {
    let extra: { param: string; message: string }[];
    try {
      extra = def.check(values as Parameters<NonNullable<AnyNodeDefinition['check']>>[0]);
    } catch (e) {
      extra = [{ param: '', message: `parameter check failed: ${e instanceof Error ? e.message : String(e)}` }];
    }
    for (const p of extra) {
      issues.push({
        severity: 'error',
        nodeId: node.id,
        field: p.param ? `params.${p.param}` : 'params',
        message: `${name}: ${p.message}`,
      });
    }
  }
  return { values, issues };
}
