/**
 * One clock for a series and its electrochemistry: each frame time (seconds on the series' clock)
 * is put on the echem clock by `offset` (echem time = frame time + offset; for absolute time stamps,
 * offset = series origin − echem origin), and potential, current, charge (and SoC when given) are
 * interpolated linearly in time. Frames outside the echem record get NaN and `inRange` = 0.
 */
import { interpolateLinear } from '../spectrum/interpolateLinear';

export interface EchemTrace {
  /** Non-decreasing, s. */
  time: Float64Array;
  /** Quantities sampled at `time`, each interpolated at the frames (potential, current, charge, soc…). */
  values: Record<string, Float64Array>;
}

export interface SyncToEchemResult {
  /** Frame times on the echem clock (s). */
  echemTime: Float64Array;
  values: Record<string, Float64Array>;
  inRange: Uint8Array;
}

export function syncToEchem(frameTime: Float64Array, offset: number, echem: EchemTrace): SyncToEchemResult {
  const t = echem.time;
  const n = t.length;
  if (!Number.isFinite(offset)) throw new RangeError(`syncToEchem: offset = ${offset}: expected a finite number of seconds`);
  if (n < 2) throw new RangeError(`syncToEchem: echem time has ${n} samples: expected ≥ 2`);
  for (let i = 1; i < n; i++)
    if (!(t[i] >= t[i - 1])) throw new RangeError(`syncToEchem: echem time[${i}] = ${t[i]} < time[${i - 1}] = ${t[i - 1]}: expected non-decreasing times`);
  const echemTime = frameTime.map((v) => v + offset);
  const inRange = new Uint8Array(frameTime.length);
  const inside: number[] = [];
  echemTime.forEach((v, i) => {
    if (v >= t[0] && v <= t[n - 1]) {
      inRange[i] = 1;
      inside.push(i);
    }
  });
  const at = Float64Array.from(inside, (i) => echemTime[i]).sort();
  const order = [...inside].sort((a, b) => echemTime[a] - echemTime[b]);
  const values: Record<string, Float64Array> = {};
  for (const [name, y] of Object.entries(echem.values)) {
    if (y.length !== n) throw new RangeError(`syncToEchem: echem "${name}" has ${y.length} values, time ${n}: expected equal lengths`);
    const out = new Float64Array(frameTime.length).fill(NaN);
    const got = interpolateLinear(t, y, at);
    order.forEach((frame, k) => (out[frame] = got[k]));
    values[name] = out;
  }
  return { echemTime, values, inRange };
}
