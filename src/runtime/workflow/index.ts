/** The workflow document: types, parse (validate, migrate), serialize, schema. */
export * from './types';
export { parseWorkflow } from './parseWorkflow';
export { serializeWorkflow, newWorkflow } from './serializeWorkflow';
export { migrateWorkflow, WORKFLOW_MIGRATIONS, type WorkflowMigration } from './migrations';
export { buildWorkflowSchema, workflowStructureSchema, compileWorkflowSchema, paramJsonSchema } from './workflowSchema';
export { checkNodeParams } from './checkNodeParams';
export { checkReferences } from './checkReferences';
export { nodeDisplayName } from './nodeDisplayName';
export { mergeIssues } from './mergeIssues';
