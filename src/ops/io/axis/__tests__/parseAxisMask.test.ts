// aXis2000 masks: the real mask of the ALS Fe L-edge stack (test/fixtures/io/stxm/mask_file.msk, MIT)
// and small hand-written ones.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAxisMask } from '../parseAxisMask';

const FIX = path.resolve(__dirname, '../../../../../test/fixtures/io/stxm');

describe('parseAxisMask', () => {
  it('"O" is 1, space is 0, row by row in file order', () => {
    const m = parseAxisMask('O  \n OO\n', 'a.msk');
    expect([m.width, m.height, Array.from(m.data)]).toEqual([3, 2, [1, 0, 0, 0, 1, 1]]);
    expect(m.warnings).toEqual([]);
  });

  it('the real 125×125 mask: every pixel as its character says', () => {
    const text = readFileSync(path.join(FIX, 'mask_file.msk'), 'latin1');
    const m = parseAxisMask(text, 'mask_file.msk');
    expect([m.width, m.height]).toEqual([125, 125]);
    const rows = text.split('\n').filter((l) => l.length > 0);
    const expected = rows.flatMap((row) => Array.from(row, (ch) => (ch === 'O' ? 1 : 0)));
    expect(Array.from(m.data)).toEqual(expected);
    expect(m.data.reduce((a, v) => a + v, 0)).toBe(4374);
  });

  it('short rows are padded and reported; other characters and empty files are refused with line and column', () => {
    const m = parseAxisMask('OOO\nO\n', 'b.msk');
    expect(Array.from(m.data)).toEqual([1, 1, 1, 1, 0, 0]);
    expect(m.warnings[0]).toMatch(/^b\.msk: 1 row\(s\) shorter than 3 characters \(first: line 2\)/);
    expect(() => parseAxisMask('OO\nOX\n', 'c.msk')).toThrow(/^c\.msk, line 2: column 2: expected "O" \(masked\) or a space, found "X"$/);
    expect(() => parseAxisMask('\n', 'd.msk')).toThrow(/^d\.msk: empty file/);
  });
});
