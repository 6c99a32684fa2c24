import { describe, expect, it } from 'vitest';
import { labelColor } from '../../ops/image/colormaps';
import { blendLabels, classColors, colormapLut, finiteRange, renderImage, renderLabels } from '../imageRender';

describe('imageRender', () => {
  it('gray LUT is the identity ramp and viridis hits matplotlib end points', () => {
    const g = colormapLut('gray');
    for (const i of [0, 1, 128, 255]) expect([g[3 * i], g[3 * i + 1], g[3 * i + 2]]).toEqual([i, i, i]);
    const v = colormapLut('viridis');
    expect([...v.slice(0, 3)]).toEqual([68, 1, 84]);
    expect([...v.slice(765, 768)]).toEqual([253, 231, 37]);
    expect(() => colormapLut('jet')).toThrow(/colormap: expected one of .* got "jet"/);
  });

  it('maps the window linearly, clamps outside and makes NaN transparent', () => {
    const rgba = renderImage([0, 5, 10, -3, 20, NaN], 0, 10, colormapLut('gray'));
    expect([rgba[0], rgba[4], rgba[8], rgba[12], rgba[16]]).toEqual([0, 128, 255, 0, 255]);
    expect(rgba[3]).toBe(255);
    expect(rgba[23]).toBe(0);
  });

  it('a flat window does not divide by zero', () => {
    const rgba = renderImage([2, 2], 2, 2, colormapLut('gray'));
    expect([rgba[0], rgba[4]]).toEqual([0, 0]);
  });

  it('refuses a too small out buffer, naming it', () => {
    expect(() => renderImage([1, 2], 0, 1, colormapLut('gray'), new Uint8ClampedArray(4))).toThrow(/out: expected length ≥ 8/);
  });

  it('labels get palette colours; overlay blends only non-background classes', () => {
    const lab = renderLabels([0, 1], ['background', 'particle 1']);
    expect([...lab.slice(0, 4)]).toEqual([0, 0, 0, 255]);
    expect([...lab.slice(4, 8)]).toEqual([228, 26, 28, 255]);
    const base = new Uint8ClampedArray([100, 100, 100, 255, 100, 100, 100, 255]);
    blendLabels(base, [0, 1], 0.5, ['unlabelled', 'a']);
    expect([...base.slice(0, 3)]).toEqual([100, 100, 100]);
    expect([...base.slice(4, 7)]).toEqual([164, 63, 64]);
  });

  it('phases (no background class) all get a colour, class 0 included, and the legend agrees', () => {
    const classes = ['NMC', 'carbon-binder', 'pores'];
    const base = new Uint8ClampedArray([100, 100, 100, 255, 100, 100, 100, 255]);
    blendLabels(base, [0, 2], 1, classes);
    expect([...base.slice(0, 3)]).toEqual([...labelColor(1)]);
    expect([...base.slice(4, 7)]).toEqual([...labelColor(3)]);
    expect(classColors(classes)).toEqual([labelColor(1), labelColor(2), labelColor(3)]);
    expect(classColors(['background', 'particle 1'])).toEqual([null, labelColor(1)]);
    expect([...renderLabels([0], classes).slice(0, 3)]).toEqual([...labelColor(1)]);
  });

  it('finiteRange ignores NaN and infinities', () => {
    expect(finiteRange([3, NaN, -1, Infinity])).toEqual([-1, 3]);
    expect(finiteRange([NaN])).toEqual([0, 1]);
  });
});
