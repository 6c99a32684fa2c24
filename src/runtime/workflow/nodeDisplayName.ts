import type { NodeRegistry } from '../registryTypes';
import type { WorkflowNode } from './types';

/**
 * How messages name a node: its label, else its type's title, else its type id — the name the
 * user sees on the canvas — followed by the id when that differs, so it can be found in the file.
 */
export function nodeDisplayName(node: Pick<WorkflowNode, 'id' | 'type' | 'label'>, registry: NodeRegistry): string {
  const name = node.label?.trim() || registry.get(node.type)?.title || node.type || node.id;
  return name === node.id ? name : `${name} (${node.id})`;
}
