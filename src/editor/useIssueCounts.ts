/** Live parameter validation per node (schema checks + the node's own cross-parameter checks). */
import { useMemo } from 'react';
import type { AnyNodeDefinition } from '../runtime/nodeDefinition';
import { checkParam, type ParamIssue, type ParamSchema } from '../runtime/params';
import type { WorkflowDocument, WorkflowNode } from '../runtime/workflow/types';
import { useStudio } from './studioContext';

export function nodeParamIssues(node: WorkflowNode, def: AnyNodeDefinition | undefined): ParamIssue[] {
  if (!def) return [];
  const issues: ParamIssue[] = [];
  const schema: ParamSchema = def.params;
  for (const [name, spec] of Object.entries(schema)) {
    const v = name in node.params ? node.params[name] : spec.default;
    const msg = checkParam(name, spec, v);
    if (msg) issues.push({ param: name, message: msg });
  }
  if (issues.length === 0 && def.check) {
    try {
      issues.push(...def.check(node.params as Parameters<NonNullable<AnyNodeDefinition['check']>>[0]));
    } catch (e) {
      issues.push({ param: '', message: e instanceof Error ? e.message : String(e) });
    }
  }
  return issues;
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
