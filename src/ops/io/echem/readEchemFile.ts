/**
 * Opens one electrochemistry file with the right reader: by its content when `format` is `auto`
 * (`BIO-LOGIC MODULAR FILE` → `.mpr`, `EC-Lab ASCII FILE` → `.mpt`, a `Rec#<tab>` table → Maccor,
 * a `DataPoint,Cycle Index,Step Index,…` header → Neware, anything else → delimited text with the
 * column mapping, guessed from the names where not given), else with the reader named.
 */
import { decodeText } from '../columns/decodeText';
import { parseEchemCsv, type EchemCsvMapping } from './parseEchemCsv';
import { parseMaccor } from './parseMaccor';
import { parseMpr } from './parseMpr';
import { parseMpt } from './parseMpt';
import { parseNeware } from './parseNeware';
import type { EchemFile } from './types';

export type EchemFormat = 'auto' | EchemFile['format'];

export interface ReadEchemFileOptions {
  /** Reader to use; `auto` sniffs the content. @default 'auto' */
  format?: EchemFormat;
  /** Column mapping for delimited text (format `csv`, or `auto` on a file no other reader claims); roles left out are guessed. @default {} */
  csv?: EchemCsvMapping;
}

const MPR_MAGIC = 'BIO-LOGIC MODULAR FILE';

/** The reader `auto` picks for these bytes. */
export function sniffEchemFormat(bytes: Uint8Array): EchemFile['format'] {
  let head = '';
  for (let i = 0; i < Math.min(bytes.length, 4096); i++) head += String.fromCharCode(bytes[i]);
  if (head.startsWith(MPR_MAGIC)) return 'biologic-mpr';
  if (/^EC-Lab ASCII FILE/.test(head)) return 'biologic-mpt';
  if (/(^|\n)Rec#\t/.test(head)) return 'maccor';
  if (/^DataPoint,Cycle Index,Step Index,/.test(head)) return 'neware';
  return 'csv';
}

export function readEchemFile(bytes: Uint8Array, fileName: string, options: ReadEchemFileOptions = {}): EchemFile {
  const format = !options.format || options.format === 'auto' ? sniffEchemFormat(bytes) : options.format;
  if (format === 'biologic-mpr') return parseMpr(bytes, fileName);
  const { text } = decodeText(bytes);
  if (format === 'biologic-mpt') return parseMpt(text, fileName);
  if (format === 'maccor') return parseMaccor(text, fileName);
  if (format === 'neware') return parseNeware(text, fileName);
  return parseEchemCsv(text, fileName, options.csv ?? {});
}
