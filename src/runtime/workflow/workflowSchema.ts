/**
 * JSON Schema (draft-07, what ajv's default class and most editors speak) of the workflow file.
 *
 * Two forms from one set of builders:
 * - `workflowStructureSchema()`: the shape of the file with `params` as any object. parseWorkflow
 *   validates with it, then checks parameters per node type itself, so that a bad value is
 *   reported by node and field and kept rather than rejecting the file.
 * - `buildWorkflowSchema(registry)`: the published schema (docs/workflow.schema.json). Its node
 *   items are a union per registered node type — type const, typeVersion, and params with each
 *   parameter's type, bounds, enum, default and description — plus a fallback for types this
 *   registry does not know, so such files stay valid structurally (parseWorkflow reports them).
 */
import Ajv, { type ValidateFunction } from 'ajv';
import type { ParamSchema, ParamSpec } from '../params';
import type { NodeRegistry } from '../registryTypes';
import type { AnyNodeDefinition } from '../nodeDefinition';
import { WORKFLOW_FORMAT, WORKFLOW_VERSION } from './types';

export type JsonSchema = { [key: string]: unknown };

const positionSchema: JsonSchema = {
  type: 'object',
  description: 'Position of the node on the canvas (pixels).',
  required: ['x', 'y'],
  properties: { x: { type: 'number' }, y: { type: 'number' } },
};

function nodeProperties(): Record<string, JsonSchema> {
  return {
    id: { type: 'string', minLength: 1, description: 'Unique id of the node in this workflow.' },
    type: { type: 'string', minLength: 1, description: 'Node type id, `category.name`.' },
    typeVersion: {
      type: 'integer',
      minimum: 1,
      description: "Version of the node type that wrote `params`; older ones are upgraded by the type's migration.",
    },
    label: { type: 'string', description: 'Name shown on the canvas instead of the type title.' },
    params: { type: 'object', description: 'Parameters by name.' },
    position: positionSchema,
  };
}

const NODE_REQUIRED = ['id', 'type', 'typeVersion', 'params', 'position'];

function edgeSchema(): JsonSchema {
  return {
    type: 'object',
    required: ['id', 'source', 'sourcePort', 'target', 'targetPort'],
    properties: {
      id: { type: 'string', minLength: 1 },
      source: { type: 'string', description: 'Id of the node the value comes from.' },
      sourcePort: { type: 'string', description: 'Output port name on the source node.' },
      target: { type: 'string', description: 'Id of the node the value goes to.' },
      targetPort: { type: 'string', description: 'Input port name on the target node.' },
    },
  };
}

function documentSchema(nodeItems: JsonSchema, extra: JsonSchema = {}): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'OperandoFlow workflow',
    description: `An OperandoFlow workflow file, format version ${WORKFLOW_VERSION}. Older versions are migrated when opened. Data files are referenced by name (and sha256), never embedded.`,
    type: 'object',
    required: ['format', 'version', 'meta', 'nodes', 'edges'],
    properties: {
      format: { const: WORKFLOW_FORMAT },
      version: { const: WORKFLOW_VERSION },
      meta: {
        type: 'object',
        required: ['title'],
        properties: {
          title: { type: 'string' },
          description: { type: 'string' },
          created: { type: 'string', description: 'ISO 8601 date-time.' },
          modified: { type: 'string', description: 'ISO 8601 date-time.' },
          app: { type: 'string', description: 'Application and version that wrote the file.' },
        },
      },
      nodes: { type: 'array', items: nodeItems },
      edges: { type: 'array', items: edgeSchema() },
    },
    ...extra,
  };
}

/** The file's shape with parameters unchecked (parseWorkflow checks those per node type). */
export function workflowStructureSchema(): JsonSchema {
  return documentSchema({ type: 'object', required: NODE_REQUIRED, properties: nodeProperties() });
}

function withUnit(description: string, unit: string | undefined): string {
  return unit ? `${description} Unit: ${unit}.` : description;
}

/** JSON Schema of one parameter value. */
export function paramJsonSchema(spec: ParamSpec): JsonSchema {
  const base: JsonSchema = { title: spec.label };
  switch (spec.type) {
    case 'number':
    case 'integer': {
      const t = spec.type;
      const s: JsonSchema = {
        ...base,
        type: spec.nullable ? [t, 'null'] : t,
        default: spec.default,
        description: withUnit(
          spec.description + (spec.nullable ? ` null means ${spec.nullLabel ?? 'automatic'}.` : ''),
          spec.unit,
        ),
      };
      const exMin = spec.type === 'number' && spec.exclusiveMin;
      const exMax = spec.type === 'number' && spec.exclusiveMax;
      if (spec.min !== undefined) s[exMin ? 'exclusiveMinimum' : 'minimum'] = spec.min;
      if (spec.max !== undefined) s[exMax ? 'exclusiveMaximum' : 'maximum'] = spec.max;
      if (spec.type === 'integer' && spec.parity === 'even') s.multipleOf = 2;
      // `not` wraps a typed schema so that null (when nullable) is not refused by it.
      if (spec.type === 'integer' && spec.parity === 'odd') s.not = { type: 'integer', multipleOf: 2 };
      return s;
    }
    case 'boolean':
      return { ...base, type: 'boolean', default: spec.default, description: spec.description };
    case 'enum':
      return {
        ...base,
        type: 'string',
        enum: spec.options.map((o) => o.value),
        default: spec.default,
        description:
          spec.description +
          ' Options: ' +
          spec.options.map((o) => `"${o.value}" (${o.label}${o.description ? ': ' + o.description : ''})`).join(', ') +
          '.',
      };
    case 'string': {
      const s: JsonSchema = { ...base, type: 'string', default: spec.default, description: spec.description };
      if (spec.pattern !== undefined) s.pattern = `^(?:${spec.pattern})$`;
      return s;
    }
    case 'files': {
      const s: JsonSchema = {
        ...base,
        type: 'array',
        default: [],
        description: `${spec.description} Files referenced by name (and sha256, or sampledSha256 for files over 256 MiB), accepted: ${spec.accept.join(', ') || 'any'}.`,
        items: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string' },
            sha256: { type: 'string', pattern: '^[0-9a-fA-F]{64}$' },
            sampledSha256: {
              type: 'string',
              pattern: '^[0-9a-fA-F]{64}$',
              description: 'Files over 256 MiB: sha256(size ‖ first 4 MiB ‖ 16 evenly spaced 1 MiB blocks ‖ last 4 MiB), checked like sha256',
            },
            size: { type: 'integer', minimum: 0 },
          },
        },
      };
      if (!spec.multiple) s.maxItems = 1;
      return s;
    }
    case 'json':
      return { ...spec.schema, ...base, default: spec.default, description: spec.description };
  }
}

/** Node item schemas of one type: the current version with its params, and older versions. */
function nodeTypeSchemas(def: AnyNodeDefinition): JsonSchema[] {
  const props = nodeProperties();
  const params: Record<string, JsonSchema> = {};
  for (const [name, spec] of Object.entries(def.params as ParamSchema)) params[name] = paramJsonSchema(spec);
  const current: JsonSchema = {
    title: `${def.title} (${def.type} v${def.version})`,
    description: def.help,
    type: 'object',
    required: NODE_REQUIRED,
    properties: {
      ...props,
      type: { const: def.type },
      typeVersion: { const: def.version },
      // Missing parameters take their defaults, so none is required; unknown ones are refused here
      // (the app keeps and reports them).
      params: { type: 'object', properties: params, additionalProperties: false },
    },
  };
  if (def.version <= 1) return [current];
  // Parameters written by an older version of the type are upgraded by its migration when opened.
  const older: JsonSchema = {
    title: `${def.title} (${def.type}, older version)`,
    type: 'object',
    required: NODE_REQUIRED,
    properties: { ...props, type: { const: def.type }, typeVersion: { type: 'integer', minimum: 1, maximum: def.version - 1 } },
  };
  return [current, older];
}

/** The published JSON Schema of workflow files for the node types in `registry`. */
export function buildWorkflowSchema(registry: NodeRegistry): JsonSchema {
  const defs = [...registry.all()].sort((a, b) => a.type.localeCompare(b.type));
  const known = defs.map((d) => d.type);
  const unknownType: JsonSchema = {
    title: 'Node of a type not in this registry (kept and reported when opened)',
    type: 'object',
    required: NODE_REQUIRED,
    properties: { ...nodeProperties(), type: known.length ? { type: 'string', not: { enum: known } } : { type: 'string' } },
  };
  return documentSchema({ anyOf: [...defs.flatMap(nodeTypeSchemas), unknownType] });
}

/**
 * An ajv validator of a workflow schema: all errors, with the offending value (`verbose`, for
 * messages), union types (nullable params), and patterns
 * compiled without the `u` flag, as `checkParam` does, so both accept the same strings.
 */
export function compileWorkflowSchema(schema: JsonSchema): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strict: true, unicodeRegExp: false, verbose: true });
  return ajv.compile(schema);
}

/** The text of docs/workflow.schema.json (what scripts/write-schema.ts writes; a test compares). */
export function workflowSchemaText(registry: NodeRegistry): string {
  return JSON.stringify(buildWorkflowSchema(registry), null, 2) + '\n';
}
