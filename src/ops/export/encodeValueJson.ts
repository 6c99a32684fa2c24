import { layoutDType, type ValueLayout } from './valueLayout';

/** Identifies the file; `parseValueJson` checks it. */
export const VALUE_JSON_FORMAT = 'operando-flow.value';
export const VALUE_JSON_VERSION = 1;

/**
 * A value as JSON text, schema `operando-flow.value` v1 (documented in docs/value-json.md):
 * `{ format, version, kind, signal, axes, arrays: [{ name, long_name, unit, dtype, shape, data }],
 * texts: [{ name, text }], attrs, provenance }`. `data` is flat, row-major; numbers are written in
 * their shortest exact form (float64 round-trips bit for bit), NaN and ±Infinity as `null`.
 * Built as one string from per-array parts, without an intermediate object of boxed numbers.
 */
export function encodeValueJson(layout: ValueLayout, provenance?: unknown): string {
  const parts: string[] = [];
  parts.push(
    `{"format":${JSON.stringify(VALUE_JSON_FORMAT)},"version":${VALUE_JSON_VERSION},"kind":${JSON.stringify(layout.kind)},` +
      `"signal":${JSON.stringify(layout.signal)},"axes":${JSON.stringify(layout.axes)},\n"arrays":[`,
  );
  layout.arrays.forEach((a, k) => {
    const head = { name: a.name, long_name: a.longName, unit: a.unit, dtype: layoutDType(a.data), shape: a.shape };
    parts.push(`${k ? ',' : ''}\n${JSON.stringify(head).slice(0, -1)},"data":[`);
    const n = a.data.length;
    // Rows of 1000 numbers keep each string part short.
    for (let i = 0; i < n; i += 1000) {
      const row: string[] = [];
      for (let j = i; j < Math.min(n, i + 1000); j++) {
        const x = a.data[j];
        row.push(Number.isFinite(x) ? String(x) : 'null');
      }
      parts.push((i ? ',' : '') + row.join(','));
    }
    parts.push(']}');
  });
  parts.push(`],\n"texts":${JSON.stringify(layout.texts.map((t) => ({ name: t.name, text: t.text })))},\n"attrs":${JSON.stringify(layout.attrs)}`);
  if (provenance !== undefined) parts.push(`,\n"provenance":${JSON.stringify(provenance)}`);
  parts.push('}\n');
  return parts.join('');
}
