import { describe, expect, it } from 'vitest';
import { labelComponents } from '../labelComponents';
import { regionProperties } from '../regionProperties';
import { phaseFractions } from '../phaseFractions';
import { nmcLabels, segmentBytes, segmentJson } from './segmentFixtures';

interface CompRef {
  connectivity: number; count: number; phase?: number[]; area: number[]; perimeter?: number[]; faces?: number[];
  centroid?: number[]; bbox?: number[]; equivalentDiameter?: number[];
}
const ref = segmentJson<{
  components: CompRef[]; fractions: number[]; components3d: CompRef[]; fractions3d: number[]; blobs: { file: string; shape: [number, number, number] };
}>('components.json');

const W = nmcLabels.width;
const H = nmcLabels.height;
const lab2d = nmcLabels.data as Uint8Array;
const [D3, H3, W3] = ref.blobs.shape;
const blobs = segmentBytes(ref.blobs.file);

const closeAll = (a: ArrayLike<number>, b: number[], tol: number) => {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  expect(worst).toBeLessThan(tol);
};

describe('labelComponents + regionProperties on the real NMC labels (2-D)', () => {
  for (const c of ref.components) {
    it(`connectivity ${c.connectivity}: skimage.measure.label count, regionprops areas and perimeters${c.centroid ? ', centroids, bboxes, equivalent diameters' : ''}`, () => {
      const { labels, count } = labelComponents(lab2d, W, H, { connectivity: c.connectivity, background: -1 });
      expect(count).toBe(c.count);
      const p = regionProperties(labels, W, H, { count });
      expect(Array.from(p.area)).toEqual(c.area);
      closeAll(p.perimeter, c.perimeter!, 1e-10);
      // Phase of each component = value of its pixels.
      const phase = new Array<number>(count);
      for (let i = 0; i < labels.length; i++) phase[labels[i] - 1] ??= lab2d[i];
      expect(phase).toEqual(c.phase);
      if (c.centroid) {
        const yx = Array.from({ length: count * 2 }, (_, i) => p.centroid[Math.floor(i / 2) * 3 + 1 + (i % 2)]);
        closeAll(yx, c.centroid, 1e-10);
        const bb = Array.from({ length: count * 4 }, (_, i) => p.bbox[Math.floor(i / 4) * 6 + [1, 2, 4, 5][i % 4]]);
        expect(bb).toEqual(c.bbox);
        closeAll(p.equivalentDiameter, c.equivalentDiameter!, 1e-10);
      }
    });
  }
});

describe('labelComponents + regionProperties on a 3-D volume of blobs', () => {
  for (const c of ref.components3d) {
    it(`connectivity ${c.connectivity}: skimage count, volumes, centroids, bboxes, equivalent diameters; exposed faces vs numpy`, () => {
      const { labels, count } = labelComponents(blobs, W3, H3, { depth: D3, connectivity: c.connectivity, background: -1 });
      expect(count).toBe(c.count);
      const p = regionProperties(labels, W3, H3, { depth: D3, count });
      expect(Array.from(p.area)).toEqual(c.area);
      closeAll(p.centroid, c.centroid!, 1e-10);
      expect(Array.from(p.bbox)).toEqual(c.bbox);
      expect(Array.from(p.perimeter)).toEqual(c.faces);
      closeAll(p.equivalentDiameter, c.equivalentDiameter!, 1e-10);
    });
  }
});

describe('phaseFractions', () => {
  it('equals numpy bincount / size in 2-D and 3-D', () => {
    closeAll(phaseFractions(lab2d, 3).fractions, ref.fractions, 1e-15);
    closeAll(phaseFractions(blobs, 3).fractions, ref.fractions3d, 1e-15);
    expect(Array.from(phaseFractions(new Uint8Array([0, 2, 2, 0]), 3).counts)).toEqual([2, 0, 2]);
  });

  it('names bad input', () => {
    expect(() => phaseFractions(new Uint8Array([0, 3]), 3)).toThrow('value 3 at index 1, expected a class index < classes = 3');
    expect(() => labelComponents(lab2d, W, H, { connectivity: 3 })).toThrow('connectivity = 3, expected an integer in [1, 2] for a 2-D input');
    expect(() => regionProperties(new Int32Array(5), 2, 2)).toThrow('data has 5 values');
  });
});

describe('labelComponents (analytic)', () => {
  it('4- vs 8-connectivity on a diagonal, numbering in raster order', () => {
    const img = new Uint8Array([1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 1]); // 4×3
    expect(labelComponents(img, 4, 3, { connectivity: 1 }).count).toBe(4);
    const full = labelComponents(img, 4, 3);
    expect(full.count).toBe(2);
    expect(Array.from(full.labels)).toEqual([1, 0, 0, 2, 0, 1, 0, 0, 0, 0, 1, 1]);
  });
});
