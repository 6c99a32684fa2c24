/** Live parameter validation per node (schema checks + the node's own cross-parameter checks). */
import { useMemo } from 'react';
import type { AnyNodeDefinition } from '../runtime/nodeDefinition';
import type { ParamIssue } from '../runtime/params';
import { checkNodeParams } from '../runtime/workflow/checkNodeParams';
import type { WorkflowDocument, WorkflowNode } from '../runtime/workflow/types';
import { useStudio } from './studioContext';

export function nodeParamIssues(node: WorkflowNode, def: AnyNodeDefinition | undefined): ParamIssue[] {
  if (!def) return [];
  // The same checks (and messages) as opening a file and starting a run; the inspector shows them
  // beside each field, so the node-name prefix is left out.
  return checkNodeParams(node, def, '')
    .issues.filter((i) => i.severity === 'error')
    .map((i) => ({ param: i.field?.replace(/^params\.?/, '') ?? '', message: i.message.replace(/^: /, '') }));
}

export function useIssueCounts(doc: WorkflowDocument): Record<string, number> {
  const { store } = useStudio();
  return useMemo(() => {
    const out: Record<string, number> = {};
    for (const n of doc.nodes) {
      const k = nodeParamIssues(n, store.registry.get(n.type)).length;
      if (k) out[n.id] = k;
    }
    return out;
  }, [doc, store.registry]);
}
