import { TextFormatError } from '../columns/TextFormatError';

export interface ParseXimOptions {
  /** Expected size (from the header); the frame is refused when it differs. */
  width?: number;
  height?: number;
  /** Write into this array from `outOffset` instead of allocating. @default new Float32Array */
  out?: Float32Array;
  /** @default 0 */
  outOffset?: number;
}

/**
 * Reads an ALS `.xim` frame: a text matrix, one image row per line, values separated by tabs or
 * spaces (as `numpy.loadtxt` reads it; aXis2000 / MANTiS format). Every row must have the same
 * number of values; a non-number names the file, line and column.
 */
export function parseXim(text: string, fileName: string, options: ParseXimOptions = {}): { width: number; height: number; data: Float32Array } {
  const rows: number[] = [];
  let width = -1;
  let line = 0;
  let start = 0;
  const values: number[] = [];
  const n = text.length;
  while (start <= n) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = n;
    line++;
    const s = text.slice(start, end);
    start = end + 1;
    const toks = s.trim() === '' ? [] : s.trim().split(/[\t ,]+/);
    if (toks.length === 0) {
      if (start > n) break;
      continue;
    }
    for (let c = 0; c < toks.length; c++) {
      const v = Number(toks[c]);
      if (!Number.isFinite(v) || toks[c] === '')
        throw new TextFormatError(fileName, line, `column ${c + 1}: expected a number, found "${toks[c].slice(0, 20)}"`);
      values.push(v);
    }
    if (width < 0) width = toks.length;
    else if (toks.length !== width) throw new TextFormatError(fileName, line, `expected ${width} values (as on the first row), found ${toks.length}`);
    rows.push(line);
  }
  const height = rows.length;
  if (height === 0) throw new TextFormatError(fileName, null, 'no values: expected a text matrix of numbers');
  if ((options.width !== undefined && options.width !== width) || (options.height !== undefined && options.height !== height))
    throw new TextFormatError(fileName, null, `frame is ${width}×${height} values, the header says ${options.width}×${options.height}`);
  const at = options.outOffset ?? 0;
  const data = options.out ?? new Float32Array(width * height);
  if (at + width * height > data.length) throw new RangeError(`parseXim: out has ${data.length} values, ${width * height} needed from ${at}`);
  data.set(values, at);
  return { width, height, data: options.out ? data.subarray(at, at + width * height) : data };
}
