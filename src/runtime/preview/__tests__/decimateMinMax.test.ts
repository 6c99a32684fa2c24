import { describe, expect, it } from 'vitest';
import { decimateMinMax } from '../decimateMinMax';

describe('decimateMinMax', () => {
  it('copies short series unchanged (new arrays)', () => {
    const x = new Float64Array([1, 2, 3]);
    const y = new Float64Array([4, 5, 6]);
    const out = decimateMinMax(x, y);
    expect([...out.y]).toEqual([4, 5, 6]);
    expect(out.x.buffer).not.toBe(x.buffer);
  });

  it('keeps ≤ maxPoints, increasing x, and each bucket’s min and max (a one-sample spike survives)', () => {
    const n = 100_003;
    const x = Float64Array.from({ length: n }, (_, i) => i * 0.5);
    const y = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 1000));
    y[54_321] = 50;
    y[77_777] = -50;
    const out = decimateMinMax(x, y, { maxPoints: 2000 });
    expect(out.x.length).toBeLessThanOrEqual(2000);
    expect(out.x.length).toBeGreaterThan(1900);
    for (let i = 1; i < out.x.length; i++) expect(out.x[i]).toBeGreaterThan(out.x[i - 1]);
    expect(Math.max(...out.y)).toBe(50);
    expect(Math.min(...out.y)).toBe(-50);
    expect(out.x[[...out.y].indexOf(50)]).toBe(54_321 * 0.5);
    // Every kept point is a sample of the source.
    for (let i = 0; i < out.x.length; i += 97) expect(out.y[i]).toBe(y[out.x[i] / 0.5]);
  });

  it('skips NaN, and keeps one NaN for a bucket with no finite sample (a gap)', () => {
    const n = 40;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, (_, i) => (i < 10 ? NaN : i % 3));
    const out = decimateMinMax(x, y, { maxPoints: 8 });
    expect(Number.isNaN(out.y[0])).toBe(true);
    expect([...out.y].filter(Number.isNaN)).toHaveLength(1);
  });

  it('refuses x and y of different lengths', () => {
    expect(() => decimateMinMax([1, 2], [1])).toThrow(/y: expected 2 values/);
  });
});
