import { describe, expect, it } from 'vitest';
import { componentsNode } from '../components';
import { defaultParams } from '../../../runtime/params';
import { emptyMeta, type LabelsValue, type TableValue } from '../../../runtime/values';
import { testContext } from '../../io/__tests__/imageNodeContext';
import { nmcLabels, segmentBytes, segmentJson } from '../../../ops/segment/__tests__/segmentFixtures';

const defaults = defaultParams(componentsNode.params);
interface CompRef { connectivity: number; count: number; phase?: number[]; area: number[]; perimeter?: number[]; faces?: number[]; centroid?: number[]; bbox?: number[] }
const ref = segmentJson<{ components: CompRef[]; fractions: number[]; components3d: CompRef[]; fractions3d: number[]; blobs: { file: string; shape: [number, number, number] } }>('components.json');
/** skimage mesh_surface_area(marching_cubes(np.pad(particle, 1), 0.5)) of the same blobs (scripts/fixtures/segment_surface_area.py). */
const surfaceRef = segmentJson<{ blobs: { connectivity: number; area: number[] }[]; blobPhases: number[]; nmcPhasePerimeters: number[] }>('surface_area.json');
const surfaces = surfaceRef.blobs;
const phaseSurfaces = surfaceRef.blobPhases;
const phasePerimeters = surfaceRef.nmcPhasePerimeters;

const labels2d: LabelsValue = {
  kind: 'labels',
  frames: 1,
  width: nmcLabels.width,
  height: nmcLabels.height,
  data: nmcLabels.data as Uint8Array,
  classes: ['pore', 'binder', 'NMC'],
  pixelSize: { x: 0.05, y: 0.05, unit: 'µm' },
  meta: emptyMeta(),
};
/** The fixture keeps 12 significant digits. */
const rel = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-11 * Math.max(1, Math.abs(b)));
const column = (t: TableValue, name: string, unit?: string) => {
  const c = t.columns.find((x) => x.name === name && (unit === undefined || x.unit === unit));
  if (!c) throw new Error(`no column ${name} ${unit ?? ''}`);
  return 'data' in c ? Array.from(c.data) : c.text;
};

describe('segment.components', () => {
  it('2-D real NMC labels: skimage label count, areas, perimeters, centroids, bboxes; numpy fractions', async () => {
    const c = ref.components.find((r) => r.connectivity === 2)!;
    const out = await componentsNode.run({ labels: labels2d }, defaults, testContext());
    const table = out.table as TableValue;
    const fractions = out.fractions as TableValue;
    expect(table.rows).toBe(c.count);
    expect(column(table, 'area', 'px')).toEqual(c.area);
    expect(column(table, 'phase')).toEqual(c.phase);
    expect((column(table, 'phase name') as string[]).slice(0, 3)).toEqual(c.phase!.slice(0, 3).map((k) => labels2d.classes[k]));
    const per = column(table, 'perimeter', 'px') as number[];
    per.forEach((x, i) => rel(x, c.perimeter![i]));
    const perUm = column(table, 'perimeter', 'µm') as number[];
    rel(perUm[0], c.perimeter![0] * 0.05);
    expect((column(table, 'area', 'µm²') as number[])[0]).toBeCloseTo(c.area[0] * 0.0025, 12);
    const cy = column(table, 'centroid y') as number[];
    const cx = column(table, 'centroid x') as number[];
    cy.forEach((y, i) => rel(y, c.centroid![2 * i]));
    cx.forEach((x, i) => rel(x, c.centroid![2 * i + 1]));
    expect(column(table, 'y min').slice(0, 5)).toEqual(c.bbox!.filter((_, i) => i % 4 === 0).slice(0, 5));
    expect(column(table, 'x max').slice(0, 5)).toEqual(c.bbox!.filter((_, i) => i % 4 === 3).slice(0, 5));
    (column(fractions, 'fraction') as number[]).forEach((f, i) => expect(f).toBeCloseTo(ref.fractions[i], 15));
    // Per phase: skimage.measure.perimeter of its mask, in px and µm, and per pixel of the phase.
    (column(fractions, 'perimeter', 'px') as number[]).forEach((x, k) => rel(x, phasePerimeters[k]));
    (column(fractions, 'perimeter', 'µm') as number[]).forEach((x, k) => rel(x, phasePerimeters[k] * 0.05));
    const pixels = column(fractions, 'pixels') as number[];
    (column(fractions, 'specific perimeter', '1/µm') as number[]).forEach((x, k) => rel(x, phasePerimeters[k] / pixels[k] / 0.05));
    expect((column(fractions, 'components') as number[]).reduce((a, b) => a + b)).toBe(c.count);
    const particles = out.particles as LabelsValue;
    expect(particles.classes.length - 1).toBe(c.count);
    expect(particles.pixelSize).toEqual(labels2d.pixelSize);
  });

  it('4-connectivity and skipping class 0 on the real labels', async () => {
    const c = ref.components.find((r) => r.connectivity === 1)!;
    const out = await componentsNode.run({ labels: labels2d }, { ...defaults, connectivity: 'face' }, testContext());
    expect((out.table as TableValue).rows).toBe(c.count);
    const skipped = await componentsNode.run({ labels: labels2d }, { ...defaults, connectivity: 'face', skipBackground: true }, testContext());
    expect((skipped.table as TableValue).rows).toBe(c.phase!.filter((k) => k !== 0).length);
    expect(column(skipped.table as TableValue, 'area', 'px')).toEqual(c.area.filter((_, i) => c.phase![i] !== 0));
  });

  for (const c of ref.components3d) {
    it(`3-D volume of blobs, connectivity ${c.connectivity}: skimage counts, volumes, bboxes, marching-cubes surfaces; numpy fractions`, async () => {
      const [d, h, w] = ref.blobs.shape;
      const vol: LabelsValue = { kind: 'labels', frames: d, width: w, height: h, data: segmentBytes(ref.blobs.file), classes: ['a', 'b', 'c'], meta: emptyMeta() };
      const ctx = testContext();
      const out = await componentsNode.run({ labels: vol }, { ...defaults, connectivity: c.connectivity === 1 ? 'face' : 'full' }, ctx);
      const table = out.table as TableValue;
      expect(table.rows).toBe(c.count);
      expect(column(table, 'volume', 'voxel')).toEqual(c.area);
      const mc = surfaces.find((x) => x.connectivity === c.connectivity)!.area;
      (column(table, 'surface area', 'px²') as number[]).forEach((a, i) => expect(Math.abs(a - mc[i]) / mc[i]).toBeLessThan(1e-5));
      expect(column(table, 'z min')).toEqual(c.bbox!.filter((_, i) => i % 6 === 0));
      expect(column(table, 'x max')).toEqual(c.bbox!.filter((_, i) => i % 6 === 5));
      (column(table, 'centroid z') as number[]).forEach((z, i) => rel(z, c.centroid![3 * i]));
      (column(out.fractions as TableValue, 'fraction') as number[]).forEach((f, i) => expect(f).toBeCloseTo(ref.fractions3d[i], 15));
      expect(ctx.progressCalls).toEqual([0, 0.9, 0.9, 1]);
      // Per phase: the marching-cubes surface of its whole mask (skimage), and that per voxel.
      const fr = out.fractions as TableValue;
      const voxels = column(fr, 'voxels') as number[];
      (column(fr, 'surface area', 'px²') as number[]).forEach((a, k) => expect(Math.abs(a - phaseSurfaces[k]) / phaseSurfaces[k]).toBeLessThan(1e-5));
      (column(fr, 'specific surface area', '1/px') as number[]).forEach((x, k) => expect(x).toBeCloseTo(phaseSurfaces[k] / voxels[k], 5));
    });
  }

  it('a stack frame by frame: 2-D components per frame, numbered on', async () => {
    const [d, h, w] = ref.blobs.shape;
    const vol: LabelsValue = { kind: 'labels', frames: d, width: w, height: h, data: segmentBytes(ref.blobs.file), classes: ['a', 'b', 'c'], meta: emptyMeta() };
    const ctx = testContext();
    const out = await componentsNode.run({ labels: vol }, { ...defaults, dimensions: '2d' }, ctx);
    const table = out.table as TableValue;
    const frame = column(table, 'frame') as number[];
    expect(frame[0]).toBe(0);
    expect(frame.at(-1)).toBe(d - 1);
    expect(column(table, 'label')).toEqual(Array.from({ length: table.rows }, (_, i) => i + 1));
    const area = column(table, 'area', 'px') as number[];
    expect(area.reduce((a, b) => a + b)).toBe(w * h * d);
    // start, one per frame, the phase perimeters, done
    expect(ctx.progressCalls.length).toBe(d + 3);
  });

  it('names a label value outside the classes', async () => {
    const bad: LabelsValue = { ...labels2d, width: 2, height: 1, data: new Uint8Array([0, 5]) };
    await expect(componentsNode.run({ labels: bad }, defaults, testContext())).rejects.toThrow('labels: phaseFractions: value 5 at index 1, expected a class index < classes = 3');
  });
});
