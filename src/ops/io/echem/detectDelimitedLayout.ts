/**
 * Finds where the table of a delimited cycler export starts and how it is written: the separator
 * (`;`, tab or `,`), a decimal comma, the header row (column names) and the key/value lines above it.
 *
 * The header row is the line the file declares (`number of headers;19`, cellpy's "custom"
 * instrument format: 19 lines before the column names) or else the first line of names followed by
 * a row of numbers with the same number of cells. Only the first `maxScan` lines are looked at, so
 * this is cheap on a file of millions of rows.
 */
import { parseNumberToken } from '../columns/parseNumberToken';
import { TextFormatError } from '../columns/TextFormatError';
import { splitDelimitedCells } from './splitDelimitedCells';

export interface DelimitedLayout {
  /** 0-based index of the line holding the column names. */
  headerLine: number;
  separator: ';' | '\t' | ',';
  /** Numbers are written `1,14` (only with `;` or tab separators). */
  decimalComma: boolean;
  /** Column names as written (quotes removed, trimmed). */
  names: string[];
  /** `key;value` lines above the header row (operator, cell, mass …), first 50. */
  header: Record<string, string>;
  /** How the header row was found: declared by the file (`number of headers`) or by its content. */
  found: 'declared' | 'content';
}

const SEPARATORS = [';', '\t', ','] as const;
const DECLARED = /^\s*"?number of headers"?\s*[;,\t]\s*"?(\d+)"?/i;
const COMMA_NUMBER = /^[+-]?\d+,\d+(?:[eE][+-]?\d+)?$/;

const isNumber = (cell: string, decimalComma: boolean) =>
  parseNumberToken(decimalComma && COMMA_NUMBER.test(cell) ? cell.replace(',', '.') : cell) !== null;

/** Column names: at least two cells, most of them non-empty text that is not a number. */
function looksLikeNames(cells: string[]): boolean {
  const named = cells.filter((c) => c !== '' && !isNumber(c, true)).length;
  return cells.length >= 2 && named >= 0.8 * cells.length;
}

function looksLikeRow(cells: string[], width: number, decimalComma: boolean): boolean {
  return cells.length === width && cells.filter((c) => isNumber(c, decimalComma)).length >= 0.5 * width;
}

function nextNonEmpty(lines: readonly string[], from: number): number {
  let j = from;
  while (j < lines.length && lines[j].trim() === '') j++;
  return j;
}

export function detectDelimitedLayout(lines: readonly string[], fileName: string, maxScan = 200): DelimitedLayout {
  const scan = Math.min(lines.length, maxScan);
  let headerLine = -1;
  let separator: DelimitedLayout['separator'] = ',';
  let found: DelimitedLayout['found'] = 'content';

  for (let i = 0; i < Math.min(scan, 50); i++) {
    const m = DECLARED.exec(lines[i]);
    if (!m) continue;
    const n = Number(m[1]);
    const sep = SEPARATORS.find((s) => lines[i].includes(s))!;
    if (n >= lines.length || !looksLikeNames(splitDelimitedCells(lines[n], sep)))
      throw new TextFormatError(
        fileName,
        Math.min(n, lines.length - 1) + 1,
        `expected the column names here (line ${i + 1} declares ${n} header lines), got ${n >= lines.length ? 'the end of the file' : `"${lines[n].slice(0, 60)}"`}`,
      );
    headerLine = n;
    separator = sep;
    found = 'declared';
    break;
  }

  for (let i = 0; i < scan && headerLine < 0; i++) {
    let best = 0;
    for (const sep of SEPARATORS) {
      if (!lines[i].includes(sep)) continue;
      const cells = splitDelimitedCells(lines[i], sep);
      if (cells.length <= best || !looksLikeNames(cells)) continue;
      const j = nextNonEmpty(lines, i + 1);
      if (j >= lines.length) continue;
      const row = splitDelimitedCells(lines[j], sep);
      if (looksLikeRow(row, cells.length, sep !== ',')) {
        best = cells.length;
        headerLine = i;
        separator = sep;
      }
    }
  }
  if (headerLine < 0)
    throw new TextFormatError(
      fileName,
      null,
      `no header row found in the first ${scan} lines: expected a line of column names (separated by ";", tab or ",") followed by rows of numbers`,
    );

  const names = splitDelimitedCells(lines[headerLine], separator);
  let decimalComma = false;
  if (separator !== ',')
    for (let i = headerLine + 1, seen = 0; i < lines.length && seen < 50 && !decimalComma; i++, seen++)
      decimalComma = splitDelimitedCells(lines[i], separator).some((c) => COMMA_NUMBER.test(c));

  const header: Record<string, string> = {};
  for (let i = 0; i < headerLine && Object.keys(header).length < 50; i++) {
    if (/^\s*[#!]/.test(lines[i])) continue;
    const [k, v] = splitDelimitedCells(lines[i], separator);
    if (k && v && !(k in header)) header[k] = v;
  }
  return { headerLine, separator, decimalComma, names, header, found };
}
