import { describe, expect, it } from 'vitest';
import { driftNode } from '../drift';
import { defaultParams } from '../../../runtime/params';
import { emptyMeta, type StackValue } from '../../../runtime/values';
import { readTiff } from '../../../ops/io/tiff/readTiff';
import { fourierShift } from '../../../ops/image/fourierShift';
import { fixtureBytes } from '../../../ops/image/__tests__/helpers';
import { testContext } from '../../io/__tests__/imageNodeContext';

const defaults = defaultParams(driftNode.params);
const slice = readTiff(fixtureBytes('nmc_1.tif'), 'nmc_1.tif');
const W = 160;
const H = 128;
const Y0 = 180;
const X0 = 220;
/** Drift applied to frames 0..4 (content moves by +dy, +dx). */
const applied: [number, number][] = [
  [0, 0],
  [1.3, -2.7],
  [-3.45, 0.8],
  [5.05, 4.6],
  [-0.35, -6.2],
];

/** A drifting stack: the whole real slice moved by sub-pixel amounts, then the same window cut. */
function driftingStack(): StackValue {
  const data = new Float32Array(applied.length * W * H);
  applied.forEach(([dy, dx], f) => {
    const moved = fourierShift(slice.data, slice.width, slice.height, { dy, dx });
    for (let y = 0; y < H; y++) {
      data.set(moved.subarray((Y0 + y) * slice.width + X0, (Y0 + y) * slice.width + X0 + W), (f * H + y) * W);
    }
  });
  return {
    kind: 'stack',
    frames: applied.length,
    width: W,
    height: H,
    dtype: 'f32',
    data,
    frameAxis: { name: 'time', unit: 's' },
    frameCoords: Float64Array.from(applied, (_, i) => 60 * i),
    valueAxis: { name: 'intensity', unit: '' },
    meta: emptyMeta(),
  };
}

describe('register.drift', () => {
  const stack = driftingStack();

  it('recovers known sub-pixel drifts of a real slice within 0.05 px and aligns the frames', async () => {
    const ctx = testContext();
    const out = await driftNode.run({ stack }, { ...defaults, upsampleFactor: 100 }, ctx);
    if (out.shifts.kind !== 'table' || out.registered.kind !== 'stack') throw new Error('wrong kinds');
    const col = (n: string) => {
      const c = out.shifts.kind === 'table' ? out.shifts.columns.find((k) => k.name === n) : undefined;
      if (!c || !('data' in c)) throw new Error(`no column ${n}`);
      return c;
    };
    expect(out.shifts.columns.map((c) => `${c.name} (${c.unit})`)).toEqual(['frame ()', 'time (s)', 'dy (px)', 'dx (px)', 'error ()']);
    applied.forEach(([dy, dx], f) => {
      expect(Math.abs(col('dy').data[f] + dy)).toBeLessThan(0.05);
      expect(Math.abs(col('dx').data[f] + dx)).toBeLessThan(0.05);
    });
    // Registered frames match the reference in the interior (away from the filled border).
    const reg = out.registered.data;
    const m = 10;
    let sd = 0;
    let n = 0;
    let mean = 0;
    for (let y = m; y < H - m; y++) for (let x = m; x < W - m; x++) mean += stack.data[y * W + x] / ((H - 2 * m) * (W - 2 * m));
    for (let y = m; y < H - m; y++) for (let x = m; x < W - m; x++) sd += (stack.data[y * W + x] - mean) ** 2;
    sd = Math.sqrt(sd / ((H - 2 * m) * (W - 2 * m)));
    for (let f = 1; f < applied.length; f++) {
      let before = 0;
      let after = 0;
      n = 0;
      for (let y = m; y < H - m; y++) {
        for (let x = m; x < W - m; x++) {
          const r = stack.data[y * W + x];
          before += Math.abs(stack.data[(f * H + y) * W + x] - r);
          after += Math.abs(reg[(f * H + y) * W + x] - r);
          n++;
        }
      }
      // Bilinear interpolation smooths a little: residual well below the image contrast and the drift error.
      expect(after / n).toBeLessThan(0.1 * sd);
      expect(after).toBeLessThan(0.2 * before);
    }
    expect(ctx.progressCalls.length).toBeGreaterThanOrEqual(applied.length);
  });

  it('Fourier interpolation reproduces the reference frame closely in the interior', async () => {
    const out = await driftNode.run({ stack }, { ...defaults, upsampleFactor: 100, interpolation: 'fourier' }, testContext());
    if (out.registered.kind !== 'stack') throw new Error('expected a stack');
    const reg = out.registered.data;
    let meanAbs = 0;
    let n = 0;
    for (let y = 16; y < H - 16; y++) {
      for (let x = 16; x < W - 16; x++) {
        const d = Math.abs(reg[(3 * H + y) * W + x] - stack.data[y * W + x]);
        meanAbs += d;
        n++;
      }
    }
    expect(meanAbs / n).toBeLessThan(0.05);
  });

  it('without a window, border effects bias some shifts (why Hann is the default)', async () => {
    const out = await driftNode.run({ stack }, { ...defaults, upsampleFactor: 100, window: 'none' }, testContext());
    if (out.shifts.kind !== 'table') throw new Error('expected a table');
    const dx = out.shifts.columns.find((c) => c.name === 'dx');
    if (!dx || !('data' in dx)) throw new Error('no dx');
    const worst = Math.max(...applied.map(([, x], f) => Math.abs(dx.data[f] + x)));
    expect(worst).toBeGreaterThan(0.05);
    expect(worst).toBeLessThan(0.5);
  });

  it('NaN in the reference frame is refused with its position', async () => {
    const data = stack.data.slice();
    data[W * 3 + 4] = NaN;
    await expect(driftNode.run({ stack: { ...stack, data } }, defaults, testContext())).rejects.toThrow(
      /reference frame 0: data has a non-finite value \(NaN\) at row 3, column 4/,
    );
  });

  it('names a reference frame outside the stack', async () => {
    await expect(driftNode.run({ stack }, { ...defaults, reference: 5 }, testContext())).rejects.toThrow(
      'reference: expected a frame index 0..4 (the stack has 5 frames), got 5',
    );
  });
});
