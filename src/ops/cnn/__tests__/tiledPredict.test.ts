import { describe, expect, it } from 'vitest';
import { tiledPredict } from '../tiledPredict';
import { BoxSoftmaxSegmenter, untiledBoxSoftmax } from './fakeSegmenter';
import { maxAbsDiff } from '../../image/__tests__/helpers';

/** Smooth-ish random image with structure at several scales (deterministic). */
function testImage(width: number, height: number, seed = 1): Float32Array {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const img = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      img[y * width + x] = 100 + 40 * Math.sin(x / 5.3) * Math.cos(y / 7.1) + 20 * (rnd() - 0.5) + 0.3 * x;
    }
  }
  return img;
}

function argmax(p: Float64Array, plane: number, C: number): Uint8Array {
  const out = new Uint8Array(plane);
  for (let i = 0; i < plane; i++) {
    let best = 0;
    for (let c = 1; c < C; c++) if (p[c * plane + i] > p[best * plane + i]) best = c;
    out[i] = best;
  }
  return out;
}


describe('tiledPredict', () => {
  const norm = { method: 'affine' as const, scale: 0.01, offset: -1 };

  it('equals one untiled pass over the reflected slice when the receptive field fits the blend margin (odd sizes, several tilings)', async () => {
    const cases = [
      // width, height, tile, overlap, blend, radius (≤ overlap/4 for linear, ≤ overlap/2 for centre)
      [37, 53, 16, 8, 'linear', 2],
      [101, 67, 32, 16, 'linear', 4],
      [101, 67, 32, 16, 'centre', 8],
      [64, 64, 24, 12, 'centre', 6],
      [129, 9, 40, 20, 'linear', 5],
      [13, 11, 256, 32, 'linear', 8], // smaller than one tile
      [50, 70, 16, 0, 'linear', 0], // no overlap: only a pointwise network is exact
    ] as const;
    for (const [w, h, tile, overlap, blend, r] of cases) {
      const img = testImage(w, h, w * h);
      const seg = new BoxSoftmaxSegmenter(r);
      const res = await tiledPredict(img, w, h, seg, { normalization: norm, tileSize: tile, overlap, blend, batchSize: 3, probabilities: true });
      const ref = untiledBoxSoftmax(img, w, h, seg, norm.scale, norm.offset);
      const label = `${w}×${h} tile ${tile} overlap ${overlap} ${blend} r=${r}`;
      expect(maxAbsDiff(res.probabilities!, ref), label).toBeLessThan(2e-6);
      expect(res.labels, label).toEqual(argmax(ref, w * h, 3));
      for (const c of seg.calls) expect(c.n, label).toBeLessThanOrEqual(3);
    }
  });

  it('shows seams (and only small ones) when the receptive field exceeds the margin; the blend keeps them small away from tile edges', async () => {
    const w = 90;
    const h = 77;
    const img = testImage(w, h, 5);
    const seg = new BoxSoftmaxSegmenter(6); // > overlap/4 = 4: not exact
    const res = await tiledPredict(img, w, h, seg, { normalization: norm, tileSize: 32, overlap: 16, probabilities: true });
    const ref = untiledBoxSoftmax(img, w, h, seg, norm.scale, norm.offset);
    const d = maxAbsDiff(res.probabilities!, ref);
    expect(d).toBeGreaterThan(1e-4); // the test can tell tiled from untiled
    expect(d).toBeLessThan(0.25);
    const ref8 = argmax(ref, w * h, 3);
    let same = 0;
    for (let i = 0; i < w * h; i++) if (ref8[i] === res.labels[i]) same++;
    expect(same / (w * h)).toBeGreaterThan(0.97);
  });

  it('normalises by z-score over the slice (population std) or affine, and maps pixels without shifts', async () => {
    const w = 19;
    const h = 23;
    const img = testImage(w, h, 3);
    let mean = 0;
    for (const v of img) mean += v;
    mean /= img.length;
    let ss = 0;
    for (const v of img) ss += (v - mean) ** 2;
    const std = Math.sqrt(ss / img.length);
    const seg = new BoxSoftmaxSegmenter(0, [1, 0], [0, 0]); // p0 = sigmoid(x)
    const z = await tiledPredict(img, w, h, seg, { normalization: { method: 'zscore' }, tileSize: 16, overlap: 4, probabilities: true });
    const a = await tiledPredict(img, w, h, seg, { normalization: { method: 'affine', scale: 0.02, offset: -2 }, tileSize: 16, overlap: 4, probabilities: true });
    for (let i = 0; i < w * h; i++) {
      expect(z.probabilities![i]).toBeCloseTo(1 / (1 + Math.exp(-(img[i] - mean) / std)), 6);
      expect(a.probabilities![i]).toBeCloseTo(1 / (1 + Math.exp(-(img[i] * 0.02 - 2))), 6);
      expect(z.probabilities![i] + z.probabilities![w * h + i]).toBeCloseTo(1, 6);
    }
    // a constant slice has std 0: normalised to 0, not NaN
    const flat = await tiledPredict(new Float32Array(64).fill(7), 8, 8, seg, { normalization: { method: 'zscore' }, probabilities: true });
    expect(flat.probabilities![0]).toBeCloseTo(0.5, 6);
  });

  it('writes into caller buffers, works on u8/u16 input, and returns no probabilities unless asked', async () => {
    const w = 40;
    const h = 24;
    const img16 = new Uint16Array(w * h).map((_, i) => (i * 37) % 1000);
    const seg = new BoxSoftmaxSegmenter(1);
    const labelsOut = new Uint8Array(w * h);
    const probabilitiesOut = new Float32Array(3 * w * h);
    const r = await tiledPredict(img16, w, h, seg, { normalization: norm, tileSize: 16, overlap: 8, labelsOut, probabilitiesOut });
    expect(r.labels).toBe(labelsOut);
    expect(r.probabilities).toBe(probabilitiesOut);
    const ref = untiledBoxSoftmax(Float32Array.from(img16), w, h, seg, norm.scale, norm.offset);
    expect(maxAbsDiff(probabilitiesOut, ref)).toBeLessThan(2e-6);
    const plain = await tiledPredict(img16, w, h, seg, { normalization: norm, tileSize: 16, overlap: 8 });
    expect(plain.probabilities).toBeUndefined();
    expect(plain.labels).toEqual(labelsOut);
  });

  it('reports progress per batch and stops between batches when cancelled', async () => {
    const w = 100;
    const h = 60;
    const img = testImage(w, h);
    const seg = new BoxSoftmaxSegmenter(1);
    const seen: [number, number][] = [];
    const r = await tiledPredict(img, w, h, seg, {
      normalization: norm, tileSize: 32, overlap: 8, batchSize: 2,
      onProgress: (d, t) => void seen.push([d, t]),
    });
    // padded 108×68 with stride 24 → ceil(76/24)+1 = 5 tiles across, ceil(36/24)+1 = 3 down: 15 tiles, 8 batches
    expect(r.tiles).toBe(15);
    expect(seen).toEqual([[2, 15], [4, 15], [6, 15], [8, 15], [10, 15], [12, 15], [14, 15], [15, 15]]);
    expect(seg.calls.map((c) => [c.n, c.h, c.w])).toEqual([...Array(7).fill([2, 32, 32]), [1, 32, 32]]);

    const ac = new AbortController();
    const seg2 = new BoxSoftmaxSegmenter(1);
    const p = tiledPredict(img, w, h, seg2, {
      normalization: norm, tileSize: 32, overlap: 8, batchSize: 2, signal: ac.signal,
      onProgress: (d) => { if (d === 4) ac.abort(new Error('stop now')); },
    });
    await expect(p).rejects.toThrow('stop now');
    expect(seg2.calls.length).toBe(2);
    // a throwing progress callback (the node's ctx.progress on cancel) stops too
    const seg3 = new BoxSoftmaxSegmenter(1);
    await expect(tiledPredict(img, w, h, seg3, { normalization: norm, tileSize: 32, overlap: 8, batchSize: 2, onProgress: () => { throw new Error('AbortError'); } })).rejects.toThrow('AbortError');
    expect(seg3.calls.length).toBe(1);
  });

  it('refuses thin slices, bad tile/overlap sizes and a network returning the wrong size, naming the parameter', async () => {
    const seg = new BoxSoftmaxSegmenter(1);
    const img = new Float32Array(3 * 50);
    await expect(tiledPredict(img, 3, 50, seg, { normalization: norm })).rejects.toThrow(/slice is 3×50 px, below the network's minimum of 8×8 px/);
    const ok = testImage(40, 40);
    await expect(tiledPredict(ok, 40, 40, seg, { normalization: norm, tileSize: 100 })).rejects.toThrow(/tileSize = 100, expected a multiple of 8/);
    await expect(tiledPredict(ok, 40, 40, seg, { normalization: norm, tileSize: 4 })).rejects.toThrow(/tileSize = 4, expected an integer ≥ 8/);
    await expect(tiledPredict(ok, 40, 40, seg, { normalization: norm, tileSize: 32, overlap: 32 })).rejects.toThrow(/overlap = 32, expected an integer from 0 to tileSize − 1 = 31/);
    await expect(tiledPredict(ok, 40, 40, seg, { normalization: norm, batchSize: 0 })).rejects.toThrow(/batchSize = 0/);
    await expect(tiledPredict(ok, 40, 41, seg, { normalization: norm })).rejects.toThrow(/data has 1600 values, expected width·height/);
    const bad = { classes: 3, backend: 'broken', predict: () => Promise.resolve(new Float32Array(5)), dispose: () => Promise.resolve() };
    await expect(tiledPredict(ok, 40, 40, bad, { normalization: norm })).rejects.toThrow(/network \(broken\) returned 5 values/);
  });
});
