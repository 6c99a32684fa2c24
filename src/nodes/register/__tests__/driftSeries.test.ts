import { describe, expect, it } from 'vitest';
import { driftNode } from '../drift';
import { defaultParams } from '../../../runtime/params';
import { emptyMeta, type StackValue, type TableValue } from '../../../runtime/values';
import { fourierShift } from '../../../ops/image/fourierShift';
import { nmcSlice as slice, numericColumn } from '../../../ops/image/__tests__/registration2Fixtures';
import { testContext } from '../../io/__tests__/imageNodeContext';

const defaults = defaultParams(driftNode.params);
const W = 128;
const H = 112;
const Y0 = 190;
const X0 = 230;
/** Steady drift with jitter: 9 frames wandering ~11 px down and ~14 px left in total. */
const applied: [number, number][] = Array.from({ length: 9 }, (_, f) => [1.37 * f + 0.3 * Math.sin(f), -1.71 * f + 0.25 * Math.cos(2 * f) - 0.25]);

function driftingStack(): StackValue {
  const data = new Float32Array(applied.length * W * H);
  applied.forEach(([dy, dx], f) => {
    const moved = fourierShift(slice.data, slice.width, slice.height, { dy, dx });
    for (let y = 0; y < H; y++) data.set(moved.subarray((Y0 + y) * slice.width + X0, (Y0 + y) * slice.width + X0 + W), (f * H + y) * W);
  });
  return {
    kind: 'stack',
    frames: applied.length,
    width: W,
    height: H,
    dtype: 'f32',
    data,
    frameAxis: { name: 'time', unit: 's' },
    frameCoords: Float64Array.from(applied, (_, i) => 30 * i),
    valueAxis: { name: 'intensity', unit: '' },
    meta: emptyMeta(),
  };
}
const col = (t: TableValue, c: string) => numericColumn(t, c);
/** Mean |registered frame − reference frame| over the interior, per frame. */
function residual(reg: ArrayLike<number>, ref: ArrayLike<number>, refFrame: number, m = 18): number[] {
  return applied.map((_, f) => {
    let s = 0;
    let n = 0;
    for (let y = m; y < H - m; y++)
      for (let x = m; x < W - m; x++) {
        s += Math.abs(reg[(f * H + y) * W + x] - ref[(refFrame * H + y) * W + x]);
        n++;
      }
    return s / n;
  });
}

describe('register.drift series modes on a synthetic drifting series of a real slice', () => {
  const stack = driftingStack();
  for (const mode of ['previous', 'running-mean', 'to-reference'] as const) {
    it(`${mode}: the cumulative drift is recovered (relative to the reference frame)`, async () => {
      const ref = 3;
      const ctx = testContext();
      const out = await driftNode.run({ stack }, { ...defaults, mode, reference: ref, upsampleFactor: 50 }, ctx);
      if (out.shifts.kind !== 'table' || out.registered.kind !== 'stack') throw new Error('wrong kinds');
      const dy = col(out.shifts, 'dy');
      const dx = col(out.shifts, 'dx');
      // Errors of pairwise shifts add up along the chain: allow 0.03 px per step for "previous". The running
      // mean stays in frame 0's window while the frames wander 14 px away: the Hann tapers then weight
      // different parts of the scene, a bias of a few 0.01 px (seen: ≤ 0.07 px at frame 8).
      applied.forEach(([ay, ax], f) => {
        const tol = mode === 'previous' ? 0.03 * Math.max(1, Math.abs(f - ref)) : mode === 'running-mean' ? 0.1 : 0.03;
        expect(Math.abs(dy[f] + (ay - applied[ref][0]))).toBeLessThan(tol);
        expect(Math.abs(dx[f] + (ax - applied[ref][1]))).toBeLessThan(tol);
      });
      expect(dy[ref]).toBe(0);
      expect(dx[ref]).toBe(0);
      const r = residual(out.registered.data, stack.data, ref);
      const sd = 0.3; // the slice's contrast in this window is ≈ 0.5
      for (const v of r) expect(v).toBeLessThan(0.1 * sd * 3);
      expect(ctx.progressCalls.length).toBeGreaterThanOrEqual(applied.length);
    });
  }

  it('bicubic interpolation leaves a smaller residual than bilinear', async () => {
    const bl = await driftNode.run({ stack }, { ...defaults, upsampleFactor: 50 }, testContext());
    const bc = await driftNode.run({ stack }, { ...defaults, upsampleFactor: 50, interpolation: 'bicubic' }, testContext());
    if (bl.registered.kind !== 'stack' || bc.registered.kind !== 'stack') throw new Error('expected stacks');
    const a = residual(bl.registered.data, stack.data, 0);
    const b = residual(bc.registered.data, stack.data, 0);
    const sum = (v: number[]) => v.reduce((p, q) => p + q, 0);
    expect(sum(b)).toBeLessThan(0.7 * sum(a));
  });

  it('crop keeps only the area common to all shifted frames', async () => {
    const out = await driftNode.run({ stack }, { ...defaults, upsampleFactor: 20, crop: true, fill: -100 }, testContext());
    if (out.registered.kind !== 'stack' || out.shifts.kind !== 'table') throw new Error('wrong kinds');
    const dy = Array.from(col(out.shifts, 'dy'));
    const dx = Array.from(col(out.shifts, 'dx'));
    const h = Math.floor(H - 1 + Math.min(...dy)) - Math.ceil(Math.max(...dy)) + 1;
    const w = Math.floor(W - 1 + Math.min(...dx)) - Math.ceil(Math.max(...dx)) + 1;
    expect([out.registered.height, out.registered.width]).toEqual([h, w]);
    expect(h).toBeLessThan(H - 9);
    expect(out.registered.data.length).toBe(applied.length * h * w);
    expect(out.registered.data.every((v) => v > -100)).toBe(true);
  });

  it('the preview is the drift plot: dy and dx of the shifts table over the frame time', async () => {
    const out = await driftNode.run({ stack }, { ...defaults, mode: 'previous' }, testContext());
    if (out.shifts.kind !== 'table') throw new Error('wrong kinds');
    const plot = driftNode.preview!({ stack }, { ...defaults, mode: 'previous' }, 0, out);
    if (plot?.type !== 'plot') throw new Error('expected a plot preview');
    expect(plot.xAxis).toEqual({ name: 'time', unit: 's' });
    expect(plot.yAxis).toEqual({ name: 'dy, dx', unit: 'px' });
    expect(plot.series.map((s) => s.label)).toEqual(['dy', 'dx']);
    expect(Array.from(plot.series[0].x)).toEqual(Array.from(stack.frameCoords));
    expect(Array.from(plot.series[0].y)).toEqual(Array.from(col(out.shifts, 'dy')));
    expect(Array.from(plot.series[1].y)).toEqual(Array.from(col(out.shifts, 'dx')));
    // The drift it shows is the applied one (≈ −1.37 px/frame in y, relative to frame 0).
    expect(plot.series[0].y[8]).toBeCloseTo(-(applied[8][0] - applied[0][0]), 1);
    expect(driftNode.preview!({ stack }, defaults, 0, undefined)).toBeNull();
  });

  it('v1 workflows migrate with crop off', () => {
    expect(driftNode.version).toBe(2);
    expect(driftNode.migrate?.(1, { mode: 'to-reference', reference: 0 })).toEqual({ mode: 'to-reference', reference: 0, crop: false });
  });
});
