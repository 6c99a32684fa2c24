/**
 * A number cell of a delimited cycler export: a strict decimal (as `parseNumberToken`), with a
 * decimal comma (`1,14`) accepted when the file writes them. Null for empty cells, `inf`, `NaN` and
 * text. Plain decimals take a fast path (no string rewriting): this runs once per cell of big files.
 */
import { parseNumberToken } from '../columns/parseNumberToken';

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const COMMA_DECIMAL = /^([+-]?\d*),(\d+(?:[eE][+-]?\d+)?)$/;

export function parseDelimitedNumber(cell: string, decimalComma: boolean): number | null {
  const c = decimalComma && cell.includes(',') ? cell.replace(COMMA_DECIMAL, '$1.$2') : cell;
  if (DECIMAL.test(c)) {
    const v = +c;
    return Number.isFinite(v) ? v : null;
  }
  return parseNumberToken(c); // Fortran exponents (1.0D-3) and the like
}
