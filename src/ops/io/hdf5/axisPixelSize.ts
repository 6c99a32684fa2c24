import type { PixelSize } from '../../../runtime/values';

const MICRO = /^[μµu]m$/; // Greek mu (NeXus files write U+03BC), micro sign, ASCII u

/**
 * Pixel size from the x and y axis coordinates of an image (NeXus NXdata axes, e.g. an NXstxm
 * sample_x / sample_y): the mean spacing |last − first| / (n − 1) of each, when both are regular
 * (every step within `tolerance` of the mean, as stage positions are) and in the same unit;
 * `null` otherwise. µm is written with the micro sign whatever the file used.
 */
export function axisPixelSize(x: Float64Array, y: Float64Array, unitX: string, unitY: string, tolerance = 0.01): PixelSize | null {
  const step = (a: Float64Array): number | null => {
    if (a.length < 2) return null;
    const s = (a[a.length - 1] - a[0]) / (a.length - 1);
    if (!Number.isFinite(s) || s === 0) return null;
    for (let i = 1; i < a.length; i++) if (Math.abs(a[i] - a[i - 1] - s) > tolerance * Math.abs(s)) return null;
    return Math.abs(s);
  };
  const norm = (u: string): string => (MICRO.test(u.trim()) ? 'µm' : u.trim());
  const sx = step(x);
  const sy = step(y);
  if (sx === null || sy === null || norm(unitX) !== norm(unitY)) return null;
  return { x: Number(sx.toPrecision(12)), y: Number(sy.toPrecision(12)), unit: norm(unitX) };
}
