import { intensityHistogram, type HistogramInput } from './intensityHistogram';

export interface ThresholdMultiOtsuOptions {
  /**
   * Number of classes (2..5): returns classes − 1 thresholds.
   * @default 3
   */
  classes?: number;
  /**
   * Histogram bins for floating-point data (integer data: one bin per value, as skimage).
   * @default 256
   */
  nbins?: number;
}

export interface MultiOtsuResult {
  thresholds: number[];
  /** How the optimum was searched: as skimage (exhaustive), or an equivalent exact method. */
  notes: string[];
}

/** Integer histograms wider than this are re-binned into `nbins` equal bins (noted). */
const MAX_BINS = 4096;
/** Above this many threshold combinations, dynamic programming replaces enumeration. */
const MAX_COMBINATIONS = 2e8;

/**
 * Multi-level Otsu thresholds, as `skimage.filters.threshold_multiotsu(x, classes, nbins)`
 * (Liao, Chen & Chung, J. Inf. Sci. Eng. 17:713, 2001): the thresholds maximising the
 * between-class variance Σ S²/P over contiguous histogram classes, with skimage's float32
 * lookup table and exhaustive search in the same order (so the same optimum is found,
 * including skimage's treatment of the first bin). Returned thresholds are bin centres; label
 * with `np.digitize` semantics (value ≥ threshold goes up a class).
 *
 * Beyond skimage: when the number of combinations is very large the same objective is
 * maximised exactly by dynamic programming (ties may resolve differently), and integer data
 * spanning more than 4096 values are re-binned into `nbins` equal bins; both are reported in
 * `notes`.
 */
export function thresholdMultiOtsu(data: HistogramInput, options: ThresholdMultiOtsuOptions = {}): MultiOtsuResult {
  const classes = options.classes ?? 3;
  const nbins = options.nbins ?? 256;
  if (!Number.isInteger(classes) || classes < 2 || classes > 5) {
    throw new RangeError(`thresholdMultiOtsu: classes = ${classes}, expected an integer from 2 to 5`);
  }
  const notes: string[] = [];
  let hist = intensityHistogram(data, { nbins });
  if (hist.integerBins && hist.counts.length > MAX_BINS) {
    hist = intensityHistogram(Float64Array.from(data), { nbins });
    notes.push(
      `integer values span ${hist.counts.length > 0 ? 'more than ' + MAX_BINS : ''} levels: histogram re-binned into ${nbins} equal bins (skimage would use one bin per value)`,
    );
  }
  const { counts, centers } = hist;
  const nb = counts.length;
  let total = 0;
  for (let i = 0; i < nb; i++) total += counts[i];
  const prob = new Float32Array(nb);
  for (let i = 0; i < nb; i++) prob[i] = counts[i] / total;
  let nvalues = 0;
  for (let i = 0; i < nb; i++) if (prob[i] > 0) nvalues++;
  if (nvalues < classes) {
    throw new RangeError(`thresholdMultiOtsu: the data have only ${nvalues} different values; they cannot be split into ${classes} classes`);
  }
  const t = classes - 1;
  let idx: number[];
  if (nvalues === classes) {
    idx = [];
    for (let i = 0; i < nb && idx.length < t; i++) if (prob[i] > 0) idx.push(i);
  } else {
    const H = betweenClassLut(prob);
    if (combinations(nb - 1, t) <= MAX_COMBINATIONS) {
      idx = exhaustive(H, nb, t);
    } else {
      idx = dynamicProgramming(H, nb, t);
      notes.push(`optimum found by dynamic programming over ${nb} bins (same objective as skimage's exhaustive search)`);
    }
  }
  return { thresholds: idx.map((i) => centers[i]), notes };
}

/**
 * H[i·n + j] = S(i..j)² / P(i..j) in float32, with bin index as the value, as skimage's
 * `_set_var_btwcls_lut`: note its first-moment row starts at prob[0] (not 0·prob[0]) and H(0,0)
 * stays 0; both are kept for identical results.
 */
function betweenClassLut(prob: Float32Array): Float32Array {
  const n = prob.length;
  const f = Math.fround;
  const P = new Float32Array(n);
  const S = new Float32Array(n);
  const H = new Float32Array(n * n);
  P[0] = prob[0];
  S[0] = prob[0];
  for (let i = 1; i < n; i++) {
    P[i] = f(P[i - 1] + prob[i]);
    S[i] = f(S[i - 1] + f(i * prob[i]));
    if (P[i] > 0) H[i] = f(f(S[i] * S[i]) / P[i]);
  }
  for (let i = 1; i < n; i++) {
    for (let j = i; j < n; j++) {
      const p = f(P[j] - P[i - 1]);
      if (p > 0) {
        const s = f(S[j] - S[i - 1]);
        H[i * n + j] = f(f(s * s) / p);
      }
    }
  }
  return H;
}

function combinations(n: number, k: number): number {
  let c = 1;
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
  return c;
}

/** skimage's recursive enumeration (increasing indices, strict '>' keeps the first maximum), float32 sums. */
function exhaustive(H: Float32Array, n: number, t: number): number[] {
  const f = Math.fround;
  const cur = new Int32Array(t);
  const best = new Int32Array(t);
  let sigmaMax = 0;
  const last = n - 1;
  const recurse = (level: number, start: number): void => {
    const end = n - t + level;
    if (level < t - 1) {
      for (let k = start; k < end; k++) {
        cur[level] = k;
        recurse(level + 1, k + 1);
      }
      return;
    }
    // Same order as skimage: H(0,t0) + H(t_last+1, n−1), then the middle classes in order;
    // only the first and the last term depend on the innermost index k.
    const h0 = t === 1 ? 0 : H[cur[0]];
    let m0 = 0;
    let m1 = 0;
    if (t >= 3) m0 = H[(cur[0] + 1) * n + cur[1]];
    if (t >= 4) m1 = H[(cur[1] + 1) * n + cur[2]];
    const row = t === 1 ? 0 : (cur[t - 2] + 1) * n;
    for (let k = start; k < end; k++) {
      const tail = H[(k + 1) * n + last];
      let sigma: number;
      if (t === 1) sigma = f(H[k] + tail);
      else {
        sigma = f(h0 + tail);
        if (t >= 3) sigma = f(sigma + m0);
        if (t >= 4) sigma = f(sigma + m1);
        sigma = f(sigma + H[row + k]);
      }
      if (sigma > sigmaMax) {
        sigmaMax = sigma;
        cur[level] = k;
        best.set(cur);
      }
    }
  };
  recurse(0, 0);
  return Array.from(best);
}

/** Exact maximisation of the same objective in O(t·n²); ties keep the smallest indices. */
function dynamicProgramming(H: Float32Array, n: number, t: number): number[] {
  // best[c][j]: max over splits of bins 0..j into c+1 classes; arg[c][j]: start of the last class.
  const best: Float64Array[] = [];
  const arg: Int32Array[] = [];
  best.push(Float64Array.from({ length: n }, (_, j) => H[j]));
  arg.push(new Int32Array(n));
  for (let c = 1; c <= t; c++) {
    const b = new Float64Array(n).fill(-Infinity);
    const a = new Int32Array(n);
    const prev = best[c - 1];
    for (let j = c; j < n; j++) {
      let m = -Infinity;
      let at = c;
      for (let i = c; i <= j; i++) {
        const v = prev[i - 1] + H[i * n + j];
        if (v > m) {
          m = v;
          at = i;
        }
      }
      b[j] = m;
      a[j] = at;
    }
    best.push(b);
    arg.push(a);
  }
  const idx = new Array<number>(t);
  let j = n - 1;
  for (let c = t; c >= 1; c--) {
    const start = arg[c][j];
    idx[c - 1] = start - 1;
    j = start - 1;
  }
  return idx;
}
