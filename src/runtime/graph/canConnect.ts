import type { NodeRegistry } from '../registryTypes';
import { nodeDisplayName } from '../workflow/nodeDisplayName';
import type { WorkflowDocument } from '../workflow/types';
import { kindMismatch, portLabel } from './portLabel';
import { upstreamOf } from './upstreamOf';

export type ConnectCheck = { ok: true } | { ok: false; reason: string };

/**
 * Whether the editor may add the edge `source.sourcePort → target.targetPort` to `doc`. Refused,
 * with a reason naming both ends: missing nodes or ports, unknown node types, a self-loop, kinds
 * that do not meet, an input that already has an edge (one value per input), and an edge that
 * would close a cycle.
 */
export function canConnect(
  registry: NodeRegistry,
  doc: Pick<WorkflowDocument, 'nodes' | 'edges'>,
  sourceNodeId: string,
  sourcePort: string,
  targetNodeId: string,
  targetPort: string,
): ConnectCheck {
  const no = (reason: string): ConnectCheck => ({ ok: false, reason });
  const source = doc.nodes.find((n) => n.id === sourceNodeId);
  const target = doc.nodes.find((n) => n.id === targetNodeId);
  if (!source) return no(`source node "${sourceNodeId}" does not exist`);
  if (!target) return no(`target node "${targetNodeId}" does not exist`);
  if (sourceNodeId === targetNodeId)
    return no(`${nodeDisplayName(source, registry)} cannot be connected to itself (that would be a cycle)`);
  const sDef = registry.get(source.type);
  const tDef = registry.get(target.type);
  if (!sDef) return no(`${nodeDisplayName(source, registry)} has unknown type "${source.type}"; it cannot be connected`);
  if (!tDef) return no(`${nodeDisplayName(target, registry)} has unknown type "${target.type}"; it cannot be connected`);
  const sPort = sDef.outputs.find((p) => p.name === sourcePort);
  const tPort = tDef.inputs.find((p) => p.name === targetPort);
  if (!sPort)
    return no(
      `${nodeDisplayName(source, registry)} has no output "${sourcePort}" (outputs: ${sDef.outputs.map((p) => p.name).join(', ') || 'none'})`,
    );
  if (!tPort)
    return no(
      `${nodeDisplayName(target, registry)} has no input "${targetPort}" (inputs: ${tDef.inputs.map((p) => p.name).join(', ') || 'none'})`,
    );
  const mismatch = kindMismatch({ node: source, port: sPort }, { node: target, port: tPort }, registry);
  if (mismatch) return no(mismatch);
  const existing = doc.edges.find((e) => e.target === targetNodeId && e.targetPort === targetPort);
  if (existing) {
    const from = doc.nodes.find((n) => n.id === existing.source);
    const fromText = from ? portLabel(from, existing.sourcePort, registry) : `"${existing.source}".${existing.sourcePort}`;
    return no(
      `${portLabel(target, targetPort, registry)} is already connected (from ${fromText}); an input takes one value — remove that edge first`,
    );
  }
  if (upstreamOf(doc, sourceNodeId).has(targetNodeId))
    return no(
      `connecting ${portLabel(source, sourcePort, registry)} → ${portLabel(target, targetPort, registry)} would create a cycle: ${nodeDisplayName(
        source,
        registry,
      )} already depends on ${nodeDisplayName(target, registry)}`,
    );
  return { ok: true };
}
