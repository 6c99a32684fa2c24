import { describe, expect, it } from 'vitest';
import { rasterizeScribbles, type ScribbleStroke } from '../rasterizeScribbles';

/** Rows of the mask as strings, for readable expectations. */
function rows(mask: Uint8Array, w: number, h: number, frame = 0): string[] {
  return Array.from({ length: h }, (_, y) => Array.from(mask.subarray(frame * w * h + y * w, frame * w * h + (y + 1) * w)).join(''));
}

describe('rasterizeScribbles', () => {
  it('a single point with radius 1 is a 5-pixel disk (centres within 1 px); radius 0 one pixel', () => {
    const m = rasterizeScribbles([{ class: 2, frame: 0, radius: 1, points: [2, 2] }, { class: 1, frame: 0, radius: 0, points: [0, 4] }], 5, 5, 1);
    expect(rows(m, 5, 5)).toEqual(['00000', '00200', '02220', '00200', '10000']);
  });

  it('a segment is a capsule; radius 1.5 includes the diagonal neighbours', () => {
    const m = rasterizeScribbles([{ class: 3, frame: 0, radius: 0, points: [1, 1, 5, 1] }], 7, 3, 1);
    expect(rows(m, 7, 3)).toEqual(['0000000', '0333330', '0000000']);
    const d = rasterizeScribbles([{ class: 1, frame: 0, radius: 1.5, points: [3, 3] }], 7, 7, 1);
    expect(rows(d, 7, 7)).toEqual(['0000000', '0000000', '0011100', '0011100', '0011100', '0000000', '0000000']);
  });

  it('diagonal polylines are connected, every pixel within radius of the line and no other', () => {
    const stroke: ScribbleStroke = { class: 1, frame: 0, radius: 2, points: [3, 3, 30, 20, 10, 28] };
    const w = 40;
    const h = 32;
    const m = rasterizeScribbles([stroke], w, h, 1);
    const dist = (x: number, y: number, ax: number, ay: number, bx: number, by: number) => {
      const dx = bx - ax;
      const dy = by - ay;
      const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
      return Math.hypot(ax + t * dx - x, ay + t * dy - y);
    };
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const d = Math.min(dist(x, y, 3, 3, 30, 20), dist(x, y, 30, 20, 10, 28));
        expect(m[y * w + x], `(${x}, ${y})`).toBe(d <= 2 ? 1 : 0);
      }
    }
  });

  it('strokes apply in order, the eraser (class 0) clears, frames are separate, outside is clipped', () => {
    const m = rasterizeScribbles(
      [
        { class: 1, frame: 1, radius: 0, points: [-3, 1, 6, 1] },
        { class: 2, frame: 1, radius: 0, points: [2, 0, 2, 2] },
        { class: 0, frame: 1, radius: 0, points: [3, 1] },
      ],
      4,
      3,
      2,
    );
    expect(rows(m, 4, 3, 0)).toEqual(['0000', '0000', '0000']);
    expect(rows(m, 4, 3, 1)).toEqual(['0020', '1120', '0020']);
  });

  it('draws over a given mask and refuses bad strokes naming the stroke and field', () => {
    const out = new Uint8Array(4).fill(9);
    expect(Array.from(rasterizeScribbles([{ class: 1, frame: 0, radius: 0, points: [0, 0] }], 2, 2, 1, { out }))).toEqual([1, 9, 9, 9]);
    const bad = (s: Partial<ScribbleStroke>) => () =>
      rasterizeScribbles([{ class: 1, frame: 0, radius: 1, points: [0, 0] }, { class: 1, frame: 0, radius: 1, points: [0, 0], ...s }], 4, 4, 2);
    expect(bad({ frame: 2 })).toThrow(/stroke 1: frame = 2, expected an integer 0…1/);
    expect(bad({ class: 1.5 })).toThrow(/stroke 1: class = 1.5/);
    expect(bad({ radius: -1 })).toThrow(/stroke 1: radius = -1/);
    expect(bad({ points: [1, 2, 3] })).toThrow(/stroke 1: points has 3 numbers, expected x, y pairs/);
    expect(() => rasterizeScribbles([], 0, 4, 1)).toThrow(/width = 0/);
    expect(() => rasterizeScribbles([], 2, 2, 1, { out: new Uint8Array(3) })).toThrow(/out has 3 values, expected frames·height·width = 4/);
  });
});
