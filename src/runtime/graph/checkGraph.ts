import type { NodeRegistry } from '../registryTypes';
import { checkNodeParams } from '../workflow/checkNodeParams';
import { checkReferences } from '../workflow/checkReferences';
import { newerTypeVersionMessage, unknownTypeMessage } from '../workflow/issueMessages';
import { nodeDisplayName } from '../workflow/nodeDisplayName';
import type { WorkflowDocument, WorkflowIssue } from '../workflow/types';
import { findCycles } from './findCycles';
import { kindMismatch, portLabel } from './portLabel';

/**
 * Everything that stops a workflow from running, by node/edge and field: duplicate ids, edges to
 * missing nodes or ports, unknown node types, node versions from the future, bad parameters (same
 * check as parseWorkflow), port kinds that do not meet, two edges into one input, cycles (naming
 * their nodes) and required inputs left unconnected. Errors block a run; warnings (unknown
 * parameters) do not. The executor calls it on the part of the graph it will run.
 */
export function checkGraph(doc: WorkflowDocument, registry: NodeRegistry): WorkflowIssue[] {
  const issues = checkReferences(doc, registry);
  const byId = new Map(doc.nodes.map((n) => [n.id, n] as const));

  for (const node of doc.nodes) {
    const def = registry.get(node.type);
    const name = nodeDisplayName(node, registry);
    if (!def) {
      issues.push({
        severity: 'error',
        nodeId: node.id,
        field: 'type',
        message: unknownTypeMessage(name, node.type),
      });
      continue;
    }
    if (node.typeVersion > def.version) {
      issues.push({
        severity: 'error',
        nodeId: node.id,
        field: 'typeVersion',
        message: newerTypeVersionMessage(name, def.type, node.typeVersion, def.version),
      });
      continue;
    }
    issues.push(...checkNodeParams(node, def, name).issues);
  }

  // Edges whose both ends resolve: kinds and one edge per input.
  const intoPort = new Map<string, string>();
  for (const e of doc.edges) {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    const sPort = s && registry.get(s.type)?.outputs.find((p) => p.name === e.sourcePort);
    const tPort = t && registry.get(t.type)?.inputs.find((p) => p.name === e.targetPort);
    if (!s || !t || !sPort || !tPort) continue;
    const mismatch = kindMismatch({ node: s, port: sPort }, { node: t, port: tPort }, registry);
    if (mismatch) issues.push({ severity: 'error', edgeId: e.id, field: 'targetPort', message: `edge ${e.id}: ${mismatch}` });
    const key = `${e.target}\u0000${e.targetPort}`;
    const first = intoPort.get(key);
    if (first === undefined) intoPort.set(key, e.id);
    else
      issues.push({
        severity: 'error',
        edgeId: e.id,
        field: 'targetPort',
        message: `edge ${e.id}: ${portLabel(t, e.targetPort, registry)} already has an input (edge ${first}); an input takes one value`,
      });
  }

  for (const cycle of findCycles(doc)) {
    const names = cycle.map((id) => {
      const n = byId.get(id);
      return n ? nodeDisplayName(n, registry) : id;
    });
    issues.push({
      severity: 'error',
      nodeId: cycle[0],
      message: `cycle: ${names.join(' → ')} (node ids ${cycle.slice(0, -1).join(', ')}); remove one of these edges`,
    });
  }

  // Required inputs: an edge counts when its source exists and has that output (a dangling edge
  // gives no value); the source port of a node of unknown type cannot be checked and counts.
  const givesValue = (e: WorkflowDocument['edges'][number]) => {
    const s = byId.get(e.source);
    const def = s && registry.get(s.type);
    return s !== undefined && (!def || def.outputs.some((p) => p.name === e.sourcePort));
  };
  const connected = new Set(doc.edges.filter(givesValue).map((e) => `${e.target}\u0000${e.targetPort}`));
  for (const node of doc.nodes) {
    const def = registry.get(node.type);
    if (!def) continue;
    for (const port of def.inputs) {
      if (port.required && !connected.has(`${node.id}\u0000${port.name}`))
        issues.push({
          severity: 'error',
          nodeId: node.id,
          field: `inputs.${port.name}`,
          message: `${nodeDisplayName(node, registry)}: required input "${port.name}" (${port.kinds.join('|')}) is not connected`,
        });
    }
  }
  return issues;
}
