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
 * Flags outlying rows of a `rows × features` matrix by 2-means clustering: features robustly
 * standardised ((x − median)/(1.4826·MAD); a feature with MAD 0 is left out), `kmeans` with k = 2
 * started from the coordinate-wise median and the row farthest from it, then the smaller
 * cluster is flagged when it is well separated — its centre farther than `separation` × the RMS
 * distance of the larger cluster's rows to their centre. Reasons name the three features that
 * move the flagged row most. Needs at least 3 rows; non-finite values count as the median.
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
  const dist2 = (i: number, c: Float64Array, o: number) => {
    let s = 0;
    for (let k = 0; k < d; k++) s += (z[i * d + k] - c[o + k]) ** 2;
    return s;
  };
  const origin = new Float64Array(d);
  let far = 0;
  for (let i = 1; i < rows; i++) if (dist2(i, origin, 0) > dist2(far, origin, 0)) far = i;
  const init = new Float64Array(2 * d);
  init.set(z.subarray(far * d, (far + 1) * d), d);
  const { labels, centers } = kmeans(z, d, { k: 2, init });
  let n1 = 0;
  for (let i = 0; i < rows; i++) n1 += labels[i];
  const small = n1 <= rows - n1 ? 1 : 0;
  if (n1 === rows - n1 || n1 === 0 || n1 === rows) return { flags, reasons };
  const big = 1 - small;
  let spread = 0;
  let nb = 0;
  for (let i = 0; i < rows; i++) {
    if (labels[i] !== big) continue;
    spread += dist2(i, centers, big * d);
    nb++;
  }
  const rms = Math.sqrt(spread / nb);
  let gap = 0;
  for (let k = 0; k < d; k++) gap += (centers[small * d + k] - centers[big * d + k]) ** 2;
  if (!(Math.sqrt(gap) > separation * rms)) return { flags, reasons };
  for (let i = 0; i < rows; i++) {
    if (labels[i] !== small) continue;
    flags[i] = 1;
    const top = Array.from({ length: d }, (_, k) => k)
      .sort((a, b) => Math.abs(z[i * d + b]) - Math.abs(z[i * d + a]))
      .slice(0, 3);
    reasons[i] = `cluster of ${rows - nb} (${top.map((k) => `${names[used[k]]} z=${z[i * d + k].toFixed(1)}`).join(', ')})`;
  }
  return { flags, reasons };
}
