import { describe, expect, it } from 'vitest';
import { surfaceAreaMarchingCubes } from '../surfaceAreaMarchingCubes';
import { labelComponents } from '../labelComponents';
import { regionProperties } from '../regionProperties';
import { phaseBoundaries } from '../phaseBoundaries';
import { nmcLabels, segmentBytes, segmentJson } from './segmentFixtures';

// References: skimage.measure.mesh_surface_area(marching_cubes(np.pad(mask, 1), 0.5)) per particle,
// written by scripts/fixtures/segment_surface_area.py (skimage returns float32 meshes: rtol 1e-5).
const ref = segmentJson<{
  blobs: { connectivity: number; count: number; area: number[] }[];
  sphere: { shape: [number, number, number]; radius: number; voxels: number; area: number; faces: number };
  blobPhases: number[];
  nmcPhasePerimeters: number[];
}>('surface_area.json');
const BLOBS = { file: 'blobs_14x20x24.u8', d: 14, h: 20, w: 24 };

/** A d×h×w volume with a box of label 1 (a×b×c voxels at z0, y0, x0). */
function box(d: number, h: number, w: number, [a, b, c]: number[], [z0, y0, x0]: number[]): Uint8Array {
  const v = new Uint8Array(d * h * w);
  for (let z = z0; z < z0 + a; z++) for (let y = y0; y < y0 + b; y++) for (let x = x0; x < x0 + c; x++) v[(z * h + y) * w + x] = 1;
  return v;
}

describe('surfaceAreaMarchingCubes (skimage marching_cubes + mesh_surface_area)', () => {
  it('analytic boxes: flat faces (a−1)(b−1)…, bevelled edges √2/2 per voxel, corners √3/8 each', () => {
    const expected = ([a, b, c]: number[]) => 2 * ((a - 1) * (b - 1) + (b - 1) * (c - 1) + (a - 1) * (c - 1)) + 2 * Math.SQRT2 * (a + b + c - 3) + Math.sqrt(3);
    for (const size of [[1, 1, 1], [3, 4, 5], [2, 1, 7]]) {
      const inside = surfaceAreaMarchingCubes(box(9, 9, 9, size, [1, 2, 1]), 9, 9, 9);
      expect(inside[0]).toBeCloseTo(expected(size), 12);
      // Touching the volume's border: the zero padding closes it the same way.
      expect(surfaceAreaMarchingCubes(box(size[0], size[1], size[2], size, [0, 0, 0]), size[2], size[1], size[0])[0]).toBeCloseTo(expected(size), 12);
    }
  });

  for (const c of ref.blobs) {
    it(`every component of the 3-D blobs (connectivity ${c.connectivity}, ${c.count} particles) as skimage`, () => {
      const { labels, count } = labelComponents(segmentBytes(BLOBS.file), BLOBS.w, BLOBS.h, { depth: BLOBS.d, connectivity: c.connectivity, background: -1 });
      expect(count).toBe(c.count);
      const area = surfaceAreaMarchingCubes(labels, BLOBS.w, BLOBS.h, BLOBS.d, { count });
      area.forEach((a, i) => expect(Math.abs(a - c.area[i]) / c.area[i]).toBeLessThan(1e-5));
    });
  }

  it(`a voxel sphere (r = ${ref.sphere.radius}): skimage's area, 11 % over 4πr² (the staircase) where face counting is 55 % over`, () => {
    const [d, h, w] = ref.sphere.shape;
    const r = ref.sphere.radius;
    const v = new Uint16Array(d * h * w);
    const c = (d - 1) / 2;
    for (let z = 0; z < d; z++) for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if ((z - c) ** 2 + (y - c) ** 2 + (x - c) ** 2 <= r * r) v[(z * h + y) * w + x] = 7;
    expect(v.reduce((s, q) => s + (q ? 1 : 0), 0)).toBe(ref.sphere.voxels);
    const area = surfaceAreaMarchingCubes(v, w, h, d)[6];
    expect(Math.abs(area - ref.sphere.area) / ref.sphere.area).toBeLessThan(1e-5);
    const exact = 4 * Math.PI * r * r;
    expect(area / exact).toBeGreaterThan(1.1);
    expect(area / exact).toBeLessThan(1.12);
    expect(regionProperties(v, w, h, { depth: d }).perimeter[6]).toBe(ref.sphere.faces);
    expect(ref.sphere.faces / exact).toBeGreaterThan(1.5);
  });

  it('labels that touch each other are measured separately; absent labels have area 0; bad input is named', () => {
    const v = new Uint8Array(3 * 3 * 4);
    v.fill(1, 0, 18); // z = 0 and half of z = 1 (3×3×4 volume, z-major)
    v.fill(3, 18);
    const a = surfaceAreaMarchingCubes(v, 4, 3, 3);
    expect(a[1]).toBe(0);
    const one = surfaceAreaMarchingCubes(Uint8Array.from(v, (q) => (q === 1 ? 1 : 0)), 4, 3, 3)[0];
    const three = surfaceAreaMarchingCubes(Uint8Array.from(v, (q) => (q === 3 ? 1 : 0)), 4, 3, 3)[0];
    expect([a[0], a[2]]).toEqual([one, three]);
    expect(() => surfaceAreaMarchingCubes(v, 4, 3, 2)).toThrow(/data has 36 values, expected width·height·depth = 4·3·2 = 24/);
    expect(() => surfaceAreaMarchingCubes(v, 4, 3, 3, { count: 2 })).toThrow(/label 3 exceeds count = 2/);
  });
});

describe('phaseBoundaries (each phase mask as a whole)', () => {
  it('3-D: skimage marching-cubes area of each phase of the blobs (values are phases, 0 included)', () => {
    const a = phaseBoundaries(segmentBytes(BLOBS.file), BLOBS.w, BLOBS.h, { classes: 3, frames: BLOBS.d, volume: true });
    a.forEach((x, c) => expect(Math.abs(x - ref.blobPhases[c]) / ref.blobPhases[c]).toBeLessThan(1e-5));
  });
  it('2-D: skimage.measure.perimeter of each phase of the real NMC labels; frames add up', () => {
    const lab = nmcLabels.data as Uint8Array;
    const { width: w, height: h } = nmcLabels;
    const p = phaseBoundaries(lab, w, h, { classes: 3 });
    p.forEach((x, c) => expect(Math.abs(x - ref.nmcPhasePerimeters[c])).toBeLessThan(1e-9 * ref.nmcPhasePerimeters[c]));
    const two = new Uint8Array(2 * lab.length);
    two.set(lab);
    two.set(lab, lab.length);
    phaseBoundaries(two, w, h, { classes: 3, frames: 2 }).forEach((x, c) => expect(x).toBeCloseTo(2 * p[c], 6));
    expect(() => phaseBoundaries(lab, w, h, { classes: 2 })).toThrow(/value 2 at frame 0, pixel \d+ is not a phase 0…1/);
  });
});
