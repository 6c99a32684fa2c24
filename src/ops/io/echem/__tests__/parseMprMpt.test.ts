import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../columns/decodeText';
import { parseMpr } from '../parseMpr';
import { parseMpt } from '../parseMpt';

const repo = path.resolve(__dirname, '../../../../..');
const shared = path.resolve(repo, '../shared/data');
const bio = path.join(shared, 'echem/biologic');
const hasShared = existsSync(bio);
const mpt = (p: string) => parseMpt(decodeText(new Uint8Array(readFileSync(p))).text, path.basename(p));
const mpr = (p: string) => parseMpr(new Uint8Array(readFileSync(p)), path.basename(p));

/** The .mpr/.mpt pairs of echem/biologic, with what the .mpt header says. */
const PAIRS: [name: string, rows: number, start: string | null][] = [
  ['ca', 721, '2019-04-29T15:43:07.000'],
  ['cv', 5103, '2018-01-10T17:01:24.000'],
  ['gcpl.issue_226.CxN', 15, '2025-08-04T09:32:47.886'],
  ['gcpl.pr_182.1', 2533, null],
  ['lsv', 1186, '2021-03-02T15:46:03.000'],
  ['ocv', 602, '2020-01-16T14:13:34.000'],
  ['wait', 0, '2021-03-02T16:17:59.000'],
];

describe.skipIf(!hasShared)('BioLogic .mpr against the .mpt export of the same run (GPL files read from ../shared/data)', () => {
  for (const [name, rows, start] of PAIRS) {
    it(`${name}: every .mpr column equals the .mpt column of the same name; same start time`, () => {
      const t = mpt(path.join(bio, `${name}.mpt`));
      const b = mpr(path.join(bio, `${name}.mpr`));
      expect(t.rows).toBe(rows);
      expect(b.rows).toBe(rows);
      expect(t.startTime?.iso ?? null).toBe(start);
      if (start) {
        // The LOG module's OLE date is stored to ~1 µs: the same second, to the millisecond.
        expect(Math.abs(b.startTime!.seconds - t.startTime!.seconds)).toBeLessThan(0.002);
      }
      let compared = 0;
      for (const c of b.columns) {
        const ref = t.columns.find((x) => x.name === c.name);
        if (!ref) continue;
        compared++;
        for (let i = 0; i < rows; i++) {
          const tol = 2e-7 * Math.max(1, Math.abs(ref.data[i]));
          if (!(Math.abs(c.data[i] - ref.data[i]) <= tol)) expect(`${name} ${c.name}[${i}] = ${c.data[i]}`).toBe(`${ref.data[i]}`);
        }
      }
      expect(compared).toBeGreaterThanOrEqual(Math.min(4, b.columns.length));
    });
  }

  it('old EC-Lab text layouts (ocv.old, wait.old) read the same values as the new ones', () => {
    const a = mpt(path.join(bio, 'ocv.mpt'));
    const o = mpt(path.join(bio, 'ocv.old.mpt'));
    expect(o.startTime?.iso).toBe('2020-01-16T14:13:34');
    expect(o.columns.map((c) => c.name)).toEqual(a.columns.map((c) => c.name));
    expect(Array.from(o.columns[3].data)).toEqual(Array.from(a.columns[3].data));
    expect(mpt(path.join(bio, 'wait.old.mpt')).rows).toBe(0);
  });

  it('refuses a truncated .mpr naming the file and module', () => {
    const bytes = new Uint8Array(readFileSync(path.join(bio, 'cv.mpr'))).subarray(0, 50000);
    expect(() => parseMpr(bytes, 'cv.mpr')).toThrow(/cv\.mpr: module "VMP data" at byte \d+: declares \d+ bytes .*truncated/);
  });
});
if (!hasShared) console.warn(`SKIPPED: BioLogic .mpr/.mpt pairs — ${bio} not found`);
