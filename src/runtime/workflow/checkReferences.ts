import type { NodeRegistry } from '../registryTypes';
import { nodeDisplayName } from './nodeDisplayName';
import type { WorkflowDocument, WorkflowIssue } from './types';

/**
 * Checks that ids are unique and that every edge joins existing nodes on ports their types have.
 * Nothing is removed: a broken edge stays in the document (so saving loses nothing) and is
 * reported as `{ edgeId, field }`. Ports of nodes of unknown type cannot be checked and are not
 * reported (the unknown type is).
 */
export function checkReferences(doc: WorkflowDocument, registry: NodeRegistry): WorkflowIssue[] {
  const issues: WorkflowIssue[] = [];
  const nodes = new Map<string, WorkflowDocument['nodes'][number]>();
  const nodeCount = new Map<string, number>();
  for (const n of doc.nodes) {
    nodeCount.set(n.id, (nodeCount.get(n.id) ?? 0) + 1);
    if (!nodes.has(n.id)) nodes.set(n.id, n);
  }
  for (const [id, count] of nodeCount) {
    if (count > 1)
      issues.push({
        severity: 'error',
        nodeId: id,
        field: 'id',
        message: `node id "${id}" is used by ${count} nodes; ids must be unique (rename all but one)`,
      });
  }
  const edgeCount = new Map<string, number>();
  for (const e of doc.edges) edgeCount.set(e.id, (edgeCount.get(e.id) ?? 0) + 1);
  for (const [id, count] of edgeCount) {
    if (count > 1)
      issues.push({
        severity: 'error',
        edgeId: id,
        field: 'id',
        message: `edge id "${id}" is used by ${count} edges; ids must be unique`,
      });
  }
  for (const e of doc.edges) {
    for (const end of ['source', 'target'] as const) {
      const nodeId = e[end];
      const portField = end === 'source' ? 'sourcePort' : 'targetPort';
      const port = e[portField];
      const node = nodes.get(nodeId);
      if (!node) {
        issues.push({
          severity: 'error',
          edgeId: e.id,
          field: end,
          message: `edge ${e.id}: ${end} node "${nodeId}" does not exist (edge kept, not used)`,
        });
        continue;
      }
      const def = registry.get(node.type);
      if (!def) continue;
      const ports = end === 'source' ? def.outputs : def.inputs;
      if (!ports.some((p) => p.name === port)) {
        const side = end === 'source' ? 'output' : 'input';
        issues.push({
          severity: 'error',
          edgeId: e.id,
          field: portField,
          message: `edge ${e.id}: ${nodeDisplayName(node, registry)} has no ${side} "${port}" (${side}s: ${
            ports.map((p) => p.name).join(', ') || 'none'
          })`,
        });
      }
    }
  }
  return issues;
}
