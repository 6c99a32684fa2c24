/**
 * Reads any supported 1-D diffraction file, chosen by extension and then by content:
 * `.xrdml` (or text starting with `<?xml`/`<xrdMeasurements`) → `parseXrdml`; `.chi` (or a first
 * line of text, a label, and a point count on line 4) → `parseChi`; anything else (`.xy`, `.xye`,
 * `.dat`, `.csv`, `.txt`) → column text via `parseColumns` and `patternFromColumns`, with the third
 * column as σ for `.xye`. Returns one pattern per scan (an xrdml file may hold several).
 */
import { parseColumns } from '../columns/parseColumns';
import { parseNumberToken } from '../columns/parseNumberToken';
import { parseChi } from './parseChi';
import { parseXrdml } from './parseXrdml';
import { patternFromColumns } from './patternFromColumns';
import type { XrdPattern } from './types';

/** Extensions `parsePattern` reads. */
export const PATTERN_EXTENSIONS = ['.xy', '.xye', '.chi', '.dat', '.csv', '.txt', '.xrdml'];

export function parsePattern(text: string, fileName: string): XrdPattern[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const ext = /\.[^./\\]+$/.exec(fileName.toLowerCase())?.[0] ?? '';
  const head = body.trimStart().slice(0, 200);
  if (ext === '.xrdml' || head.startsWith('<?xml') || head.startsWith('<xrdMeasurements')) return parseXrdml(body, fileName);
  if (ext === '.chi' || looksLikeChi(body)) return [parseChi(body, fileName)];
  return [patternFromColumns(parseColumns(body, fileName), { sigmaColumn: ext === '.xye' })];
}

/** FIT2D layout: non-numeric line 1, an integer alone on line 4. */
function looksLikeChi(text: string): boolean {
  const lines = text.split(/\r\n|\r|\n/, 5);
  if (lines.length < 5 || lines[0].startsWith('#')) return false;
  const count = parseNumberToken(lines[3].trim());
  return count !== null && Number.isInteger(count) && parseNumberToken(lines[0].trim().split(/\s+/)[0] ?? '') === null;
}
