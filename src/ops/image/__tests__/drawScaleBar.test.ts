import { describe, expect, it } from 'vitest';
import { drawText, glyphRows, textWidth } from '../bitmapFont5x7';
import { niceScaleLength } from '../niceScaleLength';
import { drawScaleBar } from '../drawScaleBar';

/** The set pixels of a 1-channel picture as "x,y" strings. */
function lit(px: Uint8Array, width: number, value = 255): Set<string> {
  const s = new Set<string>();
  px.forEach((v, i) => v === value && s.add(`${i % width},${Math.floor(i / width)}`));
  return s;
}

describe('niceScaleLength', () => {
  it('the largest 1/2/5·10^k not above the target', () => {
    expect([78, 100, 99.9, 0.5, 0.49, 3e-7, 1999, 2000, 7].map(niceScaleLength)).toEqual([50, 100, 50, 0.5, 0.2, 2e-7, 1000, 2000, 5]);
    expect(() => niceScaleLength(0)).toThrow('niceScaleLength: target = 0, expected a positive finite number');
  });
});

describe('bitmapFont5x7', () => {
  it('draws each font pixel as a scale×scale block, glyph after glyph with one blank column', () => {
    const w = 12;
    const px = new Uint8Array(w * 14);
    drawText(px, w, 14, 1, '1.', 0, 0, 1, 255);
    const expected = new Set<string>();
    glyphRows('1').forEach((row, y) => row.forEach((on, x) => on && expected.add(`${x},${y}`)));
    glyphRows('.').forEach((row, y) => row.forEach((on, x) => on && expected.add(`${x + 6},${y}`)));
    expect(lit(px, w)).toEqual(expected);
    expect(expected.size).toBe(10 + 4);
    // scale 2: four times as many pixels, clipped at the border
    const big = new Uint8Array(w * 14);
    drawText(big, w, 14, 1, '1', 0, 0, 2, 255);
    expect(lit(big, w).size).toBe(40);
    expect(textWidth('10 µm', 2)).toBe((5 * 6 - 1) * 2);
    expect(glyphRows('M')).toEqual(glyphRows('m'));
    expect(glyphRows('μ')).toEqual(glyphRows('µ'));
    expect(glyphRows('%')).toEqual(glyphRows('?'));
  });
});

describe('drawScaleBar', () => {
  it('auto length: a round length near a fifth of the width, bar and label in the bottom-right corner', () => {
    const width = 601;
    const height = 499;
    const px = new Uint8Array(width * height);
    const r = drawScaleBar(px, width, height, 1, { pixelSize: 0.65, unit: 'µm' });
    // 601/5 px × 0.65 µm = 78 µm → 50 µm = 77 px (rounded 76.9)
    expect([r.length, r.label, r.bar]).toEqual([50, '50 µm', { x: 601 - 20 - 77, y: 499 - 20 - 5, width: 77, height: 5 }]);
    // margin 4 % of 499 = 20, thickness 1 % of 499 = 5, font scale round(0.03·499/7) = 2
    expect(r.text.scale).toBe(2);
    const on = lit(px, width);
    for (let y = r.bar.y; y < r.bar.y + 5; y++) for (let x = r.bar.x; x < r.bar.x + 77; x++) expect(on.has(`${x},${y}`)).toBe(true);
    // the label: exactly the glyph pixels of "50 µm" at scale 2, centred over the bar
    const label = new Uint8Array(width * height);
    drawText(label, width, height, 1, '50 µm', r.text.x, r.text.y, 2, 255);
    const labelPx = lit(label, width);
    expect(r.text.x).toBe(Math.round(r.bar.x + 77 / 2 - textWidth('50 µm', 2) / 2));
    expect(r.text.y + 14 + 4).toBe(r.bar.y);
    expect(on.size).toBe(77 * 5 + labelPx.size);
    for (const p of labelPx) expect(on.has(p)).toBe(true);
  });

  it('given length, top-left, black on white RGB', () => {
    const width = 200;
    const height = 100;
    const px = new Uint8Array(width * height * 3).fill(255);
    const r = drawScaleBar(px, width, height, 3, { pixelSize: 0.5, unit: 'nm', length: 25, position: 'top-left', value: 0 });
    // margin 4 % of 100 = 4; the label (7 px tall at scale 1) and a 2 px gap above the bar
    expect(r.bar).toEqual({ x: 4, y: 4 + 7 + 2, width: 50, height: 2 });
    const at = (x: number, y: number) => Array.from(px.subarray((y * width + x) * 3, (y * width + x) * 3 + 3));
    expect(at(4, 13)).toEqual([0, 0, 0]);
    expect(at(53, 14)).toEqual([0, 0, 0]);
    expect(at(54, 14)).toEqual([255, 255, 255]);
    expect(at(4, 15)).toEqual([255, 255, 255]);
    expect(r.label).toBe('25 nm');
  });

  it('a bar wider than the image is refused with the numbers', () => {
    expect(() => drawScaleBar(new Uint8Array(100 * 50), 100, 50, 1, { pixelSize: 1, unit: 'µm', length: 500 })).toThrow(
      'scale bar: 500 µm is 500 px at 1 µm/px, expected 1..96 px (the image width inside the margins)',
    );
    expect(() => drawScaleBar(new Uint8Array(4 * 4), 4, 4, 1, { pixelSize: 1, unit: 'µm' })).toThrow(
      'scale bar: the image is 4 px wide, too narrow for a bar inside 2 px margins',
    );
  });
});
