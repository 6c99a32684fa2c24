import { TextFormatError } from '../columns/TextFormatError';

export interface AxisMask {
  width: number;
  height: number;
  /** 1 where the mask is set ("O"), 0 elsewhere (space); row-major, first text line = first image row. */
  data: Uint8Array;
  warnings: string[];
}

/**
 * Reads an aXis2000 mask (`.msk`): one text line per image row, one character per pixel, "O" for a
 * masked pixel and a space for the rest. Rows keep the order of the `.xim` frames they were drawn
 * on (checked on the ALS Fe L-edge stack: "O" covers the particles' high optical density).
 * A row shorter than the others (trailing spaces stripped by an editor) is padded with spaces and
 * reported; any other character is refused with its line and column.
 */
export function parseAxisMask(text: string, fileName: string): AxisMask {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) throw new TextFormatError(fileName, null, 'empty file: expected rows of "O" and spaces (an aXis2000 mask)');
  let width = 0;
  for (const l of lines) width = Math.max(width, l.length);
  const height = lines.length;
  const data = new Uint8Array(width * height);
  const short: number[] = [];
  for (let r = 0; r < height; r++) {
    const l = lines[r];
    if (l.length < width) short.push(r + 1);
    for (let c = 0; c < l.length; c++) {
      const ch = l.charCodeAt(c);
      if (ch === 79 || ch === 111) data[r * width + c] = 1;
      else if (ch !== 32)
        throw new TextFormatError(fileName, r + 1, `column ${c + 1}: expected "O" (masked) or a space, found "${l[c]}"`);
    }
  }
  const warnings = short.length
    ? [`${fileName}: ${short.length} row(s) shorter than ${width} characters (first: line ${short[0]}), padded with unmasked pixels`]
    : [];
  return { width, height, data, warnings };
}
