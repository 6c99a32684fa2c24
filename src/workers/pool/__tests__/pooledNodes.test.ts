// clean.deblur, register.drift's estimation, clean.remove-rings and clean.quality-score with a
// frame pool set (as the CLI and the studio's engine worker do): the same bits as on one thread,
// the failing frame named, progress reaching the end.
import { afterAll, describe, expect, it } from 'vitest';
import { deblurNode } from '../../../nodes/clean/deblur';
import { removeRingsNode } from '../../../nodes/clean/removeRings';
import { qualityScoreNode } from '../../../nodes/clean/qualityScore';
import { driftNode } from '../../../nodes/register/drift';
import { NodeInputError } from '../../../runtime/nodeDefinition';
import { defaultParams } from '../../../runtime/params';
import { emptyMeta, type StackValue, type TableValue, type Value } from '../../../runtime/values';
import { testContext } from '../../../nodes/io/__tests__/imageNodeContext';
import { sinogramCrop } from '../../../ops/sinogram/__tests__/ringsHelpers';
import { setFramePool } from '../defaultFramePool';
import { FramePool } from '../framePool';
import { oneThreadThenPool } from './oneThreadThenPool';
import { mapFrames } from '../mapFrames';
import { spawnNodePoolThread } from '../nodePoolThread';

const pool = new FramePool(spawnNodePoolThread, 2);
afterAll(() => {
  setFramePool(null);
  pool.dispose();
});

/** A stack in shared memory whose frame f is `pixel(f, x, y)`. */
function stack(frames: number, width: number, height: number, pixel: (f: number, x: number, y: number) => number): StackValue {
  const data = new Float32Array(new SharedArrayBuffer(frames * width * height * 4));
  for (let f = 0; f < frames; f++) for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[(f * height + y) * width + x] = pixel(f, x, y);
  return {
    kind: 'stack',
    frames,
    width,
    height,
    dtype: 'f32',
    data,
    frameAxis: { name: 'time', unit: 's' },
    frameCoords: Float64Array.from({ length: frames }, (_, i) => 2 * i),
    valueAxis: { name: 'intensity', unit: '' },
    meta: emptyMeta(),
  };
}

/** A smooth pattern moving by a known, different amount per frame (positive: deblurring wants it). */
const moving = (frames = 7, w = 48, h = 40) =>
  stack(frames, w, h, (f, x, y) => {
    const u = x - 0.7 * f + 0.3 * Math.sin(f);
    const v = y + 0.4 * f;
    return Math.sin(u / 3) * Math.cos(v / 4) + 0.3 * Math.sin((u + v) / 2) + 2;
  });

const both = <T>(fn: () => Promise<T>) => oneThreadThenPool(pool, fn);

const pixels = (v: Value) => Array.from((v as { data: Float32Array }).data);
const columns = (t: Value) => (t as TableValue).columns.map((c) => ('data' in c ? Array.from(c.data) : c.text));

describe('more nodes on the frame pool', () => {
  it('clean.deblur (Richardson–Lucy and Wiener): the same pixels as on one thread, in shared memory', async () => {
    const s = moving();
    for (const over of [{}, { method: 'wiener', balance: 0.02 }]) {
      const p = { ...defaultParams(deblurNode.params), ...over };
      const ctx = testContext();
      const [a, b] = await both(() => deblurNode.run({ image: s }, p, ctx));
      expect((b.image as StackValue).data.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(pixels(b.image)).toEqual(pixels(a.image));
      expect(pixels(a.image)).not.toEqual(Array.from(s.data));
      expect(ctx.progressCalls.at(-1)).toBe(1);
    }
  }, 60_000);

  it('register.drift estimation (to a reference, to the previous frame): the same shifts table and frames', async () => {
    const s = moving(9);
    for (const mode of ['to-reference', 'previous']) {
      const p = { ...defaultParams(driftNode.params), mode, reference: 2, upsampleFactor: 20 };
      const [a, b] = await both(() => driftNode.run({ stack: s }, p, testContext()));
      expect(columns(b.shifts)).toEqual(columns(a.shifts));
      expect(pixels(b.registered)).toEqual(pixels(a.registered));
      // Shifts were estimated (recovering known drifts is drift.test.ts's job): the reference frame's is 0.
      const dx = (b.shifts as TableValue).columns.find((c) => c.name === 'dx') as { data: Float64Array };
      expect(Math.abs(dx.data[2])).toBeLessThan(1e-12);
      expect(dx.data.filter((x) => x !== 0).length).toBeGreaterThan(5);
    }
  }, 60_000);

  it('clean.remove-rings on real sinograms: the same frames and stripe counts as on one thread', async () => {
    const c = sinogramCrop();
    const s = stack(3, c.width, c.height, (f, x, y) => c.data[y * c.width + x] * (1 + 0.1 * f) + 3 * f);
    for (const method of ['all', 'wavelet-fft']) {
      const p = { ...defaultParams(removeRingsNode.params), method };
      const [a, b] = await both(() => removeRingsNode.run({ image: s }, p, testContext()));
      expect(pixels(b.image)).toEqual(pixels(a.image));
      expect(columns(b.stripes)).toEqual(columns(a.stripes));
      const before = (a.stripes as TableValue).columns[1] as { data: Float64Array };
      expect(before.data[0]).toBeGreaterThan(0); // the real sinogram has stripes to count
    }
  }, 60_000);

  it('clean.quality-score: the same features, flags and cleaned stack as on one thread', async () => {
    const s = moving(8, 40, 36);
    // Frame 5 much noisier: something to flag.
    for (let i = 0; i < 40 * 36; i++) s.data[5 * 40 * 36 + i] += (i * 7919) % 13 === 0 ? 3 : (((i * 104729) % 17) - 8) / 8;
    const p = { ...defaultParams(qualityScoreNode.params), brisque: true, features: 'all' };
    const [a, b] = await both(() => qualityScoreNode.run({ image: s }, p, testContext()));
    expect(columns(b.scores)).toEqual(columns(a.scores));
    expect(pixels(b.cleaned)).toEqual(pixels(a.cleaned));
    const flag = (a.scores as TableValue).columns.find((c) => c.name === 'flag') as { data: Float64Array };
    expect(flag.data[5]).toBe(1);
  }, 60_000);

  it('a bad frame is reported by its index as a node input error (deblur, drift estimation)', async () => {
    setFramePool(pool);
    try {
      const s = moving();
      s.data[4 * 48 * 40 + 6 * 48 + 9] = Number.NaN;
      const run = deblurNode.run({ image: s }, defaultParams(deblurNode.params), testContext());
      await expect(run).rejects.toThrow(NodeInputError);
      await expect(run).rejects.toThrow(/^frame 4: richardsonLucy: data has a non-finite value \(NaN\) at row 6, column 9/);
      const drift = driftNode.run({ stack: s }, defaultParams(driftNode.params), testContext());
      await expect(drift).rejects.toThrow(/^frame 4: phaseCrossCorrelation \(moving\): data has a non-finite value \(NaN\) at row 6, column 9/);
    } finally {
      setFramePool(null);
    }
  }, 60_000);

  it('value-only kernels: per-frame values in shared memory; plain memory falls back to one thread', async () => {
    const s = moving(5, 32, 24);
    const p = { brisque: false };
    const pooled = new Float64Array(new SharedArrayBuffer(5 * 6 * 8));
    await mapFrames('quality.features', p, s.data, null, 32, 24, { pool, values: pooled });
    const plain = new Float64Array(5 * 6);
    await mapFrames('quality.features', p, s.data, null, 32, 24, { pool, values: plain });
    expect(Array.from(plain)).toEqual(Array.from(pooled));
    await expect(pool.map('quality.features', p, s.data, null, 32, 24, { values: plain })).rejects.toThrow(/SharedArrayBuffers/);
    await expect(mapFrames('quality.features', p, s.data, null, 32, 24, { pool, values: new Float64Array(7) })).rejects.toThrow(/multiple of the 5 frames/);
  }, 60_000);
});
