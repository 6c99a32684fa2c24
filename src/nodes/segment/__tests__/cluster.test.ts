import { describe, expect, it } from 'vitest';
import { clusterNode } from '../cluster';
import { defaultParams } from '../../../runtime/params';
import { emptyMeta, type ImageValue, type StackValue } from '../../../runtime/values';
import { testContext } from '../../io/__tests__/imageNodeContext';
import { nmcSlice, segmentJson } from '../../../ops/segment/__tests__/segmentFixtures';

const defaults = defaultParams(clusterNode.params);
const image: ImageValue = {
  kind: 'image',
  width: nmcSlice.width,
  height: nmcSlice.height,
  dtype: 'f32',
  data: nmcSlice.data,
  pixelSize: { x: 0.05, y: 0.05, unit: 'µm' },
  valueAxis: { name: 'attenuation', unit: '' },
  meta: emptyMeta(),
};
const ref = segmentJson<{ kmeans: { k: number; seed: number; counts: number[]; centers: number[] }[]; gmm: { covariance: string; counts: number[]; weights: number[] }[] }>('cluster.json');

describe('segment.cluster', () => {
  it('k-means on the real slice: reference class counts, classes ordered by intensity, class table', async () => {
    const c = ref.kmeans[1];
    const ctx = testContext();
    const out = await clusterNode.run({ image }, { ...defaults, seed: c.seed, classNames: 'pore, binder, NMC' }, ctx);
    const { labels, classes } = out;
    if (labels.kind !== 'labels' || classes.kind !== 'table') throw new Error('wrong kinds');
    expect(labels.classes).toEqual(['pore', 'binder', 'NMC']);
    expect(labels.pixelSize).toEqual(image.pixelSize);
    const col = (name: string) => {
      const k = classes.columns.find((x) => x.name === name)!;
      return 'data' in k ? Array.from(k.data) : k.text;
    };
    expect(col('pixels')).toEqual(c.counts);
    const mean = col('mean intensity') as number[];
    const sum = [0, 0, 0];
    for (let i = 0; i < labels.data.length; i++) sum[labels.data[i]] += image.data[i];
    // Class means of the final labels: near the k-means centres (labels are reassigned after the last update).
    for (let i = 0; i < 3; i++) {
      expect(mean[i]).toBeCloseTo(sum[i] / c.counts[i], 9);
      expect(Math.abs(mean[i] - c.centers[i])).toBeLessThan(5e-3);
    }
    expect(ctx.progressCalls.at(-1)).toBe(1);
  });

  it('Gaussian mixture (diag) on the real slice: reference counts and weights', async () => {
    const c = ref.gmm.find((g) => g.covariance === 'diag')!;
    const out = await clusterNode.run({ image }, { ...defaults, method: 'gmm', covariance: 'diag' }, testContext());
    if (out.classes.kind !== 'table') throw new Error('wrong kind');
    const w = out.classes.columns.find((x) => x.name === 'mixture weight')!;
    expect('data' in w && Array.from(w.data).map((x) => +x.toFixed(9))).toEqual(c.weights.map((x) => +x.toFixed(9)));
    const px = out.classes.columns.find((x) => x.name === 'pixels')!;
    expect('data' in px && Array.from(px.data)).toEqual(c.counts);
  });

  it('local features on a stack: one model for all frames, per-frame progress, reproducible by seed', async () => {
    const w = 64;
    const h = 48;
    const data = new Float32Array(2 * w * h);
    for (let f = 0; f < 2; f++) {
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[f * w * h + y * w + x] = nmcSlice.data[(200 + y) * nmcSlice.width + 300 + x + 10 * f];
    }
    const stack: StackValue = { ...image, kind: 'stack', frames: 2, width: w, height: h, data, frameAxis: { name: 'z', unit: '' }, frameCoords: new Float64Array([0, 1]) };
    const p = { ...defaults, sigmas: '1, 2', gradient: true, seed: 3 };
    const ctx = testContext();
    const a = await clusterNode.run({ image: stack }, p, ctx);
    const b = await clusterNode.run({ image: stack }, p, testContext());
    if (a.labels.kind !== 'labels' || b.labels.kind !== 'labels') throw new Error('wrong kinds');
    expect(a.labels.frames).toBe(2);
    expect(Array.from(a.labels.data)).toEqual(Array.from(b.labels.data));
    expect(ctx.progressCalls.filter((f) => f > 0 && f <= 0.5)).toEqual([0.25, 0.5, 0.5]);
    // Class 0 is the darkest.
    if (a.classes.kind !== 'table') throw new Error('wrong kind');
    const m = a.classes.columns.find((x) => x.name === 'mean intensity')!;
    const means = 'data' in m ? Array.from(m.data) : [];
    expect(means[0]).toBeLessThan(means[1]);
    expect(means[1]).toBeLessThan(means[2]);
  });

  it('reports bad parameters and bad input by name', async () => {
    expect(clusterNode.check!({ ...defaults, classes: 4, classNames: 'a, b' })[0].message).toBe('classNames: 2 names given, expected 4 (one per class)');
    expect(clusterNode.check!({ ...defaults, sigmas: '1', smoothed: false })[0].param).toBe('sigmas');
    const bad = { ...image, width: 2, height: 1, data: new Float32Array([1, NaN]) };
    await expect(clusterNode.run({ image: bad }, { ...defaults, classes: 2 }, testContext())).rejects.toThrow('image: kmeans: data has a non-finite value (NaN) at sample 1');
    await expect(clusterNode.run({}, defaults, testContext())).rejects.toThrow('input "image" is not connected');
  });
});
