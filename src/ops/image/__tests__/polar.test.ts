import { describe, expect, it } from 'vitest';
import { polarFromCartesian } from '../polarFromCartesian';
import { polarToCartesian } from '../polarToCartesian';
import { polarRemoveRings } from '../polarRemoveRings';
import { removeStripeSorting } from '../../sinogram/removeStripeSorting';
import { removeAllStripe } from '../../sinogram/removeAllStripe';
import { countStripes } from '../../sinogram/countStripes';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RINGS } from '../../sinogram/__tests__/ringsHelpers';
import { maxAbsDiff } from './helpers';
import { meta, ringsF32 } from '../../sinogram/__tests__/ringsHelpers';

// References: scripts/fixtures/rings_reference.py (algotom util.rectangular_from_polar /
// polar_from_rectangular + scipy.ndimage.map_coordinates(order=1), and remove_ring_based_* with the
// sorting method) on a synthetic 96×96 slice: a Gaussian disc with three rings.
describe('polar mapping and ring removal on reconstructed slices', () => {
  const n = meta.polar.n;
  const slice = ringsF32('polar_input.f32');
  it('polarFromCartesian matches algotom transform_slice_forward', () => {
    expect(maxAbsDiff(polarFromCartesian(slice, n), ringsF32('polar_forward.f32'))).toBeLessThan(2e-6);
  });
  it('polarToCartesian matches algotom transform_slice_backward', () => {
    expect(maxAbsDiff(polarToCartesian(slice, n), ringsF32('polar_backward.f32'))).toBeLessThan(2e-6);
  });
  it('rings become columns: a radial profile maps to a polar image constant along rows', () => {
    const c = (n - 1) / 2;
    const img = new Float64Array(n * n);
    for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) img[y * n + x] = Math.hypot(x - c, y - c);
    const p = polarFromCartesian(img, n);
    const rMax = Math.floor(c);
    // Bilinear sampling of √(x² + y²) is exact to within 1/√2 pixel (at the centre).
    for (let i = 0; i < n; i += 7) for (let j = 0; j < n; j += 5) expect(Math.abs(p[i * n + j] - (j * rMax) / (n - 1))).toBeLessThan(0.71);
  });
  it('polarRemoveRings (sorting) matches the reference and removes the rings', () => {
    const out = polarRemoveRings(slice, n, { removeStripes: (p, w, h) => removeStripeSorting(p, w, h) });
    const ref = ringsF32('polar_sorting.f32');
    // Rows θ = 0 and θ = 2π sample the same points: their near-equal values may sort in another
    // order than numpy's (last-bit differences of cos/sin), which moves a few medians slightly.
    expect(maxAbsDiff(out, ref)).toBeLessThan(1e-3);
    // Ring at radius 23 (amplitude −0.25): pixel on the ring vs the ring-free input there.
    const c = (n - 1) / 2;
    const x = Math.round(c + 23);
    const y = Math.round(c);
    const ringFree = Math.exp(-((Math.hypot(x - c, y - c) / 30) ** 2)) + 0.02 * Math.cos(x / 7) * Math.sin(y / 5);
    expect(Math.abs(slice[y * n + x] - ringFree)).toBeGreaterThan(0.2);
    expect(Math.abs(out[y * n + x] - ringFree)).toBeLessThan(0.1);
    // Outside the circle mask: 0.
    expect(out[0]).toBe(0);
  });
});

// A real slice: the sarepy sinogram centred on its rotation axis and reconstructed by skimage
// iradon (scripts/fixtures/rings_polar_real.py), with the rings of its stripes.
describe('polar ring removal on a real reconstructed slice (sarepy neutron CT)', () => {
  const real = JSON.parse(readFileSync(join(RINGS, 'polar_real.json'), 'utf8')) as {
    n: number; file: string; rings: { before: number; sorting: number; all: number };
  };
  const n = real.n;
  const slice = ringsF32(real.file);
  const rings = (img: ArrayLike<number>) => countStripes(polarFromCartesian(Float64Array.from(img), n), n, n);
  it(`rings counted in polar coordinates as the reference (${real.rings.before})`, () => {
    expect(slice.length).toBe(n * n);
    expect(rings(slice)).toBe(real.rings.before);
  });
  it(`sorting: ${real.rings.before} → ${real.rings.sorting} rings; combined (dead → large → sorting): → ${real.rings.all}`, () => {
    const sorted = polarRemoveRings(slice, n, { removeStripes: (p, w, h) => removeStripeSorting(p, w, h) });
    const all = polarRemoveRings(slice, n, { removeStripes: (p, w, h) => removeAllStripe(p, w, h) });
    expect(rings(sorted)).toBe(real.rings.sorting);
    expect(rings(all)).toBe(real.rings.all);
    expect(real.rings.all).toBeLessThan(0.4 * real.rings.before);
  });
});

