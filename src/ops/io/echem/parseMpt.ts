/**
 * Reader for BioLogic EC-Lab text exports (`.mpt`, "EC-Lab ASCII FILE"), all layouts seen from
 * EC-Lab 10 to 11.5: a header of `Nb header lines : N` lines (N = 3 for the bare export), then a tab
 * separated table whose first line holds the column names with units (`time/s`, `Ewe/V`, `<I>/mA`,
 * `(Q-Qo)/mA.h`, `cycle number`, `Ns`). Numbers use a decimal point or, with French/German
 * locales, a decimal comma. The start time is `Acquisition started on : MM/DD/YYYY HH:MM:SS(.fff)`,
 * kept without a time zone (the potentiostat PC's local clock), as EC-Lab writes it.
 * Reference: the EC-Lab software manual (BioLogic), file layout as read by galvani / yadg.
 */
import { parseNumberToken } from '../columns/parseNumberToken';
import { splitLines } from '../columns/splitLines';
import { TextFormatError } from '../columns/TextFormatError';
import { ecLabStartTime } from './ecLabStartTime';
import { splitUnitSlash } from './splitUnitSlash';
import type { EchemFile } from './types';

const HEADER_KEYS = ['Technique', 'Device', 'Run on channel', 'Comments'];

export function parseMpt(text: string, fileName: string): EchemFile {
  const lines = splitLines(text);
  if (lines.length === 0 || !/^EC-Lab ASCII FILE\s*$/.test(lines[0]))
    throw new TextFormatError(fileName, 1, `expected "EC-Lab ASCII FILE", got "${(lines[0] ?? '').slice(0, 40)}"`);
  const nb = /^Nb header lines\s*:\s*(\d+)\s*$/.exec(lines[1] ?? '');
  if (!nb) throw new TextFormatError(fileName, 2, `expected "Nb header lines : N", got "${(lines[1] ?? '').slice(0, 40)}"`);
  const nHeader = Number(nb[1]);
  if (nHeader < 3 || nHeader > lines.length)
    throw new TextFormatError(fileName, 2, `Nb header lines = ${nHeader}: expected 3 to ${lines.length} (lines in the file)`);
  const header: Record<string, string> = {};
  const warnings: string[] = [];
  let startTime: EchemFile['startTime'] = null;
  if (nHeader > 3 && lines[3].trim() !== '') header.technique = lines[3].trim();
  for (let i = 2; i < nHeader - 1; i++) {
    const m = /^\s*([^:]+?)\s*:\s*(.*?)\s*$/.exec(lines[i]);
    if (!m) continue;
    if (m[1] === 'Acquisition started on') {
      const t = ecLabStartTime(m[2]);
      if ('error' in t) warnings.push(`${fileName}, line ${i + 1}: ${t.error}; no start time taken`);
      else startTime = t;
    } else if (HEADER_KEYS.includes(m[1]) && !(m[1] in header)) header[m[1]] = m[2];
    else if (/^EC-Lab for windows/.test(lines[i])) header.software = lines[i].trim();
  }
  const names = lines[nHeader - 1].replace(/\t+$/, '').split('\t');
  if (names.length < 2 || !names.includes('time/s'))
    throw new TextFormatError(fileName, nHeader, `expected the tab separated column names (with "time/s") on line Nb header lines = ${nHeader}`);
  const ncols = names.length;
  const nrows = lines.length - nHeader;
  const data = names.map(() => new Float64Array(nrows));
  let rows = 0;
  for (let i = nHeader; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const cells = line.replace(/\t+$/, '').split('\t');
    if (cells.length !== ncols)
      throw new TextFormatError(fileName, i + 1, `expected ${ncols} values (as column names on line ${nHeader}), found ${cells.length}`);
    for (let j = 0; j < ncols; j++) {
      const v = parseNumberToken(cells[j].includes(',') ? cells[j].replace(',', '.') : cells[j]);
      if (v === null) throw new TextFormatError(fileName, i + 1, `column ${j + 1} "${names[j]}": expected a number, got "${cells[j]}"`);
      data[j][rows] = v;
    }
    rows++;
  }
  return {
    fileName,
    format: 'biologic-mpt',
    columns: names.map((n, j) => ({ ...splitUnitSlash(n), data: data[j].subarray(0, rows) })),
    rows,
    startTime,
    header,
    warnings,
  };
}
