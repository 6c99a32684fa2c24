/**
 * Reader for XDI 1.0 files (XAS Data Interchange, https://github.com/XraySpectroscopy/XAS-Data-Interchange).
 *
 * Layout: line 1 `# XDI/1.0 [Extension/version …]`; header lines `# Family.Key: Value`; an optional
 * user comment between `# ///` and `#-----`; the column label line; then a whitespace-separated
 * table, which may contain `# Outer.value: v` lines (2-D scans).
 *
 * Behaviour on malformed files follows the suite `baddata/BadFiles.txt` of the reference C library:
 * hard errors (no XDI line, malformed `Family.Key: Value` header, NaN or non-numeric cells, a changing
 * number of columns) throw a `TextFormatError` naming the file and line; everything else (missing or
 * invalid metadata, missing or extra `Column.N` labels, unsupported comment characters, missing
 * separator or user comment) is read with a warning.
 */
import { parseNumberToken } from '../columns/parseNumberToken';
import { parseTimeStamp } from '../columns/parseTimeStamp';
import { splitLines } from '../columns/splitLines';
import { TextFormatError } from '../columns/TextFormatError';
import type { ColumnFile, ColumnInfo } from '../columns/types';
import { validateXdiMetadata, type XdiMetaEntry } from './validateXdiMetadata';

export interface XdiFile extends ColumnFile {
  format: 'xdi';
  /** XDI version from line 1, e.g. `1.0`. */
  version: string;
  /** Extension version tags from line 1, e.g. `['GSE/1.0']`. */
  extraVersions: string[];
  /** Outer scan of a 2-D file: its name, values, and the row index where each value starts. */
  outer: { name: string; values: number[]; breakpoints: number[] } | null;
}

const FAMILY = /^[A-Za-z_][A-Za-z0-9_]+$/;
const KEY = /^[A-Za-z0-9_]+$/;
/** A data row starts with a digit, a sign or a decimal point (as the C library's DATALINE). */
const DATA_LINE = /^[ \t]*[-+]?[0-9.]/;
/** Comment characters other than `#` that some programs write; such lines are skipped with a warning. */
const OTHER_COMMENT = /^[ \t]*[;!%*]/;
const METADATA_SHAPE = /^[^\s:]+\.[^\s:]+\s*:/;

/** Parses the text of an XDI file; `fileName` is used in messages. Throws `TextFormatError`. */
export function parseXdi(text: string, fileName: string): XdiFile {
  const lines = splitLines(text);
  const warnings: string[] = [];
  const first = lines[0] ?? '';
  const version = /^#\s*XDI\/(\S+)\s*(.*)$/i.exec(first);
  if (!version)
    throw new TextFormatError(fileName, 1, `expected the XDI version line "# XDI/1.0 …", got "${first.trim()}"`);
  const extraVersions = version[2].split(/\s+/).filter((s) => s.length > 0);

  let dataStart = lines.length;
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i].startsWith('#') && DATA_LINE.test(lines[i])) {
      dataStart = i;
      break;
    }
  }
  if (dataStart === lines.length) throw new TextFormatError(fileName, null, 'expected a data table after the header, found none');

  // The column label line is the last '#' line before the data unless it is metadata or a separator.
  let labelLine = -1;
  for (let i = dataStart - 1; i >= 1; i--) {
    if (!lines[i].startsWith('#')) continue;
    const body = lines[i].slice(1).trim();
    if (body !== '' && !body.startsWith('---') && !body.startsWith('///') && !METADATA_SHAPE.test(body)) labelLine = i;
    break;
  }

  const entries: XdiMetaEntry[] = [];
  const comments: string[] = [];
  const ignored: number[] = [];
  let mode: 'meta' | 'comment' | 'done' = 'meta';
  let sawComment = false;
  let sawMinus = false;
  for (let i = 1; i < dataStart; i++) {
    const line = lines[i];
    const lineNo = i + 1;
    if (!line.startsWith('#')) {
      if (line.trim() !== '') ignored.push(lineNo);
      continue;
    }
    if (i === labelLine) continue;
    const body = line.slice(1).trim();
    if (body === '') continue;
    if (body.startsWith('---')) {
      mode = 'done';
      sawMinus = true;
      continue;
    }
    if (body.startsWith('///')) {
      mode = 'comment';
      sawComment = true;
      continue;
    }
    if (mode === 'comment') {
      comments.push(body);
      continue;
    }
    if (mode === 'done') continue;
    const colon = body.indexOf(':');
    if (colon < 0)
      throw new TextFormatError(fileName, lineNo, `expected a header line "# Family.Key: Value", got "${line.trim()}" (no ':')`);
    const name = body.slice(0, colon).trim();
    const value = body.slice(colon + 1).trim();
    const parts = name.split('.');
    if (parts.length !== 2)
      throw new TextFormatError(
        fileName,
        lineNo,
        `expected a header name "Family.Key" with exactly one '.', got "${name}" in "${line.trim()}"`,
      );
    const [family, key] = parts;
    if (!FAMILY.test(family))
      throw new TextFormatError(
        fileName,
        lineNo,
        `expected a family name of letters, digits and '_' not starting with a digit, got "${family}"`,
      );
    if (!KEY.test(key))
      throw new TextFormatError(fileName, lineNo, `expected a key of letters, digits and '_', got "${key}"`);
    if (value === '') throw new TextFormatError(fileName, lineNo, `expected a value after "${name}:", got nothing`);
    entries.push({ family, key, value, line: lineNo });
  }
  if (ignored.length > 0)
    warnings.push(
      `${fileName}, line${ignored.length > 1 ? 's' : ''} ${ignored.join(', ')}: header line${ignored.length > 1 ? 's' : ''} not starting with '#' ignored (unsupported comment character)`,
    );
  if (!sawMinus) warnings.push(`${fileName}: no line of minus signs '#-----' separating header from data`);
  if (!sawComment) warnings.push(`${fileName}: no user comment (expected lines between '# ///' and '#-----'); comment left empty`);
  else if (comments.length === 0) warnings.push(`${fileName}: user comment section '# ///' is empty`);

  // Data table.
  const columns: number[][] = [];
  let ncols = -1;
  let firstDataLine = -1;
  let rows = 0;
  const outerValues: number[] = [];
  const outerBreaks: number[] = [];
  const skipped: number[] = [];
  for (let i = dataStart; i < lines.length; i++) {
    const line = lines[i];
    const lineNo = i + 1;
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      const m = /^#\s*Outer\.value\s*:\s*(.*)$/i.exec(line);
      if (m) {
        const v = parseNumberToken(m[1].trim());
        if (v === null) throw new TextFormatError(fileName, lineNo, `Outer.value: expected a number, got "${m[1].trim()}"`);
        outerValues.push(v);
        outerBreaks.push(rows);
      }
      continue;
    }
    if (OTHER_COMMENT.test(line)) {
      skipped.push(lineNo);
      continue;
    }
    const tokens = line.trim().split(/\s+/);
    if (ncols < 0) {
      ncols = tokens.length;
      firstDataLine = lineNo;
      for (let j = 0; j < ncols; j++) columns.push([]);
    } else if (tokens.length !== ncols) {
      throw new TextFormatError(
        fileName,
        lineNo,
        `expected ${ncols} values (as on line ${firstDataLine}), found ${tokens.length}: the number of columns changes`,
      );
    }
    for (let j = 0; j < ncols; j++) {
      const v = parseNumberToken(tokens[j]);
      if (v === null)
        throw new TextFormatError(fileName, lineNo, `column ${j + 1}: expected a number, got "${tokens[j]}"`);
      columns[j].push(v);
    }
    rows++;
  }
  if (skipped.length > 0)
    warnings.push(`${fileName}, lines ${skipped.join(', ')}: lines with an unsupported comment character ignored`);

  const info = resolveColumns(fileName, entries, ncols, warnings);
  const header: Record<string, string> = {};
  for (const e of entries) header[`${e.family}.${e.key}`] = e.value;
  warnings.push(...validateXdiMetadata(fileName, entries, { extraVersions, columnNames: info.map((c) => c.name) }));

  const startEntry = entries.find((e) => `${e.family}.${e.key}`.toLowerCase() === 'scan.start_time');
  const start = startEntry ? parseTimeStamp(startEntry.value) : null;
  const outerName = entries.find((e) => `${e.family}.${e.key}`.toLowerCase() === 'outer.name');
  const headerOuter = entries.find((e) => `${e.family}.${e.key}`.toLowerCase() === 'outer.value');
  let outer: XdiFile['outer'] = null;
  if (outerName || outerValues.length > 0) {
    const values = [...outerValues];
    const breakpoints = [...outerBreaks];
    const v0 = headerOuter ? parseNumberToken(headerOuter.value) : null;
    if (headerOuter && v0 === null)
      throw new TextFormatError(fileName, headerOuter.line, `Outer.value: expected a number, got "${headerOuter.value}"`);
    if (v0 !== null) {
      values.unshift(v0);
      breakpoints.unshift(0);
    }
    outer = { name: outerName?.value ?? '', values, breakpoints };
  }

  return {
    fileName,
    format: 'xdi',
    version: version[1],
    extraVersions,
    columns: info,
    data: columns.map((c) => Float64Array.from(c)),
    header,
    comments: comments.join('\n'),
    startTime: start && !('error' in start) ? start : null,
    warnings,
    outer,
  };
}

/** Names and units from `Column.N: name unit`; unnamed columns become `colN` (XDI C library rule). */
function resolveColumns(fileName: string, entries: XdiMetaEntry[], ncols: number, warnings: string[]): ColumnInfo[] {
  const byIndex = new Map<number, ColumnInfo>();
  for (const e of entries) {
    if (e.family.toLowerCase() !== 'column') continue;
    const n = Number(e.key);
    if (!Number.isInteger(n) || n < 1) {
      warnings.push(`${fileName}, line ${e.line}: Column.${e.key}: expected a column number ≥ 1; ignored`);
      continue;
    }
    const words = e.value.split(/\s+/);
    if (n > ncols) {
      warnings.push(`${fileName}, line ${e.line}: Column.${n} declared but the data table has ${ncols} columns; ignored`);
      continue;
    }
    byIndex.set(n - 1, { name: words[0], unit: words[1] ?? '' });
  }
  const out: ColumnInfo[] = [];
  const unnamed: number[] = [];
  for (let j = 0; j < ncols; j++) {
    const c = byIndex.get(j);
    if (c) out.push(c);
    else {
      out.push({ name: `col${j + 1}`, unit: '' });
      unnamed.push(j + 1);
    }
  }
  if (unnamed.length === ncols)
    warnings.push(`${fileName}: no Column.N labels in the header; columns named col1..col${ncols}`);
  else if (unnamed.length > 0)
    warnings.push(
      `${fileName}: no Column.N label for column${unnamed.length > 1 ? 's' : ''} ${unnamed.join(', ')}; named ${unnamed.map((n) => `col${n}`).join(', ')}`,
    );
  return out;
}
