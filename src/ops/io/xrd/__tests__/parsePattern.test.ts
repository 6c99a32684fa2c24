// Readers of 1-D diffraction files against the fixtures of scripts/fixtures/xrd_formats.py (numpy
// values of the MIT LiMn2O4 lab pattern, XRDML/chi/xye/csv written from it) and bad input.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePattern } from '../parsePattern';

const dir = path.resolve(__dirname, '../../../../../test/fixtures/xrd');
const read = (name: string) => readFileSync(path.join(dir, name), 'utf8');
const ref = JSON.parse(read('xrd_reference.json')) as {
  wavelength: number;
  points: number;
  twoTheta: number[];
  counts: number[];
  sigma: number[];
  q: number[];
  full: { points: number; first: number[]; last: number[]; sum: number };
};

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

describe('parsePattern', () => {
  it('.xy: the whole lab pattern, 2θ, no wavelength, no σ', () => {
    const [p] = parsePattern(read('LiMn2O4.xy'), 'LiMn2O4.xy');
    expect(p.format).toBe('columns');
    expect(p.axis).toBe('twoTheta');
    expect(p.x.length).toBe(ref.full.points);
    expect([p.x[0], p.y[0]]).toEqual(ref.full.first);
    expect([p.x[p.x.length - 1], p.y[p.y.length - 1]]).toEqual(ref.full.last);
    expect(p.y.reduce((s, v) => s + v, 0)).toBe(ref.full.sum);
    expect(p.sigma).toBeNull();
    expect(p.wavelength).toBeNull();
  });

  it('.xye: third column is σ', () => {
    const [p] = parsePattern(read('LiMn2O4_crop.xye'), 'LiMn2O4_crop.xye');
    expect(p.x.length).toBe(ref.points);
    expect(maxAbsDiff(p.x, ref.twoTheta)).toBeLessThan(1e-9);
    expect(maxAbsDiff(p.y, ref.counts)).toBe(0);
    expect(maxAbsDiff(p.sigma!, ref.sigma)).toBeLessThan(1e-6);
  });

  it('.xye with two columns is refused naming the file', () => {
    expect(() => parsePattern('10 1\n11 2\n', 'a.xye')).toThrow(/^a\.xye: expected 3 columns \(x, intensity, σ\)/);
  });

  it('FIT2D .chi: 4 header lines, labels kept, same values as the .xy', () => {
    const [p] = parsePattern(read('LiMn2O4_crop.chi'), 'LiMn2O4_crop.chi');
    expect(p.format).toBe('chi');
    expect(p.axis).toBe('twoTheta');
    expect(p.attrs.xLabel).toBe('2-Theta Angle (Degrees)');
    expect(p.yName).toBe('Intensity');
    expect(maxAbsDiff(p.x, ref.twoTheta)).toBeLessThan(1e-6);
    expect(maxAbsDiff(p.y, ref.counts)).toBe(0);
    expect(p.warnings).toEqual([]);
  });

  it('.chi recognised by content under another extension; a wrong point count is a warning', () => {
    const text = read('LiMn2O4_crop.chi').split('\n');
    text[3] = '       5000';
    const [p] = parsePattern(text.join('\n'), 'pattern.dat');
    expect(p.format).toBe('chi');
    expect(p.warnings).toEqual([`pattern.dat, line 4: header declares 5000 points but ${ref.points} data rows follow: all ${ref.points} rows read`]);
  });

  it('.csv with a q column: axis q in Å⁻¹', () => {
    const [p] = parsePattern(read('LiMn2O4_crop_q.csv'), 'LiMn2O4_crop_q.csv');
    expect(p.axis).toBe('q');
    expect(maxAbsDiff(p.x, ref.q)).toBeLessThan(1e-9);
    expect(p.yName).toBe('I');
  });

  it('q in nm⁻¹ (pyFAI "q_nm^-1") is converted to Å⁻¹; a pyFAI wavelength in metres to Å', () => {
    const [p] = parsePattern('# Wavelength: 1.5e-11 m\n#  q_nm^-1   I\n10 1\n20 2\n30 3\n', 'p.xy');
    expect(p.axis).toBe('q');
    expect(Array.from(p.x)).toEqual([1, 2, 3]);
    expect(p.wavelength).toBeCloseTo(0.15, 12);
    expect(parsePattern('# wavelength = 1.54 Å\n1 1\n2 2\n', 'a.xy')[0].wavelength).toBe(1.54);
    expect(parsePattern('# wavelength = 0.0154 nm\n1 1\n2 2\n', 'a.xy')[0].wavelength).toBeCloseTo(0.154, 12);
  });

  it('a decreasing pattern is reversed; a non-monotonic one refused naming the row', () => {
    const [p] = parsePattern('3 30\n2 20\n1 10\n', 'd.xy');
    expect(Array.from(p.x)).toEqual([1, 2, 3]);
    expect(Array.from(p.y)).toEqual([10, 20, 30]);
    expect(() => parsePattern('1 1\n2 2\n2 3\n', 'm.xy')).toThrow(/^m\.xy: data row 3: x = 2 after 2: expected strictly increasing x values/);
  });

  it('XRDML: evenly spaced 2θ from start/end, counts, Kα1/Kα2, anode, instrument, start time with zone', () => {
    const ps = parsePattern(read('LiMn2O4_crop.xrdml'), 'LiMn2O4_crop.xrdml');
    expect(ps).toHaveLength(1);
    const p = ps[0];
    expect(p.format).toBe('xrdml');
    expect(p.label).toBe('LiMn2O4_crop.xrdml');
    expect(maxAbsDiff(p.x, ref.twoTheta)).toBeLessThan(1e-9);
    expect(maxAbsDiff(p.y, ref.counts)).toBe(0);
    expect(p.wavelength).toBe(ref.wavelength);
    expect(p.attrs).toMatchObject({ kAlpha2: 1.544426, kBeta: 1.39225, ratioKAlpha2KAlpha1: 0.5, anode: 'Cu', countingTime: 10 });
    expect(p.attrs.instrument).toBe('EMPYREAN (fixture container)');
    expect(p.attrs.sample).toBe('LiMn2O4 & crop');
    expect(p.yUnit).toBe('counts');
    expect(p.startTime).toEqual({ iso: '2021-05-20T15:55:51+02:00', seconds: Date.UTC(2021, 4, 20, 13, 55, 51) / 1000 });
  });

  it('XRDML with two scans (one with listPositions): one pattern per scan', () => {
    const ps = parsePattern(read('LiMn2O4_series.xrdml'), 'LiMn2O4_series.xrdml');
    expect(ps.map((p) => p.label)).toEqual(['LiMn2O4_series.xrdml#scan1', 'LiMn2O4_series.xrdml#scan2']);
    expect(maxAbsDiff(ps[1].x, ref.twoTheta)).toBeLessThan(1e-9);
    expect(maxAbsDiff(ps[1].y, ref.counts.map((c) => c * 0.5))).toBeLessThanOrEqual(0.5);
    expect(ps[1].startTime!.seconds).toBeLessThan(ps[0].startTime!.seconds);
  });

  describe('bad input is refused naming the file and line', () => {
    const good = read('LiMn2O4_crop.xrdml');
    it('truncated XRDML', () => {
      const cut = good.slice(0, Math.floor(good.length / 2));
      expect(() => parsePattern(cut, 'cut.xrdml')).toThrow(/^cut\.xrdml, line \d+: (end of file inside <intensities>|unterminated)/);
    });
    it('a string among XRDML intensities', () => {
      const bad = good.replace('<intensities unit="counts">2230 2192', '<intensities unit="counts">2230 abc');
      expect(() => parsePattern(bad, 'bad.xrdml')).toThrow(/^bad\.xrdml, line 24: <intensities> value 2: expected a number, got "abc"/);
    });
    it('XRDML positions and intensities disagree', () => {
      const series = read('LiMn2O4_series.xrdml').replace('<listPositions>20.0000 ', '<listPositions>');
      expect(() => parsePattern(series, 's.xrdml')).toThrow(/^s\.xrdml, line \d+: <listPositions> holds 2000 values but <intensities> 2001/);
    });
    it('XML that is not XRDML', () => {
      expect(() => parsePattern('<?xml version="1.0"?><root/>', 'x.xrdml')).toThrow(/^x\.xrdml, line 1: root element <root>: expected <xrdMeasurements>/);
    });
    it('truncated .xy row (wrong column count)', () => {
      expect(() => parsePattern('10 1\n11 2\n12\n', 't.xy')).toThrow(/^t\.xy, line 3: expected 2 values \(as on line 1\), found 1/);
    });
    it('string in a number column', () => {
      expect(() => parsePattern('10 1\n11 x2\n', 's.xy')).toThrow(/^s\.xy, line 2: column 2: expected a number, got "x2"/);
    });
    it('.chi with a non-integer count and with a bad row', () => {
      const chi = read('LiMn2O4_crop.chi').split('\n');
      expect(() => parsePattern([...chi.slice(0, 3), 'many', ...chi.slice(4)].join('\n'), 'c.chi')).toThrow(
        /^c\.chi, line 4: expected the number of points \(an integer\), got "many"/,
      );
      const rows = [...chi];
      rows[10] = ' 2.0E+01  1.0E+01  5';
      expect(() => parsePattern(rows.join('\n'), 'c.chi')).toThrow(/^c\.chi, line 11: expected 2 values \(as on line 5\), found 3/);
    });
    it('single-column file', () => {
      expect(() => parsePattern('1\n2\n3\n', 'one.xy')).toThrow(/^one\.xy: expected at least 2 columns/);
    });
  });
});
