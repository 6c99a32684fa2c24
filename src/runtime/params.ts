/**
 * Parameter schemas of nodes.
 *
 * One declarative, JSON-serialisable schema per node: defaults, bounds, units and help live here,
 * and everything else is derived from it — inspector forms, `operando-flow nodes --json`, the
 * workflow JSON Schema, validation of opened files. Parameters are stored by name, never by
 * position.
 */
import Ajv, { type ValidateFunction } from 'ajv';

interface ParamBase {
  /** Short label shown in the inspector. */
  label: string;
  /** One or two sentences: what the parameter does and how to choose it. */
  description: string;
  /** Hide from simple view (still saved). */
  advanced?: boolean;
}

export interface NumberParam extends ParamBase {
  type: 'number';
  /** `null` (automatic) is allowed only when `nullable`. */
  default: number | null;
  min?: number;
  max?: number;
  /** Exclusive bounds (e.g. sigma > 0). */
  exclusiveMin?: boolean;
  exclusiveMax?: boolean;
  step?: number;
  unit?: string;
  /** Allow `null` meaning "automatic" (e.g. Larch's e0 = auto). */
  nullable?: boolean;
  /** Label for the null value in forms, e.g. "auto". */
  nullLabel?: string;
}

export interface IntegerParam extends ParamBase {
  type: 'integer';
  /** `null` (automatic) is allowed only when `nullable`. */
  default: number | null;
  min?: number;
  max?: number;
  unit?: string;
  nullable?: boolean;
  nullLabel?: string;
  /** Extra constraint, checked by validation: 'odd' for window sizes. */
  parity?: 'odd' | 'even';
}

export interface BooleanParam extends ParamBase {
  type: 'boolean';
  default: boolean;
}

export interface EnumParam extends ParamBase {
  type: 'enum';
  default: string;
  options: { value: string; label: string; description?: string }[];
}

export interface StringParam extends ParamBase {
  type: 'string';
  default: string;
  /** Regular expression the value must match (anchored). */
  pattern?: string;
  placeholder?: string;
}

/**
 * A reference to one or more data files, stored by name (and hash) — never embedded.
 * The runtime resolves names through its `FileProvider` (browser store, CLI folder, examples).
 */
export interface FileParam extends ParamBase {
  type: 'files';
  /** Accepted extensions, lower case with dot: ['.xdi', '.txt']. */
  accept: string[];
  multiple: boolean;
  /** Default is always an empty list. */
  default: FileRef[];
}

export interface FileRef {
  name: string;
  sha256?: string;
  /** Files over 256 MiB: the sampled identity (runtime/files/sampledSha256.ts) instead of `sha256`. */
  sampledSha256?: string;
  size?: number;
}

/**
 * Structured data that a dedicated editor writes (e.g. scribbles painted in the image viewer),
 * stored as plain JSON in the workflow file and checked against `schema` (JSON Schema draft-07,
 * embedded as is in the published workflow schema). The inspector shows a summary, not a form.
 */
export interface JsonParam extends ParamBase {
  type: 'json';
  /** JSON value (an empty list or object, typically). */
  default: unknown;
  /** JSON Schema (draft-07) every value must satisfy. */
  schema: Record<string, unknown>;
}

export type ParamSpec =
  | NumberParam
  | IntegerParam
  | BooleanParam
  | EnumParam
  | StringParam
  | FileParam
  | JsonParam;

export type ParamSchema = Record<string, ParamSpec>;

/** TypeScript type of one parameter's value. */
export type ParamValue<S extends ParamSpec> = S extends NumberParam
  ? S['nullable'] extends true
    ? number | null
    : number
  : S extends IntegerParam
    ? S['nullable'] extends true
      ? number | null
      : number
    : S extends BooleanParam
      ? boolean
      : S extends EnumParam
        ? string
        : S extends StringParam
          ? string
          : S extends FileParam
            ? FileRef[]
            : S extends JsonParam
              ? unknown
              : never;

/** TypeScript type of a whole parameter set, inferred from its schema. */
export type ParamValues<S extends ParamSchema> = { [K in keyof S]: ParamValue<S[K]> };

/** Helper so `defineParams({...})` keeps literal types for inference. */
export function defineParams<const S extends ParamSchema>(schema: S): S {
  return schema;
}

/** Default values of a schema. */
export function defaultParams<S extends ParamSchema>(schema: S): ParamValues<S> {
  const out: Record<string, unknown> = {};
  for (const [k, spec] of Object.entries(schema)) {
    out[k] = spec.type === 'files' ? [] : spec.default;
  }
  return out as ParamValues<S>;
}

/** A problem with one parameter value: names the parameter and what was expected. */
export interface ParamIssue {
  param: string;
  message: string;
}

/** Checks one value against its spec; returns a message saying what was expected, or null. */
export function checkParam(name: string, spec: ParamSpec, value: unknown): string | null {
  const got = JSON.stringify(value) ?? String(value);
  switch (spec.type) {
    case 'number':
    case 'integer': {
      if (value === null && spec.nullable) return null;
      if (typeof value !== 'number' || !Number.isFinite(value))
        return `${name}: expected a finite number${spec.nullable ? ' or null (auto)' : ''}, got ${got}`;
      if (spec.type === 'integer' && !Number.isInteger(value))
        return `${name}: expected an integer, got ${got}`;
      if (spec.type === 'integer' && spec.parity === 'odd' && value % 2 === 0)
        return `${name}: expected an odd integer, got ${got}`;
      if (spec.type === 'integer' && spec.parity === 'even' && value % 2 !== 0)
        return `${name}: expected an even integer, got ${got}`;
      const exMin = spec.type === 'number' && spec.exclusiveMin;
      const exMax = spec.type === 'number' && spec.exclusiveMax;
      if (spec.min !== undefined && (exMin ? value <= spec.min : value < spec.min))
        return `${name}: expected ${exMin ? '>' : '≥'} ${spec.min}${spec.unit ? ' ' + spec.unit : ''}, got ${got}`;
      if (spec.max !== undefined && (exMax ? value >= spec.max : value > spec.max))
        return `${name}: expected ${exMax ? '<' : '≤'} ${spec.max}${spec.unit ? ' ' + spec.unit : ''}, got ${got}`;
      return null;
    }
    case 'boolean':
      return typeof value === 'boolean' ? null : `${name}: expected true or false, got ${got}`;
    case 'enum':
      return spec.options.some((o) => o.value === value)
        ? null
        : `${name}: expected one of ${spec.options.map((o) => JSON.stringify(o.value)).join(', ')}, got ${got}`;
    case 'string':
      if (typeof value !== 'string') return `${name}: expected a string, got ${got}`;
      if (spec.pattern && !new RegExp(`^(?:${spec.pattern})$`).test(value))
        return `${name}: expected text matching /${spec.pattern}/, got ${got}`;
      return null;
    case 'files': {
      if (!Array.isArray(value)) return `${name}: expected a list of files, got ${got}`;
      for (const f of value) {
        if (typeof f !== 'object' || f === null || typeof (f as FileRef).name !== 'string')
          return `${name}: expected file references {"name": …}, got ${got}`;
      }
      if (!spec.multiple && value.length > 1)
        return `${name}: expected at most one file, got ${value.length}`;
      return null;
    }
    case 'json': {
      const validate = jsonValidator(spec.schema);
      if (validate(value)) return null;
      const e = validate.errors?.[0];
      const where = e?.instancePath ? `${name}${e.instancePath}` : name;
      const short = got.length > 80 ? got.slice(0, 77) + '…' : got;
      return `${where}: ${e?.message ?? 'does not match its schema'}${e?.instancePath ? '' : `, got ${short}`}`;
    }
  }
}

/** Compiled validators of `json` parameters, one per schema object (schemas are static). */
const jsonValidators = new WeakMap<object, ValidateFunction>();
const ajv = new Ajv({ allErrors: false, strict: false });
function jsonValidator(schema: Record<string, unknown>): ValidateFunction {
  let v = jsonValidators.get(schema);
  if (!v) {
    v = ajv.compile(schema);
    jsonValidators.set(schema, v);
  }
  return v;
}

/**
 * Validates a stored parameter object against a schema. Unknown keys are reported (and kept by
 * callers); missing keys get their default. Returns the completed values and the issues.
 */
export function validateParams(
  schema: ParamSchema,
  stored: Record<string, unknown>,
): { values: Record<string, unknown>; issues: ParamIssue[] } {
  const values: Record<string, unknown> = {};
  const issues: ParamIssue[] = [];
  for (const [name, spec] of Object.entries(schema)) {
    if (!(name in stored)) {
      values[name] = spec.type === 'files' ? [] : spec.default;
      continue;
    }
    const msg = checkParam(name, spec, stored[name]);
    if (msg) issues.push({ param: name, message: msg });
    values[name] = stored[name];
  }
  for (const name of Object.keys(stored)) {
    if (!(name in schema)) {
      issues.push({ param: name, message: `${name}: unknown parameter (kept, ignored)` });
      values[name] = stored[name];
    }
  }
  return { values, issues };
}
