/**
 * Whether the first bytes of a text file (as Latin-1 text, ≤ 4 KiB) are a delimited cycler export
 * for `io.load-echem`: cellpy's "custom instrument" layout (a declared `number of headers;19`
 * block), or a header row whose names give time, potential and current. For content detection
 * (`detectFileFormat`), before the generic column reader claims a `.csv` — so that a cellpy file
 * lacking a column is refused by the reader that can name it.
 */
import { splitLines } from '../columns/splitLines';
import { detectDelimitedLayout } from './detectDelimitedLayout';
import { guessEchemMapping } from './guessEchemMapping';

export function looksLikeEchemCsv(head: string): boolean {
  const lines = splitLines(head);
  // The head may end inside a line; that line says nothing reliable.
  if (lines.length > 1 && !/[\r\n]$/.test(head)) lines.pop();
  try {
    const layout = detectDelimitedLayout(lines, 'head');
    if (layout.found === 'declared') return true;
    const g = guessEchemMapping(layout.names);
    return !!(g.time && g.potential && g.current);
  } catch {
    return false;
  }
}
