import { kmeans } from '../segment/kmeans';
import { columnMedianMad } from './columnMedianMad';
import type { OutlierResult } from './robustZScoreOutliers';

export interface KMeansOutliersOptions {
  /**
   * The smaller cluster is flagged only when its centre lies farther than this many RMS radii of
   * the larger cluster from the larger cluster's centre.
   * @default 4
   */
  separation?: number;
  /** Feature names (one per column), used in the reasons; default `f0`, `f1`, …. */
  names?: readonly string[];
}

/**
 * Flags outlying rows of a `rows × features` matrix by repeated 2-means clustering: features
 * robustly standardised ((x − median)/(1.4826·MAD); a feature with MAD 0 is left out), `kmeans`
 * with k = 2 started from the coordinate-wise median and the row farthest from it; the smaller
 * cluster is flagged when it is well separated — its centre farther than `separation` × the RMS
 * distance of the larger cluster's rows to their centre — and the remaining rows are clustered
 * again, so outliers of different kinds (blurred, noisy, dark) are peeled off one group at a
 * time. Stops when the split is not well separated. Reasons name the round and the three features
 * that move the flagged row most. Needs at least 3 rows; non-finite values count as the median.
 */
export function kMeansOutliers(
  features: Float64Array,
  rows: number,
  cols: number,
  options: KMeansOutliersOptions = {},
): OutlierResult {
  const separation = options.separation ?? 4;
  if (!(separation > 0)) throw new RangeError(`kMeansOutliers: separation = ${separation}, expected a number > 0`);
  const { median, mad } = columnMedianMad(features, rows, cols);
  if (rows < 3) throw new RangeError(`kMeansOutliers: ${rows} rows, expected at least 3 to cluster`);
  const names = options.names ?? Array.from({ length: cols }, (_, j) => `f${j}`);
  if (names.length !== cols) throw new RangeError(`kMeansOutliers: names has ${names.length} entries, expected ${cols}`);
  const used: number[] = [];
  for (let j = 0; j < cols; j++) if (mad[j] > 0) used.push(j);
  const flags = new Uint8Array(rows);
  const reasons = new Array<string>(rows).fill('');
  const d = used.length;
  if (d === 0) return { flags, reasons };
  const z = new Float64Array(rows * d);
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < d; k++) {
      const j = used[k];
      const v = features[i * cols + j];
      z[i * d + k] = Number.isFinite(v) ? (v - median[j]) / (1.4826 * mad[j]) : 0;
    }
  }
  // Peel: cluster the rows not yet flagged; flag a well-separated smaller cluster; repeat.
  let rest = Array.from({ length: rows }, (_, i) => i);
  for (let round = 1; rest.length >= 3; round++) {
    const n = rest.length;
    const x = new Float64Array(n * d);
    rest.forEach((i, r) => x.set(z.subarray(i * d, (i + 1) * d), r * d));
    const dist2 = (r: number, c: Float64Array, o: number) => {
      let t = 0;
      for (let k = 0; k < d; k++) t += (x[r * d + k] - c[o + k]) ** 2;
      return t;
    };
    // Start from the coordinate-wise median (the origin) and the row farthest from it.
    const origin = new Float64Array(d);
    let far = 0;
    for (let r = 1; r < n; r++) if (dist2(r, origin, 0) > dist2(far, origin, 0)) far = r;
    const init = new Float64Array(2 * d);
    init.set(x.subarray(far * d, (far + 1) * d), d);
    const { labels, centers } = kmeans(x, d, { k: 2, init });
    let n1 = 0;
    for (let r = 0; r < n; r++) n1 += labels[r];
    if (n1 === 0 || n1 === n || 2 * n1 === n) break;
    const small = 2 * n1 < n ? 1 : 0;
    const big = 1 - small;
    let spread = 0;
    for (let r = 0; r < n; r++) if (labels[r] === big) spread += dist2(r, centers, big * d);
    const nSmall = small ? n1 : n - n1;
    const rms = Math.sqrt(spread / (n - nSmall));
    let gap = 0;
    for (let k = 0; k < d; k++) gap += (centers[small * d + k] - centers[big * d + k]) ** 2;
    if (!(Math.sqrt(gap) > separation * rms)) break;
    for (let r = 0; r < n; r++) {
      if (labels[r] !== small) continue;
      const i = rest[r];
      flags[i] = 1;
      const top = Array.from({ length: d }, (_, k) => k)
        .sort((a, b) => Math.abs(z[i * d + b]) - Math.abs(z[i * d + a]))
        .slice(0, 3);
      reasons[i] = `round ${round}, cluster of ${nSmall} (${top.map((k) => `${names[used[k]]} z=${z[i * d + k].toFixed(1)}`).join(', ')})`;
    }
    rest = rest.filter((i) => !flags[i]);
  }
  return { flags, reasons };
}
