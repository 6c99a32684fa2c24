import type { PortSpec } from '../nodeDefinition';
import type { NodeRegistry } from '../registryTypes';
import type { WorkflowNode } from '../workflow/types';

/** `Smooth.spectra`: the node's label (or its type's title) and the port id, for messages. */
export function portLabel(node: Pick<WorkflowNode, 'id' | 'type' | 'label'>, port: string, registry: NodeRegistry): string {
  const name = node.label?.trim() || registry.get(node.type)?.title || node.id;
  return `${name}.${port}`;
}

/** `Smooth.spectra expects spectrum|spectra; Load image.image gives image|stack`, or null when the kinds meet. */
export function kindMismatch(
  source: { node: Pick<WorkflowNode, 'id' | 'type' | 'label'>; port: PortSpec },
  target: { node: Pick<WorkflowNode, 'id' | 'type' | 'label'>; port: PortSpec },
  registry: NodeRegistry,
): string | null {
  if (source.port.kinds.some((k) => target.port.kinds.includes(k))) return null;
  return `${portLabel(target.node, target.port.name, registry)} expects ${target.port.kinds.join('|')}; ${portLabel(
    source.node,
    source.port.name,
    registry,
  )} gives ${source.port.kinds.join('|')}`;
}
