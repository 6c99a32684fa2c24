/**
 * Azimuthal integration of one detector frame with a prepared plan (`prepareIntegration`), as
 * pyFAI's `integrate1d`: per bin, I = Σ signal·w / Σ norm·w over the pixels (w the pixel's share of
 * the bin: 1 without splitting), i.e. the solid-angle and polarization corrected mean intensity.
 * Masked pixels (the plan's mask; negative values — Pilatus gaps −1 and bad pixels −2 — when
 * `maskNegative`; NaN always) take no part. Empty bins get `empty`.
 */
import type { IntegrationPlan } from './prepareIntegration';

export interface AzimuthalIntegrateOptions {
  /** Exclude pixels with a negative value (Pilatus/Eiger gaps and dead pixels). @default true */
  maskNegative?: boolean;
  /** Value of a bin no pixel reaches. @default 0 */
  empty?: number;
  /** Output intensity array (npt values). @default new Float64Array(npt) */
  out?: Float64Array;
}

export interface IntegratedPattern {
  /** Bin centres in the plan's unit (the plan's own array: do not modify). */
  radial: Float64Array;
  intensity: Float64Array;
  sumSignal: Float64Array;
  sumNormalization: Float64Array;
  count: Float64Array;
}

export function azimuthalIntegrate(
  plan: IntegrationPlan,
  data: ArrayLike<number>,
  options: AzimuthalIntegrateOptions = {},
): IntegratedPattern {
  const { npt, width, height, norm, mask } = plan;
  const n = width * height;
  if (data.length !== n) throw new RangeError(`azimuthalIntegrate: data has ${data.length} values, expected width·height = ${width}·${height} = ${n}`);
  const intensity = options.out ?? new Float64Array(npt);
  if (intensity.length !== npt) throw new RangeError(`azimuthalIntegrate: out has ${intensity.length} values, expected npt = ${npt}`);
  const maskNegative = options.maskNegative ?? true;
  const empty = options.empty ?? 0;
  const sig = new Float64Array(npt);
  const nrm = new Float64Array(npt);
  const cnt = new Float64Array(npt);
  const skip = (i: number, v: number) => v !== v || (maskNegative && v < 0) || (mask !== null && mask[i] !== 0);
  if (plan.split === 'none') {
    const bin = plan.bin;
    for (let i = 0; i < n; i++) {
      const k = bin[i];
      const v = data[i];
      if (k < 0 || skip(i, v)) continue;
      sig[k] += v;
      nrm[k] += norm[i];
      cnt[k] += 1;
    }
  } else {
    const { lo, hi } = plan;
    for (let i = 0; i < n; i++) {
      const fmin = lo[i];
      const v = data[i];
      if (fmin !== fmin || skip(i, v)) continue;
      const fmax = hi[i];
      // C-style truncation, as pyFAI's `<int>` casts.
      let b0 = Math.trunc(fmin);
      let b1 = Math.trunc(fmax);
      if (b1 < 0 || b0 >= npt) continue;
      if (b1 >= npt) b1 = npt - 1;
      if (b0 < 0) b0 = 0;
      const w = norm[i];
      if (b0 === b1) {
        sig[b0] += v;
        nrm[b0] += w;
        cnt[b0] += 1;
        continue;
      }
      const da = 1 / (fmax - fmin);
      const left = (b0 + 1 - fmin) * da;
      const right = (fmax - b1) * da;
      sig[b0] += v * left;
      nrm[b0] += w * left;
      cnt[b0] += left;
      sig[b1] += v * right;
      nrm[b1] += w * right;
      cnt[b1] += right;
      for (let k = b0 + 1; k < b1; k++) {
        sig[k] += v * da;
        nrm[k] += w * da;
        cnt[k] += da;
      }
    }
  }
  for (let k = 0; k < npt; k++) intensity[k] = cnt[k] > 0 && nrm[k] !== 0 ? sig[k] / nrm[k] : empty;
  return { radial: plan.radial, intensity, sumSignal: sig, sumNormalization: nrm, count: cnt };
}
