import { describe, expect, it } from 'vitest';
import { watershedNode } from '../watershed';
import { defaultParams } from '../../../runtime/params';
import { emptyMeta, type ImageValue, type LabelsValue, type StackValue } from '../../../runtime/values';
import { testContext } from '../../io/__tests__/imageNodeContext';
import { crop, nmcLabels, segmentBytes, segmentJson } from '../../../ops/segment/__tests__/segmentFixtures';

const defaults = defaultParams(watershedNode.params);
const ref = segmentJson<{
  watershedDiscs: { minDistance: number; count: number; areas: number[]; file: string };
  hmaxReal: { h: number; count: number; areas: number[]; crop: { y0: number; x0: number; h: number; w: number }; phase: number }[];
  watershedReal: { minDistance: number; count: number; stableAreas: number[]; crop: { y0: number; x0: number; h: number; w: number }; phase: number }[];
}>('watershed.json');

const areasOf = (v: LabelsValue) => {
  const a = new Array<number>(v.classes.length - 1).fill(0);
  for (const l of v.data) if (l > 0) a[l - 1]++;
  return a;
};

describe('segment.watershed', () => {
  it('labels input (real NMC crop, phase 2): skimage particle count and areas', async () => {
    const c = ref.watershedReal.find((r) => r.minDistance === 10)!;
    const labels: LabelsValue = {
      kind: 'labels',
      frames: 1,
      width: c.crop.w,
      height: c.crop.h,
      data: crop(nmcLabels.data as Uint8Array, nmcLabels.width, c.crop.y0, c.crop.x0, c.crop.h, c.crop.w),
      classes: ['pore', 'binder', 'NMC'],
      pixelSize: { x: 0.05, y: 0.05, unit: 'µm' },
      meta: emptyMeta(),
    };
    const out = await watershedNode.run({ labels }, { ...defaults, phase: c.phase, minDistance: c.minDistance }, testContext());
    const p = out.particles as LabelsValue;
    expect(p.classes.length - 1).toBe(c.count);
    expect(areasOf(p)).toEqual(c.stableAreas);
    expect(p.pixelSize).toEqual(labels.pixelSize);
  });

  it('image input (touching discs, Otsu) and a stack frame by frame with continued numbering', async () => {
    const c = ref.watershedDiscs;
    const discs = segmentBytes(c.file);
    const image: ImageValue = { kind: 'image', width: 160, height: 120, dtype: 'u8', data: discs, valueAxis: { name: 'mask', unit: '' }, meta: emptyMeta() };
    const one = (await watershedNode.run({ labels: image }, { ...defaults, minDistance: c.minDistance }, testContext())).particles as LabelsValue;
    expect(one.classes.length - 1).toBe(7);
    expect(areasOf(one)).toEqual(c.areas);
    const data = new Uint8Array(2 * discs.length);
    data.set(discs);
    data.set(discs, discs.length);
    const stack: StackValue = { ...image, kind: 'stack', frames: 2, data, frameAxis: { name: 'z', unit: '' }, frameCoords: new Float64Array([0, 1]) };
    const ctx = testContext();
    const two = (await watershedNode.run({ labels: stack }, { ...defaults, minDistance: c.minDistance }, ctx)).particles as LabelsValue;
    expect(two.classes.length - 1).toBe(14);
    expect(areasOf(two)).toEqual([...c.areas, ...c.areas]);
    expect(ctx.progressCalls).toEqual([0, 0.5, 1]);
  });

  it('h-maxima markers on the real crop: skimage particle count and areas', async () => {
    const c = ref.hmaxReal[1];
    const labels: LabelsValue = {
      kind: 'labels', frames: 1, width: c.crop.w, height: c.crop.h, classes: ['pore', 'binder', 'NMC'], meta: emptyMeta(),
      data: crop(nmcLabels.data as Uint8Array, nmcLabels.width, c.crop.y0, c.crop.x0, c.crop.h, c.crop.w),
    };
    const p = (await watershedNode.run({ labels }, { ...defaults, phase: c.phase, markers: 'hmaxima', h: c.h }, testContext())).particles as LabelsValue;
    expect(p.classes.length - 1).toBe(c.count);
    expect(areasOf(p)).toEqual(c.areas);
  });

  it('3-D: two overlapping balls in a volume give two particles', async () => {
    const [w, h, d] = [40, 30, 30];
    const data = new Uint8Array(w * h * d);
    for (let z = 0; z < d; z++) {
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const b1 = (x - 13) ** 2 + (y - 15) ** 2 + (z - 15) ** 2 <= 81;
          const b2 = (x - 27) ** 2 + (y - 15) ** 2 + (z - 15) ** 2 <= 81;
          data[z * w * h + y * w + x] = +(b1 || b2);
        }
      }
    }
    const stack: StackValue = {
      kind: 'stack', frames: d, width: w, height: h, dtype: 'u8', data, frameAxis: { name: 'z', unit: '' },
      frameCoords: new Float64Array(d), valueAxis: { name: 'mask', unit: '' }, meta: emptyMeta(),
    };
    const out = (await watershedNode.run({ labels: stack }, { ...defaults, minDistance: 4, threshold: 0.5, dimensions: '3d' }, testContext())).particles as LabelsValue;
    expect(out.classes.length - 1).toBe(2);
    const areas = areasOf(out);
    // Symmetric balls: the two halves are equal up to the tie on the middle plane.
    expect(Math.abs(areas[0] - areas[1])).toBeLessThanOrEqual(h * d);
    let inside = 0;
    for (const v of data) inside += v;
    expect(areas[0] + areas[1]).toBe(inside);
  });

  it('names a phase outside the classes', async () => {
    const labels: LabelsValue = { kind: 'labels', frames: 1, width: 2, height: 1, data: new Uint8Array(2), classes: ['a', 'b'], meta: emptyMeta() };
    await expect(watershedNode.run({ labels }, { ...defaults, phase: 2 }, testContext())).rejects.toThrow('phase: 2, expected a class index < 2 (classes: a, b)');
  });
});
