import { gamma } from './gamma';
import { shapeGrid } from './shapeGrid';

export interface AggdFit {
  /** Shape α on the grid 0.2:0.001:10. */
  alpha: number;
  /** Mean of the fitted distribution: (σr − σl)·Γ(2/α)/Γ(1/α)·√(Γ(1/α)/Γ(3/α)). */
  mean: number;
  /** Left variance σl² = mean of x² over x < 0. */
  sigmaL2: number;
  /** Right variance σr² = mean of x² over x > 0. */
  sigmaR2: number;
}

const RATIO = { key: 'aggd', ratio: (a: number) => gamma(2 / a) ** 2 / (gamma(1 / a) * gamma(3 / a)) };

/**
 * Asymmetric generalised Gaussian fit by moment matching, as BRISQUE's `estimateaggdparam.m` and
 * the mean feature of `brisque_feature.m` (Mittal et al., IEEE TIP 21:4695, 2012; Lasmar et al.,
 * ICIP 2009): γ̂ = σl/σr, r̂ = E[|x|]²/E[x²], R̂ = r̂(γ̂³+1)(γ̂+1)/(γ̂²+1)², α = the grid value
 * minimising (Γ(2/α)²/(Γ(1/α)Γ(3/α)) − R̂)². Needs values on both sides of 0.
 */
export function fitAggd(x: ArrayLike<number>): AggdFit {
  const n = x.length;
  let l2 = 0;
  let nl = 0;
  let r2 = 0;
  let nr = 0;
  let s1 = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (v < 0) {
      l2 += v * v;
      nl++;
    } else if (v > 0) {
      r2 += v * v;
      nr++;
    }
    s1 += Math.abs(v);
  }
  if (nl === 0 || nr === 0 || !Number.isFinite(l2 + r2)) {
    throw new RangeError(`fitAggd: x has ${nl} negative and ${nr} positive values, expected finite values on both sides of 0`);
  }
  const left = Math.sqrt(l2 / nl);
  const right = Math.sqrt(r2 / nr);
  const g = left / right;
  const rhat = (s1 / n) ** 2 / ((l2 + r2) / n);
  const rn = (rhat * (g ** 3 + 1) * (g + 1)) / (g ** 2 + 1) ** 2;
  const grid = shapeGrid();
  const r = shapeGrid(RATIO);
  let best = 0;
  let bestD = Infinity;
  for (let i = 0; i < r.length; i++) {
    const d = (r[i] - rn) ** 2;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  const a = grid[best];
  const mean = (right - left) * (gamma(2 / a) / gamma(1 / a)) * Math.sqrt(gamma(1 / a) / gamma(3 / a));
  return { alpha: a, mean, sigmaL2: left * left, sigmaR2: right * right };
}
