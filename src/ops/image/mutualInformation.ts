export interface MutualInformationOptions {
  /**
   * Histogram bins per image (intensities mapped linearly from each image's [min, max]).
   * @default 32
   */
  bins?: number;
  /**
   * Parzen windowing as Mattes et al. (IEEE TMI 22:120, 2003): each `b` value spreads over 4 bins with
   * cubic B-spline weights (a smooth function of the transform, for optimisers); `a` values are binned
   * directly. false: plain joint histogram, as `numpy.histogram2d(a, b, bins)`.
   * @default true
   */
  parzen?: boolean;
  /** Intensity range of `a` used for binning. @default [min, max] of the counted values */
  rangeA?: [number, number];
  /** Intensity range of `b` used for binning. @default [min, max] of the counted values */
  rangeB?: [number, number];
}

/**
 * Mutual information I(A;B) = Σ p(a,b)·ln(p(a,b)/(p(a)·p(b))) (nats) of two images of equal size
 * from their joint intensity histogram. Pixels where either value is NaN are left out (e.g. the
 * part of a warped image that came from outside it). Histogram MI is the similarity of choice for
 * images of different modalities (Viola & Wells 1997; Maes et al. 1997): it only asks that one
 * image's intensities predict the other's, through any mapping.
 */
export function mutualInformation(a: ArrayLike<number>, b: ArrayLike<number>, options: MutualInformationOptions = {}): number {
  const bins = options.bins ?? 32;
  const parzen = options.parzen ?? true;
  if (a.length !== b.length) throw new RangeError(`mutualInformation: a has ${a.length} values, b ${b.length}: expected equal sizes`);
  if (!Number.isInteger(bins) || bins < 2 || bins > 1024) throw new RangeError(`mutualInformation: bins = ${bins}, expected an integer in 2…1024`);
  let [aMin, aMax] = options.rangeA ?? [Infinity, -Infinity];
  let [bMin, bMax] = options.rangeB ?? [Infinity, -Infinity];
  let count = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x !== x || y !== y) continue;
    count++;
    if (!options.rangeA) {
      if (x < aMin) aMin = x;
      if (x > aMax) aMax = x;
    }
    if (!options.rangeB) {
      if (y < bMin) bMin = y;
      if (y > bMax) bMax = y;
    }
  }
  if (count === 0 || !(aMax > aMin) || !(bMax > bMin)) return 0;
  // Parzen: b is placed on a continuous bin axis padded by 2 bins each side for the B-spline support.
  const pad = parzen ? 2 : 0;
  const nb = bins + 2 * pad;
  const joint = new Float64Array(bins * nb);
  const sa = bins / (aMax - aMin);
  const sb = (parzen ? bins - 1 : bins) / (bMax - bMin);
  let total = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x !== x || y !== y) continue;
    if (x < aMin || x > aMax || y < bMin || y > bMax) continue;
    const ia = Math.min(Math.floor((x - aMin) * sa), bins - 1);
    const row = ia * nb;
    if (!parzen) {
      joint[row + Math.min(Math.floor((y - bMin) * sb), bins - 1)]++;
    } else {
      const t = (y - bMin) * sb + pad;
      const j = Math.floor(t);
      const f = t - j;
      const u = 1 - f;
      joint[row + j - 1] += (u * u * u) / 6;
      joint[row + j] += (4 - 6 * f * f + 3 * f * f * f) / 6;
      joint[row + j + 1] += (1 + 3 * f + 3 * f * f - 3 * f * f * f) / 6;
      joint[row + j + 2] += (f * f * f) / 6;
    }
    total++;
  }
  if (total === 0) return 0;
  const pa = new Float64Array(bins);
  const pb = new Float64Array(nb);
  for (let i = 0; i < bins; i++) {
    for (let j = 0; j < nb; j++) {
      const v = joint[i * nb + j];
      pa[i] += v;
      pb[j] += v;
    }
  }
  let mi = 0;
  for (let i = 0; i < bins; i++) {
    if (pa[i] === 0) continue;
    for (let j = 0; j < nb; j++) {
      const v = joint[i * nb + j];
      if (v > 0) mi += (v / total) * Math.log((v * total) / (pa[i] * pb[j]));
    }
  }
  return mi;
}
