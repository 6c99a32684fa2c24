/**
 * Reads the description of a segmentation network — class names, input shape, size multiple,
 * input normalisation, metrics — from a JSON object: the model card that accompanies a bare
 * `.onnx` file (`public/models/<name>.json`), or the top level of a `.ofmodel.json` file.
 */
import type { ModelValue } from '../../runtime/values';

/** What a model card says about how to use a network. */
export interface ModelDescription {
  /** Display name; absent: the caller uses the file name. */
  name?: string;
  classes: string[];
  /** Network input shape (ONNX: NCHW), `-1` for a free dimension. */
  inputShape: number[];
  multipleOf: number;
  normalization: ModelValue['normalization'];
  metrics: Record<string, number>;
  card: Record<string, unknown>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Numeric leaves of a (possibly nested) metrics object, keys joined by dots: `{iou: {pore: 0.9}}` → `iou.pore`. */
function flattenMetrics(v: unknown, prefix: string, out: Record<string, number>): void {
  if (typeof v === 'number' && Number.isFinite(v)) {
    if (prefix) out[prefix] = v;
  } else if (isObject(v)) {
    for (const [k, x] of Object.entries(v)) flattenMetrics(x, prefix ? `${prefix}.${k}` : k, out);
  }
}

/**
 * Parses the description fields of `o`. `classes` and `normalization` are required; `inputShape`
 * defaults to `[-1, 1, -1, -1]` (any batch, one channel, any size), `multipleOf` to 8, `metrics`
 * to none (nested objects are flattened, non-numeric entries skipped). `card` is `o.card` when it is
 * an object, else `cardDefault`. Throws a `RangeError` naming `where` and the field.
 */
export function parseModelCard(
  o: Record<string, unknown>,
  where: string,
  cardDefault: Record<string, unknown> = {},
): ModelDescription {
  const classes = o.classes;
  if (!Array.isArray(classes) || classes.length < 2 || classes.length > 256 || !classes.every((c) => typeof c === 'string')) {
    throw new RangeError(`${where}: "classes" = ${JSON.stringify(classes)}, expected a list of 2 to 256 class names`);
  }
  let inputShape: number[] = [-1, 1, -1, -1];
  if (o.inputShape !== undefined) {
    if (!Array.isArray(o.inputShape) || o.inputShape.length === 0) {
      throw new RangeError(`${where}: "inputShape" = ${JSON.stringify(o.inputShape)}, expected a list of dimensions such as [-1, 1, -1, -1]`);
    }
    inputShape = o.inputShape.map((d: unknown) => {
      if (typeof d === 'string' || d === null || d === -1) return -1; // symbolic / free dimension
      if (typeof d !== 'number' || !Number.isInteger(d) || d < 1) {
        throw new RangeError(`${where}: "inputShape" has dimension ${JSON.stringify(d)}, expected positive integers or -1 (free)`);
      }
      return d;
    });
  }
  const multipleOf = o.multipleOf ?? 8;
  if (typeof multipleOf !== 'number' || !Number.isInteger(multipleOf) || multipleOf < 1 || multipleOf > 1024) {
    throw new RangeError(`${where}: "multipleOf" = ${JSON.stringify(o.multipleOf)}, expected an integer from 1 to 1024 (8 for 3 pooling levels)`);
  }
  const n = o.normalization;
  let normalization: ModelValue['normalization'];
  if (isObject(n) && n.method === 'zscore') normalization = { method: 'zscore' };
  else if (isObject(n) && n.method === 'affine') {
    const { scale, offset } = n;
    if (typeof scale !== 'number' || !Number.isFinite(scale) || scale === 0 || typeof offset !== 'number' || !Number.isFinite(offset)) {
      throw new RangeError(
        `${where}: "normalization" = ${JSON.stringify(n)}, expected finite numbers "scale" (≠ 0) and "offset" for the affine method`,
      );
    }
    normalization = { method: 'affine', scale, offset };
  } else {
    throw new RangeError(
      `${where}: "normalization" = ${JSON.stringify(n)}, expected {"method": "zscore"} or {"method": "affine", "scale": s, "offset": o}`,
    );
  }
  if (o.name !== undefined && typeof o.name !== 'string') {
    throw new RangeError(`${where}: "name" = ${JSON.stringify(o.name)}, expected a string`);
  }
  const metrics: Record<string, number> = {};
  flattenMetrics(o.metrics, '', metrics);
  return {
    name: o.name,
    classes: [...(classes as string[])],
    inputShape,
    multipleOf,
    normalization,
    metrics,
    card: isObject(o.card) ? o.card : cardDefault,
  };
}
