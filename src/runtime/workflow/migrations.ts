/**
 * Numbered migrations of the workflow file format (the document as a whole; a node type's own
 * parameter upgrades are its definition's `migrate`). Each step turns version `from` into `to`
 * and works on plain JSON, before any validation: it must accept whatever an older app wrote,
 * change only what the new version defines differently, and keep everything else.
 */
import { WORKFLOW_VERSION, type WorkflowIssue } from './types';

/** A JSON object as read from a file, before validation. */
export type RawDocument = Record<string, unknown>;

export interface WorkflowMigration {
  from: number;
  to: number;
  /** One line for the changelog / issue text. */
  description: string;
  up(doc: RawDocument): RawDocument;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The title given to documents that have none. */
export const UNTITLED = 'Untitled workflow';

/**
 * v1 → v2. Version 1 files (DESIGN.md's first format, and files exported from early builds that
 * reused React Flow's edge objects) named edge ports either `sourcePort`/`targetPort` or
 * `sourceHandle`/`targetHandle`, and could omit `meta`. Version 2 always has `sourcePort`/
 * `targetPort` and `meta.title`.
 */
const v1ToV2: WorkflowMigration = {
  from: 1,
  to: 2,
  description: 'edge sourceHandle/targetHandle → sourcePort/targetPort; meta.title required',
  up(doc) {
    const out: RawDocument = { ...doc, version: 2 };
    const meta = isObject(doc.meta) ? { ...doc.meta } : doc.meta === undefined ? {} : doc.meta;
    if (isObject(meta) && meta.title === undefined) {
      meta.title = UNTITLED;
    }
    out.meta = meta;
    if (Array.isArray(doc.edges)) {
      out.edges = doc.edges.map((e: unknown) => {
        if (!isObject(e)) return e;
        const edge: Record<string, unknown> = { ...e };
        for (const [port, handle] of [
          ['sourcePort', 'sourceHandle'],
          ['targetPort', 'targetHandle'],
        ] as const) {
          if (handle in edge) {
            // When both exist, `…Port` was the app's own field and wins; the handle was a copy.
            if (!(port in edge) || edge[port] === undefined || edge[port] === null) edge[port] = edge[handle];
            delete edge[handle];
          }
        }
        return edge;
      });
    }
    return out;
  },
};

/** All migrations, in order; `from` of each is `to` of the previous. */
export const WORKFLOW_MIGRATIONS: readonly WorkflowMigration[] = [v1ToV2];

/**
 * Brings a raw document to the current version by applying the migrations in order. A missing
 * `version` is read as 1 (the first format had it, but hand-written files may not). A version
 * newer than this app, or not a positive integer, gives `doc: null` and an error issue.
 */
export function migrateWorkflow(raw: RawDocument): { doc: RawDocument | null; issues: WorkflowIssue[] } {
  const issues: WorkflowIssue[] = [];
  let version: number;
  if (raw.version === undefined) {
    version = 1;
    issues.push({
      severity: 'warning',
      field: 'version',
      message: 'version: missing, read as version 1',
    });
  } else if (typeof raw.version === 'number' && Number.isInteger(raw.version) && raw.version >= 1) {
    version = raw.version;
  } else {
    return {
      doc: null,
      issues: [
        {
          severity: 'error',
          field: 'version',
          message: `version: expected a positive integer (1…${WORKFLOW_VERSION}), got ${JSON.stringify(raw.version)}`,
        },
      ],
    };
  }
  if (version > WORKFLOW_VERSION) {
    return {
      doc: null,
      issues: [
        {
          severity: 'error',
          field: 'version',
          message: `version: the file has version ${version}, newer than this OperandoFlow understands (≤ ${WORKFLOW_VERSION}); open it with a newer release`,
        },
      ],
    };
  }
  let doc: RawDocument = { ...raw, version };
  while (version < WORKFLOW_VERSION) {
    const step = WORKFLOW_MIGRATIONS.find((m) => m.from === version);
    if (!step) {
      // Unreachable while the list is complete; a test checks that it is.
      throw new Error(`no workflow migration from version ${version}`);
    }
    doc = step.up(doc);
    version = step.to;
    doc.version = version;
  }
  return { doc, issues };
}
