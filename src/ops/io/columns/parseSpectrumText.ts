/**
 * Reads a text spectrum file of either kind: XDI when the first line starts with `# XDI/`,
 * otherwise plain columns. One entry point for the loader node and the CLI.
 */
import { parseXdi } from '../xdi/parseXdi';
import { parseColumns } from './parseColumns';
import type { ColumnFile } from './types';

export function parseSpectrumText(text: string, fileName: string): ColumnFile {
  const start = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return /^#\s*XDI\//i.test(start) ? parseXdi(start, fileName) : parseColumns(start, fileName);
}
