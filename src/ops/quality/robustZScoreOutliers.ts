import { robustZScores } from './robustZScores';

export interface RobustZScoreOutliersOptions {
  /**
   * A frame is flagged when |z| exceeds this for any feature (Iglewicz & Hoaglin recommend 3.5).
   * @default 3.5
   */
  threshold?: number;
  /** Feature names (one per column), used in the reasons; default `f0`, `f1`, …. */
  names?: readonly string[];
}

export interface OutlierResult {
  /** 1 for a flagged row, 0 otherwise. */
  flags: Uint8Array;
  /** Why each row was flagged ('' when it was not), e.g. `laplacianVariance z=−8.1`. */
  reasons: string[];
}

/**
 * Flags outlying rows of a `rows × features` matrix (row-major) by the modified z-score of
 * Iglewicz & Hoaglin (1993): per feature z = 0.6745·(x − median)/MAD, MAD = median |x − median|;
 * a row is flagged when any |z| > threshold. Robust: up to half the rows may be outliers without
 * moving median or MAD. A feature whose MAD is 0 (most rows equal) flags the rows that differ
 * from the median. Non-finite values are flagged with reason `feature=NaN`.
 */
export function robustZScoreOutliers(
  features: Float64Array,
  rows: number,
  cols: number,
  options: RobustZScoreOutliersOptions = {},
): OutlierResult {
  const threshold = options.threshold ?? 3.5;
  if (!(threshold > 0)) throw new RangeError(`robustZScoreOutliers: threshold = ${threshold}, expected a number > 0`);
  const zs = robustZScores(features, rows, cols);
  const names = options.names ?? Array.from({ length: cols }, (_, j) => `f${j}`);
  if (names.length !== cols) throw new RangeError(`robustZScoreOutliers: names has ${names.length} entries, expected ${cols}`);
  const flags = new Uint8Array(rows);
  const why: string[][] = Array.from({ length: rows }, () => []);
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) {
      const v = features[i * cols + j];
      if (!Number.isFinite(v)) {
        why[i].push(`${names[j]}=${v}`);
        continue;
      }
      const z = zs[i * cols + j];
      if (Math.abs(z) > threshold) why[i].push(`${names[j]} z=${Number.isFinite(z) ? z.toFixed(1) : z > 0 ? '+∞' : '−∞'}`);
    }
  }
  for (let i = 0; i < rows; i++) flags[i] = why[i].length ? 1 : 0;
  return { flags, reasons: why.map((w) => w.join('; ')) };
}
