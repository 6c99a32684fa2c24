import { describe, expect, it } from 'vitest';
import { distanceTransformEdt } from '../distanceTransformEdt';
import { peakLocalMax } from '../peakLocalMax';
import { watershed } from '../watershed';
import { labelComponents } from '../labelComponents';
import { hMaxima } from '../hMaxima';
import { lcg } from '../../image/__tests__/helpers';
import { crop, nmcLabels, segmentBytes, segmentJson } from './segmentFixtures';

const edtRef = segmentJson<{
  edt: { w: number; h: number; d: number; seed: number; threshold: number; sampling: [number, number, number] | null; out: number[] }[];
  edtReal: { phase: number; sum: number; max: number; sample: [number, number][] };
}>('edt.json');
interface WsCase { minDistance: number; peaks: number[]; count: number; areas: number[]; stablePeaks: number[]; stableCount: number; stableAreas: number[] }
interface HmaxCase { h: number; maxima: number[]; markers: number; count: number; areas: number[]; crop?: { y0: number; x0: number; h: number; w: number }; phase?: number }
const wsRef = segmentJson<{
  hmaxDiscs: HmaxCase;
  hmaxReal: HmaxCase[];
  watershedDiscs: WsCase & { discs: number[][]; file: string };
  watershedReal: (WsCase & { crop: { y0: number; x0: number; h: number; w: number }; phase: number })[];
}>('watershed.json');

describe('distanceTransformEdt', () => {
  for (const c of edtRef.edt) {
    it(`equals scipy distance_transform_edt on LCG ${c.d}×${c.h}×${c.w}${c.sampling ? ` sampling ${c.sampling.join(',')}` : ''}`, () => {
      const noise = lcg(c.w * c.h * c.d, c.seed);
      const bin = Uint8Array.from(noise, (v) => +(v > c.threshold));
      const out = distanceTransformEdt(bin, c.w, c.h, { depth: c.d, sampling: c.sampling ?? undefined });
      if (!c.sampling) expect(Array.from(out)).toEqual(c.out);
      else for (let i = 0; i < out.length; i++) expect(out[i]).toBeCloseTo(c.out[i], 12);
    });
  }

  it('equals scipy on the real NMC phase mask (sum, max, every 997th pixel)', () => {
    const mask = Uint8Array.from(nmcLabels.data, (v) => +(v === edtRef.edtReal.phase));
    const out = distanceTransformEdt(mask, nmcLabels.width, nmcLabels.height);
    let sum = 0;
    let max = 0;
    for (const v of out) {
      sum += v;
      if (v > max) max = v;
    }
    expect(sum).toBeCloseTo(edtRef.edtReal.sum, 6);
    expect(max).toBe(edtRef.edtReal.max);
    for (const [i, v] of edtRef.edtReal.sample) expect(out[i]).toBe(v);
  });

  it('no background: +Infinity; bad sampling named', () => {
    expect(Array.from(distanceTransformEdt(new Uint8Array([1, 1]), 2, 1))).toEqual([Infinity, Infinity]);
    expect(() => distanceTransformEdt(new Uint8Array(4), 2, 2, { sampling: [1, 0, 1] })).toThrow('sampling[1] (y) = 0');
  });
});

/** skimage's recipe: EDT, peak_local_max, ndi.label of the peaks, watershed(−EDT, markers, mask). */
function separate(mask: Uint8Array, w: number, h: number, minDistance: number) {
  const dist = distanceTransformEdt(mask, w, h);
  const peaks = peakLocalMax(dist, w, h, { minDistance });
  const peakMask = new Uint8Array(w * h);
  for (const p of peaks) peakMask[p] = 1;
  const markers = labelComponents(peakMask, w, h, { connectivity: 1 }).labels;
  const neg = Float64Array.from(dist, (v) => -v);
  const labels = watershed(neg, markers, w, h, { mask });
  let count = 0;
  for (const l of labels) if (l > count) count = l;
  const areas = new Array<number>(count).fill(0);
  for (const l of labels) if (l > 0) areas[l - 1]++;
  return { peaks, count, areas };
}

describe('peakLocalMax + watershed', () => {
  it('separates seven touching discs exactly as skimage', () => {
    const c = wsRef.watershedDiscs;
    const mask = segmentBytes(c.file);
    const r = separate(mask, 160, 120, c.minDistance);
    expect(Array.from(r.peaks).sort((a, b) => a - b)).toEqual(c.peaks);
    expect(r.count).toBe(c.discs.length);
    expect(r.count).toBe(c.count);
    expect(r.areas).toEqual(c.areas);
  });

  for (const c of wsRef.watershedReal) {
    it(`real NMC labels crop, phase ${c.phase}, min_distance ${c.minDistance}: skimage's particle count; peaks and areas exact with stable plateau order`, () => {
      const lab = crop(nmcLabels.data as Uint8Array, nmcLabels.width, c.crop.y0, c.crop.x0, c.crop.h, c.crop.w);
      const mask = Uint8Array.from(lab, (v) => +(v === c.phase));
      const r = separate(mask, c.crop.w, c.crop.h, c.minDistance);
      // skimage itself (numpy's unstable argsort picks other pixels of equal-height plateaus).
      expect(r.count).toBe(c.count);
      expect(r.peaks.length).toBe(c.peaks.length);
      // skimage's candidates and spacing with equal heights in raster order: identical.
      expect(Array.from(r.peaks).sort((a, b) => a - b)).toEqual(c.stablePeaks);
      expect(r.count).toBe(c.stableCount);
      expect(r.areas).toEqual(c.stableAreas);
    });
  }

  it('peakLocalMax: constant image has no peaks; thresholds and border exclusion apply', () => {
    expect(peakLocalMax(new Float32Array(25).fill(3), 5, 5).length).toBe(0);
    const img = new Float32Array(49);
    img[24] = 5; // centre of 7×7
    img[8] = 2; // (1,1)
    img[6] = 9; // corner (0, 6): excluded by the border
    expect(Array.from(peakLocalMax(img, 7, 7, { minDistance: 1 }))).toEqual([24, 8]);
    expect(Array.from(peakLocalMax(img, 7, 7, { minDistance: 1, thresholdAbs: 2 }))).toEqual([24]);
    expect(Array.from(peakLocalMax(img, 7, 7, { minDistance: 2 }))).toEqual([24]);
    expect(() => peakLocalMax(img, 7, 7, { minDistance: 0 })).toThrow('minDistance = 0');
  });

  it('watershed: two basins split at the ridge; mask and connectivity respected', () => {
    const image = new Float64Array([0, 1, 2, 3, 2, 1, 0]);
    const markers = new Int32Array([1, 0, 0, 0, 0, 0, 2]);
    expect(Array.from(watershed(image, markers, 7, 1))).toEqual([1, 1, 1, 1, 2, 2, 2]);
    const mask = new Uint8Array([1, 1, 0, 1, 1, 1, 1]);
    expect(Array.from(watershed(image, markers, 7, 1, { mask }))).toEqual([1, 1, 0, 2, 2, 2, 2]);
    expect(() => watershed(image, markers, 7, 1, { connectivity: 3 })).toThrow('connectivity = 3');
  });
});

describe('hMaxima markers + watershed', () => {
  const cases: [string, HmaxCase, () => [Uint8Array, number, number]][] = [
    ['touching discs', wsRef.hmaxDiscs, () => [segmentBytes(wsRef.watershedDiscs.file), 160, 120]],
    ...wsRef.hmaxReal.map((c): [string, HmaxCase, () => [Uint8Array, number, number]] => [
      `real NMC crop phase ${c.phase}`,
      c,
      () => {
        const lab = crop(nmcLabels.data as Uint8Array, nmcLabels.width, c.crop!.y0, c.crop!.x0, c.crop!.h, c.crop!.w);
        return [Uint8Array.from(lab, (v) => +(v === c.phase)), c.crop!.w, c.crop!.h];
      },
    ]),
  ];
  for (const [name, c, make] of cases) {
    it(`${name}, h = ${c.h}: skimage h_maxima of the EDT, marker count, particle count and areas`, () => {
      const [mask, w, h] = make();
      const dist = distanceTransformEdt(mask, w, h);
      const hm = hMaxima(dist, w, h, c.h);
      const maxima: number[] = [];
      hm.forEach((v, i) => v && maxima.push(i));
      expect(maxima).toEqual(c.maxima);
      const { labels: markers, count } = labelComponents(hm, w, h, { connectivity: 1 });
      expect(count).toBe(c.markers);
      const ws = watershed(Float64Array.from(dist, (v) => -v), markers, w, h, { mask });
      const areas = new Array<number>(count).fill(0);
      for (const l of ws) if (l > 0) areas[l - 1]++;
      expect(areas).toEqual(c.areas);
    });
  }

  it('h above the range: no maxima; h ≤ 0 named', () => {
    expect(Array.from(hMaxima(new Float64Array([0, 1, 0]), 3, 1, 2))).toEqual([0, 0, 0]);
    expect(Array.from(hMaxima(new Float64Array([0, 1, 0, 3, 0]), 5, 1, 1))).toEqual([0, 1, 0, 1, 0]);
    expect(Array.from(hMaxima(new Float64Array([0, 1, 0, 3, 0]), 5, 1, 1.5))).toEqual([0, 0, 0, 1, 0]);
    expect(() => hMaxima(new Float64Array(3), 3, 1, 0)).toThrow('h = 0, expected a finite number > 0');
  });
});
