/**
 * Assembles single scans into a series on a shared x axis (operando XANES, XRD):
 * - order by start time stamp (`time`) or by file name with numbers compared as numbers (`name`);
 *   `time` falls back to name order, with a warning, when a scan has no time stamp;
 * - if all x arrays are identical they are the shared axis; otherwise every scan is interpolated
 *   linearly onto the first scan's x, restricted to the range common to all scans (warning);
 * - time of each frame in seconds (to 1 µs) since the earliest time stamp, which becomes `timeOrigin`;
 *   without time stamps, the frame index (warning).
 */
import { interpolateLinear } from './interpolateLinear';

export interface Scan {
  label: string;
  /** Increasing x. */
  x: Float64Array;
  y: Float64Array;
  startTime: { iso: string; seconds: number } | null;
}

export interface SpectraFromScansOptions {
  /** Frame order. @default 'time' */
  order?: 'time' | 'name';
}

export interface ScanSeries {
  x: Float64Array;
  /** Row-major frames × points. */
  y: Float64Array;
  frames: number;
  points: number;
  time: Float64Array;
  labels: string[];
  /** ISO time of t = 0 (earliest stamp), when all scans have one. */
  timeOrigin: string | undefined;
  /** Index into the input of each frame. */
  order: number[];
  warnings: string[];
}

const byName = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function spectraFromScans(scans: Scan[], options: SpectraFromScansOptions = {}): ScanSeries {
  if (scans.length === 0) throw new RangeError('spectraFromScans: scans is empty: expected at least one scan');
  for (const s of scans)
    if (s.x.length < 2 || s.y.length !== s.x.length)
      throw new RangeError(`spectraFromScans: scan "${s.label}" has ${s.x.length} x and ${s.y.length} y values: expected ≥ 2 and equal`);
  const warnings: string[] = [];
  const allStamped = scans.every((s) => s.startTime !== null);
  const unstamped = scans.filter((s) => s.startTime === null).map((s) => s.label);
  const idx = scans.map((_, i) => i);
  const nameCmp = (a: number, b: number) => byName.compare(scans[a].label, scans[b].label);
  let order: number[];
  if ((options.order ?? 'time') === 'time' && scans.length > 1) {
    if (allStamped) order = idx.sort((a, b) => scans[a].startTime!.seconds - scans[b].startTime!.seconds || nameCmp(a, b));
    else {
      warnings.push(`no time stamp in ${unstamped.join(', ')}: frames ordered by file name`);
      order = idx.sort(nameCmp);
    }
  } else order = idx.sort(nameCmp);

  const frames = order.length;
  const time = new Float64Array(frames);
  let timeOrigin: string | undefined;
  if (allStamped) {
    let t0 = Infinity;
    for (const s of scans)
      if (s.startTime!.seconds < t0) {
        t0 = s.startTime!.seconds;
        timeOrigin = s.startTime!.iso;
      }
    // Rounded to 1 µs: stamps carry at most that resolution, and the subtraction of two ~1e9 s
    // values would otherwise show float noise (687.0160000324 instead of 687.016).
    order.forEach((k, f) => (time[f] = Math.round((scans[k].startTime!.seconds - t0) * 1e6) / 1e6));
  } else {
    order.forEach((_, f) => (time[f] = f));
    if (frames > 1) warnings.push(`time axis is the frame index (0, 1, 2, …), not seconds: not every file has a time stamp`);
  }

  const ref = scans[order[0]];
  const same = scans.every((s) => s.x.length === ref.x.length && s.x.every((v, i) => v === ref.x[i]));
  let x: Float64Array;
  if (same) x = Float64Array.from(ref.x);
  else {
    let lo = -Infinity;
    let hi = Infinity;
    for (const s of scans) {
      lo = Math.max(lo, s.x[0]);
      hi = Math.min(hi, s.x[s.x.length - 1]);
    }
    x = ref.x.filter((v) => v >= lo && v <= hi);
    if (x.length < 2)
      throw new RangeError(
        `spectraFromScans: the x ranges of the scans do not overlap (${scans.map((s) => `${s.label}: ${s.x[0]}…${s.x[s.x.length - 1]}`).join('; ')}): expected a common range`,
      );
    warnings.push(
      `x axes differ between files: every spectrum interpolated linearly onto the x of ${ref.label} within the common range ${lo}…${hi} (${x.length} of ${ref.x.length} points)`,
    );
  }
  const points = x.length;
  const y = new Float64Array(frames * points);
  order.forEach((k, f) => {
    const s = scans[k];
    const row = y.subarray(f * points, (f + 1) * points);
    if (same) row.set(s.y);
    else interpolateLinear(s.x, s.y, x, row);
  });
  return { x, y, frames, points, time, labels: order.map((k) => scans[k].label), timeOrigin, order, warnings };
}
