import { describe, expect, it } from 'vitest';
import { lrSchedule } from '../lrSchedule';

describe('lrSchedule', () => {
  it('ramp: lr0·k^floor(step/period) (SegmentPy staircase)', () => {
    const o = { lr0: 0.01, kind: 'ramp' as const, k: 0.5, period: 10 };
    expect([0, 9, 10, 19, 20, 35].map((s) => lrSchedule(s, o))).toEqual([0.01, 0.01, 0.005, 0.005, 0.0025, 0.00125]);
  });
  it('exponential: lr0·k^(step/period), equals ramp at whole periods', () => {
    const o = { lr0: 1e-3, kind: 'exponential' as const, k: 0.1, period: 4 };
    expect(lrSchedule(2, o)).toBeCloseTo(1e-3 * Math.sqrt(0.1), 12);
    expect(lrSchedule(8, o)).toBeCloseTo(lrSchedule(8, { ...o, kind: 'ramp' }), 15);
  });
  it('constant: lr0 at every step', () => {
    expect(lrSchedule(12345, { lr0: 3e-4, kind: 'constant' })).toBe(3e-4);
  });
  it('names the parameter on bad input', () => {
    expect(() => lrSchedule(-1)).toThrow(/step/);
    expect(() => lrSchedule(0, { lr0: 0 })).toThrow(/lr0/);
    expect(() => lrSchedule(0, { k: 1.5 })).toThrow(/k: expected/);
    expect(() => lrSchedule(0, { period: 0 })).toThrow(/period/);
    expect(() => lrSchedule(0, { kind: 'cosine' as never })).toThrow(/kind/);
  });
});
