/**
 * The workflow file users save and share (`*.operando-flow.json` / `*.json`).
 * Parameters are stored by name; each node records its `typeVersion` so that node migrations can
 * upgrade old parameters. See docs/workflow.schema.json (generated from the node registry).
 */
export const WORKFLOW_FORMAT = 'operando-flow.workflow';
/** Current file version. Older versions are migrated by `migrations.ts`. */
export const WORKFLOW_VERSION = 2;

export interface WorkflowMeta {
  title: string;
  description?: string;
  created?: string;
  modified?: string;
  app?: string;
}

export interface WorkflowNode {
  id: string;
  type: string;
  typeVersion: number;
  label?: string;
  params: Record<string, unknown>;
  position: { x: number; y: number };
}

export interface WorkflowEdge {
  id: string;
  source: string;
  sourcePort: string;
  target: string;
  targetPort: string;
}

export interface WorkflowDocument {
  format: typeof WORKFLOW_FORMAT;
  version: number;
  meta: WorkflowMeta;
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
}

/** A problem found in a workflow: where (node/edge and field) and what was expected. */
export interface WorkflowIssue {
  severity: 'error' | 'warning';
  /** Node or edge id, when the problem belongs to one. */
  nodeId?: string;
  edgeId?: string;
  /** Field path inside the node/edge/document: `params.sigma`, `targetPort`, `type`. */
  field?: string;
  message: string;
}
