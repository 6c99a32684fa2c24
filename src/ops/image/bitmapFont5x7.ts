/**
 * A 5×7 pixel font (HD44780-style glyphs) for labels drawn into exported pictures where there is
 * no canvas (Node, workers): digits, lower-case letters (upper case is drawn in lower case), and
 * the signs of numbers and units: . - + ° µ Å space. Other characters draw as "?".
 */
const GLYPHS: Record<string, string> = {
  '0': '.###. #...# #..## #.#.# ##..# #...# .###.',
  '1': '..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.',
  '2': '.###. #...# ....# ...#. ..#.. .#... #####',
  '3': '##### ...#. ..#.. ...#. ....# #...# .###.',
  '4': '...#. ..##. .#.#. #..#. ##### ...#. ...#.',
  '5': '##### #.... ####. ....# ....# #...# .###.',
  '6': '..##. .#... #.... ####. #...# #...# .###.',
  '7': '##### ....# ...#. ..#.. .#... .#... .#...',
  '8': '.###. #...# #...# .###. #...# #...# .###.',
  '9': '.###. #...# #...# .#### ....# ...#. .##..',
  '.': '..... ..... ..... ..... ..... .##.. .##..',
  '-': '..... ..... ..... ##### ..... ..... .....',
  '+': '..... ..#.. ..#.. ##### ..#.. ..#.. .....',
  ' ': '..... ..... ..... ..... ..... ..... .....',
  '?': '.###. #...# ....# ...#. ..#.. ..... ..#..',
  '°': '.##.. #..#. .##.. ..... ..... ..... .....',
  µ: '..... ..... #...# #...# #..## ###.# #....',
  Å: '..#.. ..... .###. #...# ##### #...# #...#',
  a: '..... ..... .###. ....# .#### #...# .####',
  b: '#.... #.... #.##. ##..# #...# #...# ####.',
  c: '..... ..... .###. #.... #.... #...# .###.',
  d: '....# ....# .##.# #..## #...# #...# .####',
  e: '..... ..... .###. #...# ##### #.... .###.',
  f: '..##. .#..# .#... ###.. .#... .#... .#...',
  g: '..... .#### #...# #...# .#### ....# .###.',
  h: '#.... #.... #.##. ##..# #...# #...# #...#',
  i: '..#.. ..... .##.. ..#.. ..#.. ..#.. .###.',
  j: '...#. ..... ..##. ...#. ...#. #..#. .##..',
  k: '#.... #.... #..#. #.#.. ##... #.#.. #..#.',
  l: '.##.. ..#.. ..#.. ..#.. ..#.. ..#.. .###.',
  m: '..... ..... ##.#. #.#.# #.#.# #...# #...#',
  n: '..... ..... #.##. ##..# #...# #...# #...#',
  o: '..... ..... .###. #...# #...# #...# .###.',
  p: '..... ..... ####. #...# ####. #.... #....',
  q: '..... ..... .##.# #..## .#### ....# ....#',
  r: '..... ..... #.##. ##..# #.... #.... #....',
  s: '..... ..... .###. #.... .###. ....# ####.',
  t: '.#... .#... ###.. .#... .#... .#..# ..##.',
  u: '..... ..... #...# #...# #...# #..## .##.#',
  v: '..... ..... #...# #...# #...# .#.#. ..#..',
  w: '..... ..... #...# #...# #.#.# #.#.# .#.#.',
  x: '..... ..... #...# .#.#. ..#.. .#.#. #...#',
  y: '..... ..... #...# #...# .#### ....# .###.',
  z: '..... ..... ##### ...#. ..#.. .#... #####',
};

export const GLYPH_WIDTH = 5;
export const GLYPH_HEIGHT = 7;
/** Horizontal step from one character to the next, in font pixels (glyph + 1 blank column). */
export const GLYPH_ADVANCE = 6;

/** The 7 rows of 5 booleans of a character (`μ` Greek mu as the micro sign, upper case as lower). */
export function glyphRows(ch: string): boolean[][] {
  const key = ch === 'μ' ? 'µ' : ch === 'Å' || ch === 'µ' ? ch : ch.toLowerCase();
  const g = GLYPHS[key] ?? GLYPHS['?'];
  return g.split(' ').map((row) => [...row].map((c) => c === '#'));
}

/** Width in image pixels of `text` drawn at `scale` (no trailing blank column). */
export function textWidth(text: string, scale: number): number {
  const n = [...text].length;
  return n === 0 ? 0 : (n * GLYPH_ADVANCE - 1) * scale;
}

/**
 * Draws `text` with its top-left corner at (x, y), each font pixel a `scale`×`scale` block set to
 * `value` in every channel of interleaved 8-bit `pixels`. Parts outside the image are clipped.
 */
export function drawText(
  pixels: Uint8Array,
  width: number,
  height: number,
  channels: number,
  text: string,
  x: number,
  y: number,
  scale: number,
  value: number,
): void {
  let cx = x;
  for (const ch of text) {
    const rows = glyphRows(ch);
    for (let r = 0; r < GLYPH_HEIGHT; r++) {
      for (let c = 0; c < GLYPH_WIDTH; c++) {
        if (rows[r][c]) fillRect(pixels, width, height, channels, cx + c * scale, y + r * scale, scale, scale, value);
      }
    }
    cx += GLYPH_ADVANCE * scale;
  }
}

/** Sets a rectangle (clipped to the image) to `value` in every channel. */
export function fillRect(pixels: Uint8Array, width: number, height: number, channels: number, x: number, y: number, w: number, h: number, value: number): void {
  const x0 = Math.max(0, x);
  const y0 = Math.max(0, y);
  const x1 = Math.min(width, x + w);
  const y1 = Math.min(height, y + h);
  for (let j = y0; j < y1; j++) pixels.fill(value, (j * width + x0) * channels, (j * width + x1) * channels);
}
