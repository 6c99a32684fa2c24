import { TextFormatError } from '../columns/TextFormatError';

/** A value of an ALS STXM header: a record `{ K = v; … }`, a list `(n, a, b, …)`, a string, number or boolean. */
export type HdrValue = string | number | boolean | HdrValue[] | { [key: string]: HdrValue };

/**
 * Parses the text of an ALS STXM `.hdr` file (beamlines 5.3.2 / 11.0.2 "ScanDefinition" headers, as
 * aXis2000 and MANTiS read them): `Key = value;` pairs whose values are `{ … }` records,
 * `(count, item, …)` lists (the count is checked and dropped), quoted strings, numbers or
 * true/false. Syntax errors name the file and line.
 */
export function parseAlsHdr(text: string, fileName: string): Record<string, HdrValue> {
  let i = 0;
  const n = text.length;
  const lineAt = (pos: number): number => {
    let l = 1;
    for (let k = 0; k < pos && k < n; k++) if (text.charCodeAt(k) === 10) l++;
    return l;
  };
  const fail = (msg: string): never => {
    throw new TextFormatError(fileName, lineAt(i), msg);
  };
  const ws = (): void => {
    while (i < n && /[\s;]/.test(text[i])) i++;
  };
  const ident = (): string => {
    const m = /^[A-Za-z_][\w.]*/.exec(text.slice(i, i + 200));
    if (!m) fail(`expected a name, found "${text.slice(i, i + 20)}"`);
    i += m![0].length;
    return m![0];
  };
  const value = (): HdrValue => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const rec: Record<string, HdrValue> = {};
      for (;;) {
        ws();
        if (i >= n) fail('unclosed "{"');
        if (text[i] === '}') {
          i++;
          return rec;
        }
        const k = ident();
        ws();
        if (text[i] !== '=') fail(`expected "=" after ${k}`);
        i++;
        rec[k] = value();
      }
    }
    if (c === '(') {
      i++;
      const items: HdrValue[] = [];
      for (;;) {
        ws();
        if (i >= n) fail('unclosed "("');
        if (text[i] === ')') {
          i++;
          break;
        }
        items.push(value());
        ws();
        if (text[i] === ',') i++;
      }
      if (typeof items[0] === 'number' && items[0] === items.length - 1) return items.slice(1);
      fail(`list declares ${String(items[0])} items but holds ${items.length - 1}`);
    }
    if (c === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) fail('unclosed string');
      const s = text.slice(i + 1, end);
      i = end + 1;
      return s;
    }
    const m = /^[^,;)}\s]+/.exec(text.slice(i, i + 100));
    if (!m) fail(`expected a value, found "${text.slice(i, i + 20)}"`);
    i += m![0].length;
    const tok = m![0];
    if (tok === 'true' || tok === 'false') return tok === 'true';
    const v = Number(tok);
    if (!Number.isFinite(v)) fail(`expected a number, "true"/"false", a string, "{" or "(", found "${tok}"`);
    return v;
  };
  const out: Record<string, HdrValue> = {};
  for (;;) {
    ws();
    if (i >= n) break;
    const k = ident();
    ws();
    if (text[i] !== '=') fail(`expected "=" after ${k}`);
    i++;
    out[k] = value();
  }
  return out;
}
