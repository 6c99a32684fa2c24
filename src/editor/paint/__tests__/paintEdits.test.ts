import { describe, expect, it } from 'vitest';
import { addClass, appendStroke, classList, clearFrame, extendStroke, renameClass, strokesOf, toFullRes } from '../paintEdits';

describe('paint edits', () => {
  it('maps a position on the shown (downsampled, CSS-scaled) image to full-resolution pixels', () => {
    // 2000×1000 image shown at 400×200 CSS px: one CSS pixel is 5 image pixels.
    expect(toFullRes(0, 0, 400, 200, 2000, 1000)).toEqual([0, 0]);
    expect(toFullRes(100.5, 50.2, 400, 200, 2000, 1000)).toEqual([502, 251]);
    expect(toFullRes(399.99, 199.99, 400, 200, 2000, 1000)).toEqual([1999, 999]);
    expect(toFullRes(-5, 500, 400, 200, 2000, 1000)).toEqual([0, 999]);
  });

  it('builds strokes without mutating the stored list', () => {
    const s0 = [{ class: 1, frame: 0, radius: 3, points: [1, 2] }];
    const p = extendStroke(extendStroke(extendStroke([], 4, 5), 4, 5), 6, 5);
    expect(p).toEqual([4, 5, 6, 5]);
    const s1 = appendStroke(s0, { class: 2, frame: 1, radius: 2, points: p });
    expect(s1.length).toBe(2);
    expect(s0.length).toBe(1);
    expect(clearFrame(s1, 1)).toEqual(s0);
    expect(strokesOf('nonsense')).toEqual([]);
  });

  it('adds and renames classes in the comma-separated parameter', () => {
    expect(classList(' pores, carbon-binder ,NMC ')).toEqual(['pores', 'carbon-binder', 'NMC']);
    expect(addClass('pores, NMC')).toBe('pores, NMC, class 3');
    expect(addClass('pores, NMC', 'cracks')).toBe('pores, NMC, cracks');
    expect(renameClass('pores, NMC', 1, 'active, material')).toBe('pores, active  material');
    expect(renameClass('pores, NMC', 1, '  ')).toBe('pores, NMC');
    expect(renameClass('pores, NMC', 5, 'x')).toBe('pores, NMC');
  });
});
