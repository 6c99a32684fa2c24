import { VALUE_JSON_FORMAT, VALUE_JSON_VERSION } from '../../export/encodeValueJson';

export interface ValueJsonArray {
  name: string;
  longName: string;
  unit: string;
  dtype: 'float64' | 'float32' | 'uint8' | 'uint16';
  shape: number[];
  /** NaN where the file has `null`. */
  data: Float64Array | Float32Array | Uint8Array | Uint16Array;
}

export interface ValueJson {
  kind: string;
  signal: string;
  axes: string[];
  arrays: ValueJsonArray[];
  texts: { name: string; text: string[] }[];
  attrs: Record<string, string | number>;
  provenance?: unknown;
}

const CTORS = { float64: Float64Array, float32: Float32Array, uint8: Uint8Array, uint16: Uint16Array } as const;

/**
 * Reads a file written by `encodeValueJson` (schema `operando-flow.value` v1). Every problem
 * throws a RangeError naming the file, the field (e.g. `arrays[1].shape`) and what was expected.
 */
export function parseValueJson(text: string, fileName: string): ValueJson {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new RangeError(`${fileName}: not valid JSON (${(err as Error).message})`);
  }
  const fail = (field: string, expected: string, got: unknown): never => {
    throw new RangeError(`${fileName}: ${field}: expected ${expected}, got ${JSON.stringify(got)?.slice(0, 60)}`);
  };
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) fail('(top level)', 'an object', doc);
  if (doc.format !== VALUE_JSON_FORMAT) fail('format', `"${VALUE_JSON_FORMAT}"`, doc.format);
  if (doc.version !== VALUE_JSON_VERSION) fail('version', String(VALUE_JSON_VERSION), doc.version);
  const str = (field: string, v: unknown): string => (typeof v === 'string' ? v : fail(field, 'a string', v));
  const strings = (field: string, v: unknown): string[] =>
    Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : fail(field, 'a list of strings', v);
  if (!Array.isArray(doc.arrays)) fail('arrays', 'a list', doc.arrays);
  const arrays = (doc.arrays as Record<string, unknown>[]).map((a, k): ValueJsonArray => {
    const at = `arrays[${k}]`;
    const dtype = str(`${at}.dtype`, a.dtype);
    if (!(dtype in CTORS)) fail(`${at}.dtype`, 'float64, float32, uint8 or uint16', dtype);
    const shape = a.shape;
    if (!Array.isArray(shape) || !shape.every((s) => Number.isInteger(s) && s >= 0)) fail(`${at}.shape`, 'a list of non-negative integers', shape);
    const values = a.data;
    if (!Array.isArray(values)) return fail(`${at}.data`, 'a list of numbers', values);
    const n = (shape as number[]).reduce((p, s) => p * s, 1);
    if (values.length !== n) fail(`${at}.data`, `${n} values (shape ${(shape as number[]).join('×')})`, `${values.length} values`);
    const data = new CTORS[dtype as keyof typeof CTORS](n);
    for (let i = 0; i < n; i++) {
      const x = values[i];
      if (x === null) data[i] = NaN;
      else if (typeof x === 'number') data[i] = x;
      else fail(`${at}.data[${i}]`, 'a number or null', x);
    }
    return { name: str(`${at}.name`, a.name), longName: str(`${at}.long_name`, a.long_name), unit: str(`${at}.unit`, a.unit), dtype: dtype as ValueJsonArray['dtype'], shape: shape as number[], data };
  });
  if (!Array.isArray(doc.texts)) fail('texts', 'a list', doc.texts);
  const texts = (doc.texts as Record<string, unknown>[]).map((t, k) => ({ name: str(`texts[${k}].name`, t.name), text: strings(`texts[${k}].text`, t.text) }));
  const signal = str('signal', doc.signal);
  if (!arrays.some((a) => a.name === signal)) fail('signal', `the name of one of the arrays (${arrays.map((a) => a.name).join(', ')})`, signal);
  return {
    kind: str('kind', doc.kind),
    signal,
    axes: strings('axes', doc.axes),
    arrays,
    texts,
    attrs: (doc.attrs ?? {}) as Record<string, string | number>,
    ...(doc.provenance !== undefined ? { provenance: doc.provenance } : {}),
  };
}
