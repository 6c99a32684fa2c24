/**
 * The column names of a delimited cycler export and the column each role would use, read from the
 * head of the file only (its first 256 KiB, cut at a line end), so the inspector can offer the
 * columns even when reading the whole file fails. Null when no header row is found.
 */
import { decodeText } from '../columns/decodeText';
import { splitLines } from '../columns/splitLines';
import { detectDelimitedLayout } from './detectDelimitedLayout';
import { resolveEchemCsvColumns, type EchemCsvMapping, type EchemCsvReading } from './parseEchemCsv';

const HEAD_BYTES = 256 * 1024;

export function readEchemCsvColumns(bytes: Uint8Array, fileName: string, mapping: EchemCsvMapping = {}): (Omit<EchemCsvReading, 'layout'> & { names: string[] }) | null {
  let end = Math.min(bytes.length, HEAD_BYTES);
  // Cut at the last line end so a multi-byte character is never split (UTF-8 would fall back to Latin-1).
  if (end < bytes.length) end = bytes.lastIndexOf(0x0a, end - 1) + 1 || end;
  try {
    const { names } = detectDelimitedLayout(splitLines(decodeText(bytes.subarray(0, end)).text), fileName);
    return { names, ...resolveEchemCsvColumns(names, mapping) };
  } catch {
    return null;
  }
}
