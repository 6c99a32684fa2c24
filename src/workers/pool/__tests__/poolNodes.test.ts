// The frame-parallel nodes with a frame pool set (as the CLI and the studio's engine worker do):
// same outputs as on one thread, frame errors named, progress reaching 1.
import { afterAll, describe, expect, it } from 'vitest';
import { denoiseNode } from '../../../nodes/clean/denoise';
import { driftNode } from '../../../nodes/register/drift';
import { NodeInputError } from '../../../runtime/nodeDefinition';
import { defaultParams } from '../../../runtime/params';
import { emptyMeta, type StackValue } from '../../../runtime/values';
import { testContext } from '../../../nodes/io/__tests__/imageNodeContext';
import { getFramePool, setFramePool } from '../defaultFramePool';
import { FramePool } from '../framePool';
import { oneThreadThenPool } from './oneThreadThenPool';
import { spawnNodePoolThread } from '../nodePoolThread';

const W = 48;
const H = 40;
const F = 6;

/** A smooth pattern moving by a known, different amount per frame, in a SharedArrayBuffer. */
function stack(): StackValue {
  const data = new Float32Array(new SharedArrayBuffer(F * W * H * 4));
  for (let f = 0; f < F; f++) {
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const u = x - 0.7 * f;
        const v = y + 0.4 * f;
        data[(f * H + y) * W + x] = Math.sin(u / 3) * Math.cos(v / 4) + 0.3 * Math.sin((u + v) / 2) + 2;
      }
    }
  }
  return {
    kind: 'stack',
    frames: F,
    width: W,
    height: H,
    dtype: 'f32',
    data,
    frameAxis: { name: 'frame', unit: '' },
    frameCoords: Float64Array.from({ length: F }, (_, i) => i),
    valueAxis: { name: 'intensity', unit: '' },
    meta: emptyMeta(),
  };
}

const pool = new FramePool(spawnNodePoolThread, 2);
afterAll(() => {
  setFramePool(null);
  pool.dispose();
});

const both = <T>(fn: () => Promise<T>) => oneThreadThenPool(pool, fn);

const pixels = (v: unknown) => (v as { data: Float32Array }).data;

describe('nodes on the frame pool', () => {
  it('clean.denoise (TV per frame) and register.drift give the same outputs as on one thread', async () => {
    const s = stack();
    const dn = { ...defaultParams(denoiseNode.params), method: 'tv', weight: 0.05 };
    const [a, b] = await both(() => denoiseNode.run({ image: s }, dn, testContext()));
    expect(pixels(b.image).buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(pixels(b.image))).toEqual(Array.from(pixels(a.image)));
    expect(Array.from(pixels(a.image))).not.toEqual(Array.from(s.data));

    const dr = { ...defaultParams(driftNode.params), interpolation: 'bicubic', upsampleFactor: 20 };
    const ctx = testContext();
    const [c, d] = await both(() => driftNode.run({ stack: s }, dr, ctx));
    expect(Array.from(pixels(d.registered))).toEqual(Array.from(pixels(c.registered)));
    expect(ctx.progressCalls.at(-1)).toBe(1);
    expect(getFramePool()).toBeNull();
  }, 60_000);

  it('a bad frame is reported by index as a node input error', async () => {
    const s = stack();
    s.data[3 * W * H + 5 * W + 7] = Number.NaN;
    setFramePool(pool);
    try {
      const run = denoiseNode.run({ image: s }, defaultParams(denoiseNode.params), testContext());
      await expect(run).rejects.toThrow(NodeInputError);
      await expect(run).rejects.toThrow(/frame 3: gaussianFilter: data has a non-finite value \(NaN\) at row 5, column 7/);
    } finally {
      setFramePool(null);
    }
  }, 60_000);
});
