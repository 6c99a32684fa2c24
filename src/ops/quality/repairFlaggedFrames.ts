import type { PixelArray } from '../../runtime/values';

export interface RepairFlaggedFramesOptions {
  /** What to do with flagged frames: keep them, drop them, or replace each by the mean of its nearest good neighbours. */
  action: 'keep' | 'drop' | 'repair';
}

export interface RepairedFrames {
  /** `frames × height × width`, float32. */
  data: Float32Array;
  /** Indices (in the input) of the frames that were kept, in order. */
  kept: number[];
}

/**
 * Removes or repairs flagged frames of a `frames × plane` stack. `drop` keeps the good frames in
 * order; `repair` replaces a flagged frame by the mean of the nearest good frame before it and the
 * nearest good frame after it (only one of them at the ends of the series); `keep` copies. Throws
 * when repairing and no frame is good.
 */
export function repairFlaggedFrames(
  data: PixelArray | Float64Array,
  plane: number,
  flags: Uint8Array,
  options: RepairFlaggedFramesOptions,
): RepairedFrames {
  const frames = flags.length;
  if (!Number.isInteger(plane) || plane < 1 || data.length !== frames * plane) {
    throw new RangeError(`repairFlaggedFrames: data has ${data.length} values, expected frames·plane = ${frames}·${plane}`);
  }
  const good: number[] = [];
  for (let f = 0; f < frames; f++) if (!flags[f]) good.push(f);
  if (options.action === 'drop') {
    const out = new Float32Array(good.length * plane);
    good.forEach((f, i) => out.set(data.subarray(f * plane, (f + 1) * plane), i * plane));
    return { data: out, kept: good };
  }
  const out = Float32Array.from(data);
  const all = Array.from({ length: frames }, (_, f) => f);
  if (options.action === 'keep' || good.length === frames) return { data: out, kept: all };
  if (good.length === 0) throw new RangeError(`repairFlaggedFrames: all ${frames} frames are flagged, expected at least one good frame to repair from`);
  for (let f = 0; f < frames; f++) {
    if (!flags[f]) continue;
    let before = -1;
    for (let g = f - 1; g >= 0 && before < 0; g--) if (!flags[g]) before = g;
    let after = -1;
    for (let g = f + 1; g < frames && after < 0; g++) if (!flags[g]) after = g;
    const dst = out.subarray(f * plane, (f + 1) * plane);
    if (before >= 0 && after >= 0) {
      const a = before * plane;
      const b = after * plane;
      for (let i = 0; i < plane; i++) dst[i] = 0.5 * (data[a + i] + data[b + i]);
    } else {
      const g = before >= 0 ? before : after;
      dst.set(data.subarray(g * plane, (g + 1) * plane));
    }
  }
  return { data: out, kept: all };
}
