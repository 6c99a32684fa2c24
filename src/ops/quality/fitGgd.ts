import { gamma } from './gamma';
import { shapeGrid } from './shapeGrid';

export interface GgdFit {
  /** Shape α (2 = Gaussian, 1 = Laplacian), on the grid 0.2:0.001:10. */
  alpha: number;
  /** Variance σ² = mean(x²) (zero-mean model). */
  sigma2: number;
}

const RATIO = { key: 'ggd', ratio: (a: number) => (gamma(1 / a) * gamma(3 / a)) / gamma(2 / a) ** 2 };

/**
 * Zero-mean generalised Gaussian fit by moment matching, as BRISQUE's `estimateggdparam.m`
 * (Mittal et al., IEEE TIP 21:4695, 2012; Sharifi & Leon-Garcia 1995): ρ = E[x²]/E[|x|]², and α is
 * the grid value minimising |ρ − Γ(1/α)Γ(3/α)/Γ(2/α)²|. Throws on empty or all-zero data.
 */
export function fitGgd(x: ArrayLike<number>): GgdFit {
  const n = x.length;
  let s2 = 0;
  let s1 = 0;
  for (let i = 0; i < n; i++) {
    s2 += x[i] * x[i];
    s1 += Math.abs(x[i]);
  }
  if (!(n > 0 && s1 > 0) || !Number.isFinite(s2)) {
    throw new RangeError(`fitGgd: x has ${n} values with Σ|x| = ${s1}, expected finite values not all zero`);
  }
  const sigma2 = s2 / n;
  const rho = sigma2 / (s1 / n) ** 2;
  const grid = shapeGrid();
  const r = shapeGrid(RATIO);
  let best = 0;
  let bestD = Infinity;
  for (let i = 0; i < r.length; i++) {
    const d = Math.abs(rho - r[i]);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return { alpha: grid[best], sigma2 };
}
