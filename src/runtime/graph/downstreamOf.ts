import type { WorkflowDocument } from '../workflow/types';
import { reach } from './upstreamOf';

/**
 * The node and all its descendants: what a parameter change on it makes stale.
 */
export function downstreamOf(doc: Pick<WorkflowDocument, 'edges'>, nodeId: string): Set<string> {
  return reach(doc, nodeId, 'down');
}
