import { describe, expect, it } from 'vitest';
import { thresholdNode } from '../threshold';
import { defaultParams } from '../../../runtime/params';
import { emptyMeta, type StackValue } from '../../../runtime/values';
import { readTiff } from '../../../ops/io/tiff/readTiff';
import { fixtureBytes, fixtureJson } from '../../../ops/image/__tests__/helpers';
import { testContext } from '../../io/__tests__/imageNodeContext';

const defaults = defaultParams(thresholdNode.params);
const slice = readTiff(fixtureBytes('nmc_1.tif'), 'nmc_1.tif');
const image = {
  kind: 'image' as const,
  width: slice.width,
  height: slice.height,
  dtype: slice.dtype,
  data: slice.data,
  valueAxis: { name: 'attenuation', unit: '' },
  meta: emptyMeta(),
};
const ref = fixtureJson<{ cases: { input: string; method: string; classes: number; thresholds: number[]; counts: number[] }[] }>(
  'threshold.json',
).cases.filter((c) => c.input === 'nmc_1');

describe('segment.threshold', () => {
  it('multi-Otsu on the real slice: skimage thresholds, digitize labels, named classes, thresholds table', async () => {
    const c = ref.find((k) => k.method === 'multiotsu' && k.classes === 3)!;
    const out = await thresholdNode.run({ image }, { ...defaults, method: 'multiotsu', classes: 3, classNames: 'pore, binder, NMC' }, testContext());
    const { labels, thresholds } = out;
    if (labels.kind !== 'labels' || thresholds.kind !== 'table') throw new Error('wrong kinds');
    expect(labels.classes).toEqual(['pore', 'binder', 'NMC']);
    const counts = [0, 0, 0];
    for (const l of labels.data) counts[l]++;
    expect(counts).toEqual(c.counts);
    const col = thresholds.columns[1];
    expect('data' in col && Array.from(col.data)).toEqual(c.thresholds);
    expect(thresholds.columns[2]).toEqual({ name: 'between', unit: '', text: ['pore | binder', 'binder | NMC'] });
  });

  it('Otsu on a stack uses one global threshold over all frames', async () => {
    const c = ref.find((k) => k.method === 'otsu')!;
    const n = slice.width * slice.height;
    const data = new Float32Array(2 * n);
    data.set(slice.data as Float32Array);
    data.set(slice.data as Float32Array, n);
    const stack: StackValue = {
      ...image,
      kind: 'stack',
      frames: 2,
      data,
      frameAxis: { name: 'z', unit: '' },
      frameCoords: new Float64Array([0, 1]),
    };
    const out = await thresholdNode.run({ image: stack }, defaults, testContext());
    if (out.labels.kind !== 'labels' || out.thresholds.kind !== 'table') throw new Error('wrong kinds');
    expect(out.labels.frames).toBe(2);
    expect(out.labels.classes).toEqual(['class 0', 'class 1']);
    const col = out.thresholds.columns[1];
    // The duplicated stack has the same histogram shape, hence the same Otsu threshold.
    expect('data' in col && col.data[0]).toBe(c.thresholds[0]);
    let upper = 0;
    for (const l of out.labels.data) upper += l;
    expect(upper).toBe(2 * c.counts[1]);
  });

  it('names mismatched class names, in check() and at run time', async () => {
    expect(thresholdNode.check!({ ...defaults, method: 'multiotsu', classes: 4, classNames: 'a, b' })).toEqual([
      { param: 'classNames', message: 'classNames: 2 names given, expected 4 (one per class)' },
    ]);
    await expect(thresholdNode.run({ image }, { ...defaults, classNames: 'a,b,c' }, testContext())).rejects.toThrow(
      'classNames: 3 names given, expected 2 (one per class)',
    );
  });
});
