/**
 * Reads a FIT2D `.chi` pattern: line 1 a title, line 2 the x-axis label (`2-Theta Angle (Degrees)`,
 * `Q (Angstrom^-1)`…), line 3 the y-axis label, line 4 the number of points, then rows of
 * `x y [σ]`. (FIT2D manual, "CHI format"; also written by Dioptas and pyFAI.)
 * The rows are read by `parseColumns`, so bad rows are refused naming the file and line. A point
 * count that differs from the rows found is a warning (Dioptas' own test `.chi` is an excerpt).
 */
import { parseColumns } from '../columns/parseColumns';
import { parseNumberToken } from '../columns/parseNumberToken';
import { splitLines } from '../columns/splitLines';
import { TextFormatError } from '../columns/TextFormatError';
import { patternFromColumns } from './patternFromColumns';
import type { XrdPattern } from './types';

export function parseChi(text: string, fileName: string): XrdPattern {
  const lines = splitLines(text);
  if (lines.length < 5) throw new TextFormatError(fileName, null, `expected 4 header lines then data rows (FIT2D .chi), found ${lines.length} lines`);
  const count = parseNumberToken(lines[3].trim());
  if (count === null || !Number.isInteger(count) || count < 0)
    throw new TextFormatError(fileName, 4, `expected the number of points (an integer), got "${lines[3].trim()}"`);
  const xLabel = lines[1].trim();
  // Keep line numbers: the four header lines become comments.
  const body = ['#', '#', '#', '#', ...lines.slice(4)].join('\n');
  const file = parseColumns(body, fileName);
  const rows = file.data[0].length;
  const isQ = /^q\b/i.test(xLabel);
  const named = {
    ...file,
    columns: [
      { name: isQ ? 'q' : '2theta', unit: isQ && /nm/i.test(xLabel) ? 'nm^-1' : '' },
      { name: lines[2].trim() || 'intensity', unit: '' },
      ...file.columns.slice(2).map(() => ({ name: 'sigma', unit: '' })),
    ],
  };
  const pattern = patternFromColumns(named, { format: 'chi' });
  if (rows !== count)
    pattern.warnings.push(`${fileName}, line 4: header declares ${count} points but ${rows} data rows follow: all ${rows} rows read`);
  pattern.attrs.title = lines[0].trim();
  pattern.attrs.xLabel = xLabel;
  return pattern;
}
