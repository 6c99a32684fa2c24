import { describe, expect, it } from 'vitest';
import { augmentPatch } from '../augmentPatch';
import { seededUniform } from '../../segment/assertSamples';

function batch(p: number, c: number) {
  const x = Float32Array.from({ length: 2 * p * p }, (_, i) => i);
  const y = new Float32Array(2 * p * p * c);
  for (let i = 0; i < 2 * p * p; i++) y[i * c + (i % c)] = 1;
  const mask = Float32Array.from({ length: 2 * p * p }, (_, i) => i % 3 === 0 ? 0 : 1);
  return { x, y, mask };
}

describe('augmentPatch', () => {
  it('flip mirrors image, one-hot labels and mask together; twice is the identity; other patches untouched', () => {
    const p = 4;
    const b = batch(p, 3);
    const x0 = b.x.slice();
    const y0 = b.y.slice();
    const kinds: string[] = [];
    let t = 0;
    const rand = () => [0.2, 0.2][t++ % 2]; // vertical flip both times
    augmentPatch(b.x, b.y, b.mask, 1, p, 3, rand, { kind: 'flip' });
    // patch 1 row 0 now holds what row 3 held
    expect(Array.from(b.x.subarray(16, 20))).toEqual([28, 29, 30, 31]);
    expect(Array.from(b.y.subarray(16 * 3, 17 * 3))).toEqual(Array.from(y0.subarray(28 * 3, 29 * 3)));
    expect(Array.from(b.x.subarray(0, 16))).toEqual(Array.from(x0.subarray(0, 16)));
    kinds.push(augmentPatch(b.x, b.y, b.mask, 1, p, 3, rand, { kind: 'flip' }));
    expect(Array.from(b.x)).toEqual(Array.from(x0));
    expect(Array.from(b.y)).toEqual(Array.from(y0));
  });
  it('Gaussian noise has σ ≈ 0.1 and leaves labels alone', () => {
    const p = 128;
    const x = new Float32Array(p * p);
    const y = new Float32Array(p * p * 2);
    const m = new Float32Array(p * p);
    augmentPatch(x, y, m, 0, p, 2, seededUniform(5), { kind: 'noise' });
    let s = 0;
    let s2 = 0;
    for (const v of x) {
      s += v;
      s2 += v * v;
    }
    expect(Math.abs(s / x.length)).toBeLessThan(0.005);
    expect(Math.sqrt(s2 / x.length)).toBeCloseTo(0.1, 2);
    expect(y.every((v) => v === 0)).toBe(true);
  });
  it('salt & pepper sets round(0.005·p²) draws to the patch min or max', () => {
    const p = 64;
    const x = Float32Array.from({ length: p * p }, (_, i) => 0.5 + 0.001 * Math.sin(i));
    const before = x.slice();
    augmentPatch(x, new Float32Array(p * p * 2), new Float32Array(p * p), 0, p, 2, seededUniform(9), { kind: 'salt-pepper' });
    let changed = 0;
    for (let i = 0; i < x.length; i++) if (x[i] !== before[i]) changed++;
    expect(changed).toBeGreaterThan(0);
    expect(changed).toBeLessThanOrEqual(Math.round(0.005 * p * p));
  });
  it('grey shift adds one constant within ±std of the patch', () => {
    const p = 8;
    const x = Float32Array.from({ length: p * p }, (_, i) => (i % 2 ? 1 : -1)); // std 1
    augmentPatch(x, new Float32Array(p * p * 2), new Float32Array(p * p), 0, p, 2, () => 0.75, { kind: 'grey-shift' });
    expect(x[0]).toBeCloseTo(-1 + 0.5, 6);
    expect(x[1]).toBeCloseTo(1 + 0.5, 6);
  });
  it('chooses among the five SegmentPy transformations with the seeded generator', () => {
    const b = batch(4, 2);
    const rand = seededUniform(1);
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) seen.add(augmentPatch(b.x, b.y, b.mask, 0, 4, 2, rand));
    expect([...seen].sort()).toEqual(['flip', 'grey-shift', 'noise', 'none', 'salt-pepper']);
  });
});
