/**
 * Opens a workflow file: JSON text or an already parsed object in, a current-version document and
 * the list of problems out.
 *
 * Only a file that is not a workflow at all (not JSON, not an object, wrong `format`, `nodes` not
 * an array, a version from the future) gives `doc: null`. Everything else opens and every problem
 * is reported by node/edge and field: unknown node types stay with their parameters, bad parameter
 * values are kept for the user to fix, broken edges are kept, missing parameters get defaults.
 * Saving such a document therefore never loses what the file held.
 */
import type { ErrorObject } from 'ajv';
import type { NodeRegistry } from '../registryTypes';
import { checkNodeParams } from './checkNodeParams';
import { checkReferences } from './checkReferences';
import { newerTypeVersionMessage, unknownTypeMessage } from './issueMessages';
import { locateJsonError } from './locateJsonError';
import { migrateWorkflow, UNTITLED, type RawDocument } from './migrations';
import { nodeDisplayName } from './nodeDisplayName';
import {
  WORKFLOW_FORMAT,
  WORKFLOW_VERSION,
  type WorkflowDocument,
  type WorkflowEdge,
  type WorkflowIssue,
  type WorkflowMeta,
  type WorkflowNode,
} from './types';
import { compileWorkflowSchema, workflowStructureSchema } from './workflowSchema';

type Validate = ReturnType<typeof compileWorkflowSchema>;
let structureValidator: Validate | undefined;
/** Compiled once per thread: ajv compilation costs milliseconds, validation microseconds. */
function validateStructure(doc: unknown): ErrorObject[] {
  structureValidator ??= compileWorkflowSchema(workflowStructureSchema());
  return structureValidator(doc) ? [] : [...(structureValidator.errors ?? [])];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A short description of a JSON value for messages: `42`, `"abc"`, `an array`, `null`. */
function shown(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (isObject(v)) return 'an object';
  const s = JSON.stringify(v);
  return s.length > 60 ? s.slice(0, 57) + '…' : s;
}

const fatal = (field: string | undefined, message: string) => ({
  doc: null,
  issues: [{ severity: 'error' as const, ...(field ? { field } : {}), message }],
});

/** Keeps issues unique per (node/edge, field): the first report of a place is the most precise. */
class IssueList {
  readonly list: WorkflowIssue[] = [];
  private readonly seen = new Set<string>();
  add(issue: WorkflowIssue): void {
    const key = issue.field === undefined ? undefined : `${issue.nodeId ?? ''}|${issue.edgeId ?? ''}|${issue.field}`;
    if (key !== undefined) {
      if (this.seen.has(key)) return;
      this.seen.add(key);
    }
    this.list.push(issue);
  }
}

/** Turns an ajv error into an issue placed on its node/edge and field. */
function structureIssue(err: ErrorObject, raw: RawDocument, newIds: NewIds): WorkflowIssue {
  const segs = err.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const missing = err.keyword === 'required' ? String((err.params as { missingProperty: string }).missingProperty) : undefined;
  let where = '';
  let fieldSegs = segs;
  const issue: WorkflowIssue = { severity: 'error', message: '' };
  if ((segs[0] === 'nodes' || segs[0] === 'edges') && segs.length >= 2) {
    const idx = Number(segs[1]);
    const item = (raw[segs[0]] as unknown[])[idx];
    const own = isObject(item) && typeof item.id === 'string' && item.id ? item.id : undefined;
    const given = newIds[segs[0]].get(idx);
    const noun = segs[0] === 'nodes' ? 'node' : 'edge';
    where = own ? `${noun} "${own}"` : given ? `${segs[0]}[${idx}] (given id "${given}")` : `${segs[0]}[${idx}]`;
    const id = own ?? given;
    if (id) issue[segs[0] === 'nodes' ? 'nodeId' : 'edgeId'] = id;
    fieldSegs = segs.slice(2);
  }
  const fieldPath = [...fieldSegs, ...(missing ? [missing] : [])].join('.');
  if (fieldPath) issue.field = fieldPath;
  // Cosmetic fields are repaired without loss to the graph (default title, node at 0,0, no
  // label, no edges): warnings. Anything that changes what runs stays an error.
  const head = fieldSegs.length ? fieldSegs[0] : missing;
  if (where ? segs[0] === 'nodes' && (head === 'position' || head === 'label') : head === 'meta' || head === 'edges')
    issue.severity = 'warning';
  let text: string;
  const data = err.data;
  switch (err.keyword) {
    case 'required':
      text = 'missing (required)';
      break;
    case 'type':
      text = `expected ${String((err.params as { type: string }).type).replace(',', ' or ')}, got ${shown(data)}`;
      if (fieldSegs.length === 0 && where) text += ' (dropped)';
      break;
    case 'const':
      text = `expected ${JSON.stringify((err.params as { allowedValue: unknown }).allowedValue)}, got ${shown(data)}`;
      break;
    default:
      text = `${err.message ?? err.keyword}, got ${shown(data)}`;
  }
  const place = [where, fieldPath].filter(Boolean).join(' ');
  issue.message = `${place || 'workflow'}: ${text}`;
  return issue;
}

/** Ids given to nodes/edges that have none (or not a string), by index, unique in the file. */
type NewIds = { nodes: Map<number, string>; edges: Map<number, string> };

function newIds(items: unknown[], prefix: string): Map<number, string> {
  const hasId = (v: unknown): v is { id: string } => isObject(v) && typeof v.id === 'string' && v.id !== '';
  const taken = new Set(items.filter(hasId).map((v) => v.id));
  const out = new Map<number, string>();
  items.forEach((item, idx) => {
    if (!isObject(item) || hasId(item)) return;
    let id = `${prefix}-${idx + 1}`;
    for (let k = 2; taken.has(id); k++) id = `${prefix}-${idx + 1}-${k}`;
    taken.add(id);
    out.set(idx, id);
  });
  return out;
}

const isPositiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1;
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function normalizeMeta(meta: unknown): WorkflowMeta {
  const out: Record<string, unknown> = isObject(meta) ? { ...meta } : {};
  if (typeof out.title !== 'string') out.title = UNTITLED;
  // Known optional fields of the wrong type were reported by the schema; they cannot be kept typed.
  for (const k of ['description', 'created', 'modified', 'app']) {
    if (k in out && typeof out[k] !== 'string') delete out[k];
  }
  return out as unknown as WorkflowMeta;
}

/**
 * Parses and checks a workflow file against the node types of `registry`. See the file header for
 * what is kept and what is reported.
 */
export function parseWorkflow(
  input: unknown,
  registry: NodeRegistry,
): { doc: WorkflowDocument | null; issues: WorkflowIssue[] } {
  let raw: unknown = input;
  if (typeof input === 'string') {
    const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    if (text.trim() === '') return fatal(undefined, 'the file is empty; expected a workflow JSON object');
    try {
      raw = JSON.parse(text);
    } catch (e) {
      const loc = locateJsonError(text);
      return fatal(
        undefined,
        loc
          ? `not valid JSON at line ${loc.line}, column ${loc.column}: ${loc.message}`
          : `not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  if (!isObject(raw))
    return fatal(undefined, `expected a workflow JSON object {"format": "${WORKFLOW_FORMAT}", …}, got ${shown(raw)}`);
  if (raw.format !== WORKFLOW_FORMAT)
    return fatal(
      'format',
      `format: expected "${WORKFLOW_FORMAT}", got ${shown(raw.format)} — this is not an OperandoFlow workflow file`,
    );
  if (!Array.isArray(raw.nodes)) return fatal('nodes', `nodes: expected an array of nodes, got ${shown(raw.nodes)}`);
  if (raw.edges !== undefined && !Array.isArray(raw.edges))
    return fatal('edges', `edges: expected an array of edges, got ${shown(raw.edges)}`);

  const migrated = migrateWorkflow(raw);
  if (!migrated.doc) return { doc: null, issues: migrated.issues };
  const m = migrated.doc;
  const issues = new IssueList();
  for (const i of migrated.issues) issues.add(i);
  const rawNodes = m.nodes as unknown[];
  const rawEdges = Array.isArray(m.edges) ? (m.edges as unknown[]) : [];
  const given: NewIds = { nodes: newIds(rawNodes, 'node'), edges: newIds(rawEdges, 'edge') };
  for (const err of validateStructure(m)) issues.add(structureIssue(err, m, given));

  // Repair what the schema reported, keeping every node and edge that is an object.
  const nodes: WorkflowNode[] = [];
  rawNodes.forEach((item, idx) => {
    if (!isObject(item)) return;
    const node = { ...item } as Record<string, unknown>;
    if (given.nodes.has(idx)) node.id = given.nodes.get(idx);
    if (typeof node.type !== 'string') node.type = '';
    if (!isPositiveInt(node.typeVersion)) node.typeVersion = registry.get(node.type as string)?.version ?? 1;
    if (node.label !== undefined && typeof node.label !== 'string') delete node.label;
    const p = node.position;
    node.position = isObject(p) && isFiniteNumber(p.x) && isFiniteNumber(p.y) ? { ...p } : { x: 0, y: 0 };
    node.params = isObject(node.params) ? { ...node.params } : {};
    nodes.push(node as unknown as WorkflowNode);
  });

  const edges: WorkflowEdge[] = [];
  rawEdges.forEach((item, idx) => {
    if (!isObject(item)) return;
    const edge = { ...item } as Record<string, unknown>;
    if (given.edges.has(idx)) edge.id = given.edges.get(idx);
    for (const k of ['source', 'sourcePort', 'target', 'targetPort']) if (typeof edge[k] !== 'string') edge[k] = '';
    edges.push(edge as unknown as WorkflowEdge);
  });

  // Node types: versions and parameters.
  for (const node of nodes) {
    const def = registry.get(node.type);
    const name = nodeDisplayName(node, registry);
    if (!def) {
      if (node.type !== '')
        issues.add({
          severity: 'warning',
          nodeId: node.id,
          field: 'type',
          message: unknownTypeMessage(name, node.type),
        });
      continue;
    }
    if (node.typeVersion > def.version) {
      issues.add({
        severity: 'error',
        nodeId: node.id,
        field: 'typeVersion',
        message: newerTypeVersionMessage(name, def.type, node.typeVersion, def.version),
      });
      continue;
    }
    if (node.typeVersion < def.version) {
      if (def.migrate) {
        try {
          node.params = def.migrate(node.typeVersion, node.params);
          node.typeVersion = def.version;
        } catch (e) {
          issues.add({
            severity: 'error',
            nodeId: node.id,
            field: 'typeVersion',
            message: `${name}: could not upgrade parameters from version ${node.typeVersion} to ${def.version} of ${def.type}: ${
              e instanceof Error ? e.message : String(e)
            }; parameters kept unchanged`,
          });
          continue;
        }
      } else {
        issues.add({
          severity: 'warning',
          nodeId: node.id,
          field: 'typeVersion',
          message: `${name}: saved by version ${node.typeVersion} of ${def.type}; this app has version ${def.version} and no upgrade, so parameters are checked as they are`,
        });
        node.typeVersion = def.version;
      }
    }
    const { values, issues: paramIssues } = checkNodeParams(node, def, name);
    node.params = values;
    for (const i of paramIssues) issues.add(i);
  }

  const doc: WorkflowDocument = {
    ...(m as object),
    format: WORKFLOW_FORMAT,
    version: WORKFLOW_VERSION,
    meta: normalizeMeta(m.meta),
    nodes,
    edges,
  };
  // An endpoint the schema already found missing or mistyped is not reported twice (same key).
  for (const i of checkReferences(doc, registry)) issues.add(i);
  return { doc, issues: issues.list };
}
