import { describe, expect, it } from 'vitest';
import { colormapLut, COLORMAP_NAMES, labelColor, LABEL_PALETTE } from '../colormaps';
import { percentileRange } from '../percentileRange';
import { scalarToRgb8 } from '../scalarToRgb8';
import { labelsToRgb8 } from '../labelsToRgb8';

describe('colour maps', () => {
  it("matplotlib's end points and midpoint", () => {
    const v = colormapLut('viridis');
    expect(Array.from(v.subarray(0, 3))).toEqual([68, 1, 84]);
    expect(Array.from(v.subarray(765, 768))).toEqual([253, 231, 37]);
    const m = colormapLut('magma');
    expect(Array.from(m.subarray(0, 3))).toEqual([0, 0, 4]);
    expect(Array.from(m.subarray(765, 768))).toEqual([252, 253, 191]);
    expect(Array.from(colormapLut('gray').subarray(384, 387))).toEqual([128, 128, 128]);
    for (const n of COLORMAP_NAMES) expect(colormapLut(n).length).toBe(768);
    expect(() => colormapLut('jet')).toThrow(/expected one of gray, viridis/);
  });
  it('label colours: 0 is black, distinct, cycle without black', () => {
    expect(labelColor(0)).toEqual([0, 0, 0]);
    const set = new Set(LABEL_PALETTE.map((c) => c.join()));
    expect(set.size).toBe(LABEL_PALETTE.length);
    expect(labelColor(LABEL_PALETTE.length)).toEqual(LABEL_PALETTE[1]);
    expect(Array.from(labelsToRgb8([0, 2]))).toEqual([0, 0, 0, ...LABEL_PALETTE[2]]);
  });
});

describe('percentileRange (np.percentile, linear)', () => {
  it('on 0..100 the percentiles are the values', () => {
    const x = Float32Array.from({ length: 101 }, (_, i) => 100 - i);
    expect(percentileRange(x, { low: 0.5, high: 99.5 })).toEqual([0.5, 99.5]);
    expect(percentileRange(x, { low: 0, high: 100 })).toEqual([0, 100]);
  });
  it('interpolates between order statistics', () => {
    // np.percentile([1, 2, 4, 8], [10, 90]) = [1.3, 6.8]
    const [a, b] = percentileRange([8, 1, 4, 2], { low: 10, high: 90 });
    expect(a).toBeCloseTo(1.3, 12);
    expect(b).toBeCloseTo(6.8, 12);
  });
  it('samples evenly beyond maxSamples', () => {
    const x = Float64Array.from({ length: 1001 }, (_, i) => i);
    // step 2 → 0, 2, …, 1000: same extremes, same linear percentiles here.
    expect(percentileRange(x, { low: 0, high: 100, maxSamples: 501 })).toEqual([0, 1000]);
    expect(percentileRange(x, { low: 50, high: 50, maxSamples: 501 })).toEqual([500, 500]);
  });

  it('refuses NaN and bad percentiles', () => {
    expect(() => percentileRange([1, NaN])).toThrow(/data\[1\] = NaN/);
    expect(() => percentileRange([1], { low: 60, high: 50 })).toThrow(/high = 50, expected 60\.\.100/);
  });
});

describe('scalarToRgb8', () => {
  it('linear window with clamping, gray = 1 channel', () => {
    const { pixels, channels } = scalarToRgb8([-1, 0, 0.5, 1, 2], { lo: 0, hi: 1 });
    expect(channels).toBe(1);
    expect(Array.from(pixels)).toEqual([0, 0, 128, 255, 255]);
  });
  it('colour map gives RGB from the table', () => {
    const { pixels, channels } = scalarToRgb8([0, 10], { lo: 0, hi: 10, colormap: 'viridis' });
    expect(channels).toBe(3);
    expect(Array.from(pixels)).toEqual([68, 1, 84, 253, 231, 37]);
  });
});
