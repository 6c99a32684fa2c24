import { describe, expect, it } from 'vitest';
import { interpolateLinear } from '../interpolateLinear';
import { spectraFromScans, type Scan } from '../spectraFromScans';

const stamp = (iso: string) => ({ iso, seconds: Date.parse(iso + 'Z') / 1000 });
const lin = (x: number[], a: number, b: number) => Float64Array.from(x, (v) => a * v + b);

describe('spectraFromScans', () => {
  it('orders by time stamp, time in seconds since the earliest, identical x kept', () => {
    const x = Float64Array.from([1, 2, 3]);
    const scans: Scan[] = [
      { label: 'b_2.txt', x, y: lin([1, 2, 3], 1, 0), startTime: stamp('2022-07-26T23:13:25.071') },
      { label: 'a_10.txt', x, y: lin([1, 2, 3], 2, 0), startTime: stamp('2022-07-26T23:01:58.055') },
    ];
    const s = spectraFromScans(scans);
    expect(s.labels).toEqual(['a_10.txt', 'b_2.txt']);
    expect(s.timeOrigin).toBe('2022-07-26T23:01:58.055');
    expect(s.time[0]).toBe(0);
    expect(s.time[1]).toBe(687.016);
    expect(Array.from(s.y)).toEqual([2, 4, 6, 1, 2, 3]);
    expect(s.warnings).toEqual([]);
    expect(spectraFromScans(scans, { order: 'name' }).labels).toEqual(['a_10.txt', 'b_2.txt']);
  });

  it('name order compares numbers as numbers; no stamps → frame index with warnings', () => {
    const x = Float64Array.from([0, 1]);
    const mk = (label: string): Scan => ({ label, x, y: x, startTime: null });
    const s = spectraFromScans([mk('scan_10'), mk('scan_9'), mk('scan_1')]);
    expect(s.labels).toEqual(['scan_1', 'scan_9', 'scan_10']);
    expect(Array.from(s.time)).toEqual([0, 1, 2]);
    expect(s.timeOrigin).toBeUndefined();
    expect(s.warnings.join('\n')).toMatch(/no time stamp in scan_10, scan_9, scan_1: frames ordered by file name/);
  });

  it('different x: interpolates onto the first file within the common range (exact for lines)', () => {
    const s = spectraFromScans(
      [
        { label: 'a', x: Float64Array.from([0, 1, 2, 3, 4]), y: lin([0, 1, 2, 3, 4], 2, 1), startTime: null },
        { label: 'b', x: Float64Array.from([0.5, 1.7, 3.5, 5]), y: lin([0.5, 1.7, 3.5, 5], -1, 3), startTime: null },
      ],
      { order: 'name' },
    );
    expect(Array.from(s.x)).toEqual([1, 2, 3, 4]);
    expect(s.points).toBe(4);
    for (let i = 0; i < 4; i++) {
      expect(s.y[i]).toBeCloseTo(2 * s.x[i] + 1, 12);
      expect(s.y[4 + i]).toBeCloseTo(-s.x[i] + 3, 12);
    }
    expect(s.warnings.join('\n')).toMatch(/interpolated linearly onto the x of a within the common range 0\.5…4/);
  });

  it('refuses scans without a common range', () => {
    const mk = (label: string, x: number[]): Scan => ({ label, x: Float64Array.from(x), y: Float64Array.from(x), startTime: null });
    expect(() => spectraFromScans([mk('a', [0, 1]), mk('b', [2, 3])])).toThrow(/do not overlap/);
  });
});

describe('interpolateLinear', () => {
  it('is exact on a line and refuses extrapolation', () => {
    const x = Float64Array.from([0, 1, 3]);
    const y = Float64Array.from([1, 3, 7]);
    expect(Array.from(interpolateLinear(x, y, Float64Array.from([0, 0.5, 2, 3])))).toEqual([1, 2, 5, 7]);
    expect(() => interpolateLinear(x, y, Float64Array.from([3.5]))).toThrow('interpolateLinear: xNew[0] = 3.5: expected inside [0, 3]');
  });
});
