import { backgroundCheckInput } from './backgroundCheckInput';

export interface BackgroundRollingBallOptions {
  /**
   * Radius of the ball, in points along x and in y units at once (as skimage's `radius`):
   * scale y first if the pattern's counts are much larger or smaller than its number of points.
   */
  radius: number;
  /** Output buffer (y.length); allocated when absent. */
  out?: Float64Array;
}

/**
 * Rolling-ball background of a 1-D signal, as `skimage.restoration.rolling_ball(y, radius=r)`
 * (Sternberg, Computer 16 (1983) 22): with the ball profile `k(j) = √(r² − j²)` for |j| ≤ r,
 * `b[i] = min over j of ( y[i+j] + r − k(j) )`, over the points inside the signal. O(n·r).
 */
export function backgroundRollingBall(y: ArrayLike<number>, options: BackgroundRollingBallOptions): Float64Array {
  const { radius } = options;
  backgroundCheckInput('backgroundRollingBall', y);
  if (!(radius > 0) || !Number.isFinite(radius)) throw new RangeError(`backgroundRollingBall: radius = ${radius}, expected a finite number > 0 (points)`);
  const n = y.length;
  if (options.out && options.out.length !== n) throw new RangeError(`backgroundRollingBall: out has ${options.out.length} values, expected ${n}`);
  const out = options.out ?? new Float64Array(n);
  // Kernel half-width ceil(r); offsets beyond r are outside the ball (skimage sets them to inf).
  const half = Math.min(Math.floor(radius), n - 1);
  const lift = new Float64Array(half + 1);
  for (let j = 0; j <= half; j++) lift[j] = radius - Math.sqrt(Math.max(radius * radius - j * j, 0));
  for (let i = 0; i < n; i++) {
    let m = y[i];
    const lo = Math.min(half, i);
    const hi = Math.min(half, n - 1 - i);
    for (let j = 1; j <= lo; j++) {
      const t = y[i - j] + lift[j];
      if (t < m) m = t;
    }
    for (let j = 1; j <= hi; j++) {
      const t = y[i + j] + lift[j];
      if (t < m) m = t;
    }
    out[i] = m;
  }
  return out;
}
