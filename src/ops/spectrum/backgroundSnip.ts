import { backgroundCheckInput } from './backgroundCheckInput';

export interface BackgroundSnipOptions {
  /**
   * Largest clipping half-window p, in points: about the half-width (at the base) of the widest
   * peak. Windows p = 1…iterations are applied in turn.
   */
  iterations: number;
  /**
   * Work on `v = ln(ln(√(y+1)+1)+1)` (the LLS operator of Morháč et al.), which flattens the
   * dynamic range so weak peaks on a strong background are clipped alike; needs y ≥ 0.
   * @default true
   */
  lls?: boolean;
  /**
   * Apply the windows from the largest down to 1 (Morháč's decreasing clipping window), which
   * gives a smoother background at sharp curvature.
   * @default false
   */
  decreasing?: boolean;
  /** Output buffer (y.length); allocated when absent. */
  out?: Float64Array;
}

/**
 * SNIP background (Statistics-sensitive Non-linear Iterative Peak-clipping; C. G. Ryan et al.,
 * Nucl. Instrum. Methods B 34 (1988) 396; M. Morháč et al., Nucl. Instrum. Methods A 401 (1997)
 * 113): for each window p, `v[i] ← min(v[i], (v[i−p] + v[i+p])/2)` for p ≤ i < n − p (the first and
 * last p points are not clipped at that window), optionally inside the LLS transform. As the
 * numpy reference in scripts/fixtures/intensity_background.py (the classic loop described by
 * pybaselines' `snip`, without its edge padding or smoothing).
 */
export function backgroundSnip(y: ArrayLike<number>, options: BackgroundSnipOptions): Float64Array {
  const { iterations } = options;
  const lls = options.lls ?? true;
  const decreasing = options.decreasing ?? false;
  backgroundCheckInput('backgroundSnip', y);
  if (!Number.isInteger(iterations) || iterations < 1) throw new RangeError(`backgroundSnip: iterations = ${iterations}, expected an integer ≥ 1`);
  const n = y.length;
  if (options.out && options.out.length !== n) throw new RangeError(`backgroundSnip: out has ${options.out.length} values, expected ${n}`);
  let v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (lls && y[i] < 0) throw new RangeError(`backgroundSnip: y[${i}] = ${y[i]}, expected y ≥ 0 with the LLS operator (switch it off for signed data)`);
    v[i] = lls ? Math.log(Math.log(Math.sqrt(y[i] + 1) + 1) + 1) : y[i];
  }
  let w = new Float64Array(n);
  for (let k = 1; k <= iterations; k++) {
    const p = decreasing ? iterations + 1 - k : k;
    if (2 * p >= n) continue;
    w.set(v);
    for (let i = p; i < n - p; i++) {
      const m = 0.5 * (v[i - p] + v[i + p]);
      if (m < v[i]) w[i] = m;
    }
    [v, w] = [w, v];
  }
  const out = options.out ?? new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (lls) {
      const e = Math.exp(Math.exp(v[i]) - 1) - 1;
      out[i] = e * e - 1;
    } else out[i] = v[i];
  }
  return out;
}
