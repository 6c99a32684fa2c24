import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseXdi } from '../parseXdi';

const repo = path.resolve(__dirname, '../../../../..');
const fixtures = path.join(repo, 'test/fixtures/xas');
const shared = path.resolve(repo, '../shared/data');
const read = (dir: string, f: string) => readFileSync(path.join(dir, f), 'utf8');

/** The data rows of an XDI file split by whitespace: an independent check of the parser. */
function rawRows(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => l.trim().split(/\s+/));
}

/** Error line numbers of the bad files that must be refused (from diffs against bad_00.xdi). */
const ERROR_LINES: Record<string, number> = {
  'bad_01.xdi': 1,
  'bad_13.xdi': 31,
  'bad_14.xdi': 36,
  'bad_15.xdi': 29,
  'bad_16.xdi': 30,
  'bad_17.xdi': 29,
  'bad_18.xdi': 8,
  'bad_19.xdi': 8,
  'bad_20.xdi': 8,
  'bad_21.xdi': 8,
  'bad_22.xdi': 8,
  'bad_24.xdi': 8,
};

describe('parseXdi on bundled public-domain XDI files', () => {
  it('reads cu_metal_rt.xdi: columns, units, header, comments, time, values', () => {
    const text = read(fixtures, 'cu_metal_rt.xdi');
    const x = parseXdi(text, 'cu_metal_rt.xdi');
    expect(x.version).toBe('1.0');
    expect(x.extraVersions).toEqual(['GSE/1.0']);
    expect(x.columns).toEqual([
      { name: 'energy', unit: 'eV' },
      { name: 'i0', unit: '' },
      { name: 'itrans', unit: '' },
      { name: 'mutrans', unit: '' },
    ]);
    const rows = rawRows(text);
    expect(x.data[0].length).toBe(rows.length);
    expect(x.data[0][0]).toBe(8779.0);
    expect(x.data[3][0]).toBe(-1.3070486);
    expect(x.data[2][rows.length - 1]).toBe(Number(rows[rows.length - 1][2]));
    expect(x.header['Element.symbol']).toBe('Cu');
    expect(x.header['Mono.d_spacing']).toBe('3.13553');
    expect(x.header['GSE.EXTRA']).toBe('config 1');
    expect(x.comments).toBe('Cu foil Room Temperature\nmeasured at beamline 13-ID');
    expect(x.startTime?.iso).toBe('2001-06-26T22:27:31');
    expect(x.warnings).toEqual([]);
  });

  it('reads the outer scan of a 2-D file (nonxafs_2d.xdi)', () => {
    const x = parseXdi(read(fixtures, 'nonxafs_2d.xdi'), 'nonxafs_2d.xdi');
    expect(x.outer?.name).toBe('x2d');
    expect(x.outer?.values.slice(0, 3)).toEqual([1.0, 1.1, 1.2]);
    expect(x.outer?.breakpoints.slice(0, 3)).toEqual([0, 5, 9]);
    expect(x.data[0].length).toBe(rawRows(read(fixtures, 'nonxafs_2d.xdi')).length);
  });

  it('bad_00.xdi (the valid baseline) reads without warnings', () => {
    const x = parseXdi(read(fixtures, 'bad_00.xdi'), 'bad_00.xdi');
    expect(x.warnings).toEqual([]);
    expect(x.data.length).toBe(4);
  });

  it('refuses a file without the XDI line, naming file, line and what was expected', () => {
    expect(() => parseXdi(read(fixtures, 'bad_01.xdi'), 'bad_01.xdi')).toThrow(/^bad_01\.xdi, line 1: expected the XDI version line/);
  });

  it('refuses a changing number of columns, NaN and malformed headers with the line number', () => {
    expect(() => parseXdi(read(fixtures, 'bad_13.xdi'), 'bad_13.xdi')).toThrow(
      'bad_13.xdi, line 31: expected 4 values (as on line 29), found 3',
    );
    expect(() => parseXdi(read(fixtures, 'bad_15.xdi'), 'bad_15.xdi')).toThrow(
      'bad_15.xdi, line 29: column 2: expected a number, got "nan"',
    );
    expect(() => parseXdi(read(fixtures, 'bad_19.xdi'), 'bad_19.xdi')).toThrow(/^bad_19\.xdi, line 8: expected a header line "# Family\.Key: Value"/);
  });

  it('reads with warnings: missing column label, unsupported comment character, bad date', () => {
    const b08 = parseXdi(read(fixtures, 'bad_08.xdi'), 'bad_08.xdi');
    expect(b08.columns[3]).toEqual({ name: 'col4', unit: '' });
    expect(b08.warnings.join('\n')).toMatch(/no Column\.N label for column 4; named col4/);
    const b11 = parseXdi(read(fixtures, 'bad_11.xdi'), 'bad_11.xdi');
    expect(b11.warnings.join('\n')).toMatch(/lines 12, 13: header lines not starting with '#' ignored/);
    expect(b11.header['Beamline.collimation']).toBeUndefined();
    const b28 = parseXdi(read(fixtures, 'bad_28.xdi'), 'bad_28.xdi');
    expect(b28.startTime).toBeNull();
    expect(b28.warnings.join('\n')).toMatch(/line 18: Scan\.start_time: expected a date-time/);
  });

  it('accepts Fortran-style numbers and CRLF line ends', () => {
    const text = '# XDI/1.0\r\n# Column.1: energy eV\r\n# Column.2: mu\r\n#----\r\n# energy mu\r\n .8786204E+04  .1013661D+01\r\n 8796.0 0.99\r\n';
    const x = parseXdi(text, 'crlf.xdi');
    expect(Array.from(x.data[0])).toEqual([8786.204, 8796.0]);
    expect(x.data[1][0]).toBeCloseTo(1.013661, 12);
  });
});

const hasShared = existsSync(path.join(shared, 'xas/xdi-good'));
if (!hasShared) console.warn(`SKIPPED: XDI conformance suite — ${shared}/xas/xdi-good not found`);

describe.skipIf(!hasShared)('XDI conformance suite (../shared/data/xas)', () => {
  const good = hasShared ? readdirSync(path.join(shared, 'xas/xdi-good')).filter((f) => f.endsWith('.xdi')) : [];
  for (const f of good) {
    it(`reads ${f}: column names, row count and values match the file`, () => {
      const text = read(path.join(shared, 'xas/xdi-good'), f);
      const x = parseXdi(text, f);
      const rows = rawRows(text);
      const declared = [...text.matchAll(/^#\s*Column\.(\d+):\s*(\S+)/gm)].map((m) => [Number(m[1]), m[2]] as const);
      for (const [n, name] of declared) expect(x.columns[n - 1].name).toBe(name);
      expect(x.columns.length).toBe(rows[0].length);
      for (const c of x.data) expect(c.length).toBe(rows.length);
      for (const r of [0, Math.floor(rows.length / 2), rows.length - 1])
        for (let j = 0; j < rows[r].length; j++) expect(x.data[j][r]).toBeCloseTo(Number(rows[r][j].replace(/[dD]/, 'e')), 10);
    });
  }

  it('spot values of known files', () => {
    const fe = parseXdi(read(path.join(shared, 'xas/xdi-good'), 'fe_metal_rt.xdi'), 'fe_metal_rt.xdi');
    expect(fe.data[1][1]).toBeCloseTo(0.096232605, 12);
    expect(fe.header['Element.symbol']).toBe('Fe');
    const cu10 = parseXdi(read(path.join(shared, 'xas/xdi-good'), 'cu_metal_10K.xdi'), 'cu_metal_10K.xdi');
    expect(cu10.data[0][0]).toBeCloseTo(8786.204, 9);
    expect(cu10.header['Sample.temperature']).toBe('10 K');
    expect(cu10.warnings).toEqual([]);
  });

  // Expectations come from BadFiles.txt itself: "error msg" → refused, "file read(N)" → read with a warning.
  const index = hasShared ? read(path.join(shared, 'xas/xdi-bad'), 'BadFiles.txt') : '';
  const expectations = [...index.matchAll(/^(bad_\d+\.xdi)\s+(error msg|file read(?:\(\d+\))?)\s+\S+\s+(.*)$/gm)].map((m) => ({
    file: m[1],
    status: m[2],
    what: m[3].trim(),
  }));
  it('BadFiles.txt lists all 36 files', () => {
    expect(expectations.length).toBe(36);
  });
  for (const e of expectations) {
    it(`${e.file} (${e.what}): ${e.status}`, () => {
      const text = read(path.join(shared, 'xas/xdi-bad'), e.file);
      if (e.status === 'error msg') {
        let message = '';
        try {
          parseXdi(text, e.file);
        } catch (err) {
          message = (err as Error).message;
        }
        expect(message).toMatch(new RegExp(`^${e.file.replace('.', '\\.')}, line ${ERROR_LINES[e.file]}: `));
        expect(message).toMatch(/expected/);
      } else {
        const x = parseXdi(text, e.file);
        expect(x.data[0].length).toBeGreaterThan(0);
        if (e.status === 'file read') expect(x.warnings).toEqual([]);
        else {
          expect(x.warnings.length).toBeGreaterThan(0);
          for (const w of x.warnings) expect(w.startsWith(e.file)).toBe(true);
        }
      }
    });
  }
});
