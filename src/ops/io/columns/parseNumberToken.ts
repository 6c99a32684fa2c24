/**
 * Strict decimal number parsing for text data tables (XDI, column files).
 *
 * `Number()` and `parseFloat()` are too lenient for data files: they accept "", "0x1f", "1e",
 * "Infinity" or a prefix of "1.2.3". A table cell must be a plain decimal number with an optional
 * exponent (`e`/`E`, or Fortran `d`/`D` as old XAFS programs write): anything else is refused so that
 * the reader can name the file, line and column instead of carrying a silent NaN.
 */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eEdD][+-]?\d+)?$/;

/** The number a cell holds, or `null` when it is not a finite decimal number. */
export function parseNumberToken(token: string): number | null {
  if (!NUMBER.test(token)) return null;
  const v = Number(token.replace(/[dD]/, 'e'));
  return Number.isFinite(v) ? v : null;
}
