import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../io/columns/decodeText';
import { parseSpectrumText } from '../../io/columns/parseSpectrumText';
import { concatEchemRuns } from '../../io/echem/concatEchemRuns';
import { readEchemFile } from '../../io/echem/readEchemFile';
import { standardEchemColumns } from '../../io/echem/standardEchemColumns';
import { stateOfCharge } from '../../table/stateOfCharge';
import { clockOffset } from '../clockOffset';
import { syncToEchem } from '../syncToEchem';

const repo = path.resolve(__dirname, '../../../..');
const ref = JSON.parse(readFileSync(path.join(repo, 'test/fixtures/echem/sync_operando.json'), 'utf8'));
const lno = path.resolve(repo, '../shared/data/xas/operando-LiNiO2');

describe('syncToEchem (analytic cases)', () => {
  const echem = { time: Float64Array.from([0, 10, 20, 30]), values: { potential: Float64Array.from([3, 4, 4, 2]) } };
  it('interpolates linearly at frame time + offset, in any frame order; outside → NaN and inRange 0', () => {
    const r = syncToEchem(Float64Array.from([25, 0, -10, 100, 5]), 5, echem);
    expect(Array.from(r.echemTime)).toEqual([30, 5, -5, 105, 10]);
    expect(Array.from(r.inRange)).toEqual([1, 1, 0, 0, 1]);
    expect(Array.from(r.values.potential)).toEqual([2, 3.5, NaN, NaN, 4]);
  });
  it('refuses bad input naming it', () => {
    expect(() => syncToEchem(new Float64Array(1), NaN, echem)).toThrow('syncToEchem: offset = NaN: expected a finite number of seconds');
    expect(() => syncToEchem(new Float64Array(1), 0, { time: Float64Array.from([0, 2, 1]), values: {} })).toThrow(/time\[2\] = 1 < time\[1\] = 2/);
    expect(() => syncToEchem(new Float64Array(1), 0, { time: Float64Array.from([0, 1]), values: { v: new Float64Array(3) } })).toThrow(/"v" has 3 values, time 2/);
  });
});

describe('clockOffset', () => {
  it('is the difference of the two origins in seconds, to the microsecond', () => {
    expect(clockOffset('2022-07-26T23:01:58.055', '2022-07-26T22:38:30.190').seconds).toBe(1407.865);
    expect(clockOffset('2022-07-26T23:00:00+02:00', '2022-07-26T21:00:00Z')).toEqual({ seconds: 0, warnings: [] });
  });
  it('warns when only one stamp has a zone, and refuses a bad stamp naming the parameter', () => {
    expect(clockOffset('2022-07-26T23:00:00Z', '2022-07-26T23:00:00').warnings[0]).toMatch(/one time origin has a time zone/);
    expect(() => clockOffset('26/07/2022', '2022-07-26T23:00:00')).toThrow(/clockOffset: seriesOrigin: expected a date-time like/);
  });
});

const hasShared = existsSync(lno);
if (!hasShared) console.warn(`SKIPPED: operando XANES ↔ echem sync on real files — ${lno} not found`);

describe.skipIf(!hasShared)('operando LiNiO2: 58 XANES frames on the joined GITT record (../shared/data)', () => {
  it('every frame maps inside the echem record; potential, current, charge, SoC equal numpy.interp', () => {
    const runs = readdirSync(path.join(lno, 'echem')).map((f) => {
      const file = readEchemFile(new Uint8Array(readFileSync(path.join(lno, 'echem', f))), f);
      return { label: f, startTime: file.startTime, columns: standardEchemColumns(file).columns };
    });
    const j = concatEchemRuns(runs);
    const starts = readdirSync(path.join(lno, 'xanes'))
      .filter((f) => f.endsWith('.txt'))
      .map((f) => parseSpectrumText(decodeText(new Uint8Array(readFileSync(path.join(lno, 'xanes', f)))).text, f).startTime!)
      .sort((a, b) => a.seconds - b.seconds);
    expect(starts.length).toBe(58);
    expect(starts[0].iso).toBe(ref.seriesStart);
    const frameTime = Float64Array.from(starts, (s) => s.seconds - starts[0].seconds);
    const off = clockOffset(starts[0].iso, j.startTime!.iso);
    const soc = stateOfCharge(j.columns.charge);
    expect([soc.empty, soc.full]).toEqual(ref.socLimits);
    const r = syncToEchem(frameTime, off.seconds, {
      time: j.columns.time,
      values: { potential: j.columns.potential, current: j.columns.current, charge: j.columns.charge, soc: soc.soc },
    });
    expect(Array.from(r.inRange).every((v) => v === 1)).toBe(true);
    for (let i = 0; i < 58; i++) {
      expect(r.echemTime[i]).toBeCloseTo(ref.echemTime[i], 6);
      expect(r.values.potential[i]).toBeCloseTo(ref.potential[i], 9);
      expect(r.values.current[i]).toBeCloseTo(ref.current[i], 9);
      expect(r.values.charge[i]).toBeCloseTo(ref.charge[i], 9);
      expect(r.values.soc[i]).toBeCloseTo(ref.soc[i], 7);
      // A LiNiO2 cathode cycled in a Li cell: 3.4–4.4 V.
      expect(r.values.potential[i]).toBeGreaterThan(3.4);
      expect(r.values.potential[i]).toBeLessThan(4.4);
    }
  });
});
