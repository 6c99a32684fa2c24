import { describe, expect, it } from 'vitest';
import { drawColorBar, rangeLabel } from '../drawColorBar';
import { drawText, textWidth } from '../bitmapFont5x7';

describe('drawColorBar', () => {
  it('gray: the display levels from hi (top) to lo (bottom), framed, with the range as labels', () => {
    const w = 100;
    const h = 100;
    const px = new Uint8Array(w * h).fill(100);
    const r = drawColorBar(px, w, h, 1, { lo: 0, hi: 12.5, colormap: 'gray' });
    // margin 4, bar 4 px wide (3 % of 100, at least 4), 40 px tall, centred
    expect(r).toEqual({ bar: { x: 92, y: 30, width: 4, height: 40 }, labels: ['12.5', '0'] });
    const at = (x: number, y: number) => px[y * w + x];
    for (let row = 0; row < 40; row++) expect(at(93, 30 + row)).toBe(Math.round((255 * (39 - row)) / 39));
    expect([at(91, 29), at(96, 29), at(91, 70), at(96, 70), at(91, 50), at(96, 50)]).toEqual([255, 255, 255, 255, 255, 255]);
    expect(at(90, 50)).toBe(100);
    // the labels, right-aligned with the bar's right edge: exactly the glyph pixels
    const ref = new Uint8Array(w * h).fill(100);
    drawText(ref, w, h, 1, '12.5', 96 - textWidth('12.5', 1), 29 - 2 - 7, 1, 255);
    drawText(ref, w, h, 1, '0', 96 - textWidth('0', 1), 71 + 2, 1, 255);
    for (let y = 0; y < h; y++) {
      if (y >= 29 && y <= 70) continue;
      for (let x = 0; x < w; x++) expect(at(x, y), `${x},${y}`).toBe(ref[y * w + x]);
    }
  });

  it('viridis RGB ends; labels in 3 significant digits; a picture too small is refused', () => {
    const px = new Uint8Array(200 * 100 * 3);
    const r = drawColorBar(px, 200, 100, 3, { lo: -0.000123456, hi: 65432.1, colormap: 'viridis', value: 0 });
    const rgb = (x: number, y: number) => Array.from(px.subarray((y * 200 + x) * 3, (y * 200 + x) * 3 + 3));
    expect(rgb(r.bar.x, r.bar.y)).toEqual([253, 231, 37]);
    expect(rgb(r.bar.x, r.bar.y + r.bar.height - 1)).toEqual([68, 1, 84]);
    expect(r.labels).toEqual(['65400', '-0.000123']);
    expect([rangeLabel(1e21), rangeLabel(0.1 + 0.2)]).toEqual(['1e+21', '0.3']);
    expect(() => drawColorBar(new Uint8Array(20 * 10), 20, 10, 1, { lo: 0, hi: 1, colormap: 'gray' })).toThrow(
      'color bar: a 20×10 px picture is too small for a colour bar with labels "1" and "0"',
    );
  });
});
