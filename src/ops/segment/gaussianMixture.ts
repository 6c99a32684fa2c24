import { assertSamples, orderByFirstFeature, permuteRows, type SampleMatrix } from './assertSamples';
import { kmeans } from './kmeans';

export interface GaussianMixtureOptions {
  /** Number of components, 1..255. */
  k: number;
  /**
   * 'full': one full covariance matrix per component; 'diag': per-feature variances only.
   * @default 'full'
   */
  covariance?: 'full' | 'diag';
  /**
   * Seed of the k-means initialisation.
   * @default 0
   */
  seed?: number;
  /**
   * Maximum number of EM iterations.
   * @default 100
   */
  maxIter?: number;
  /**
   * Stop when the mean log-likelihood per sample changes by less than this.
   * @default 1e-3
   */
  tol?: number;
  /**
   * Added to the covariance diagonals (keeps them positive definite).
   * @default 1e-6
   */
  regCovar?: number;
  /** Initial labels (one per sample, 0..k−1); k-means (same seed) when absent. */
  initLabels?: Uint8Array;
}

export interface GaussianMixtureResult {
  /** Mixing weights, ordered by increasing mean of feature 0. */
  weights: Float64Array;
  /** `k × features`. */
  means: Float64Array;
  /** `k × features × features` ('full') or `k × features` ('diag'). */
  covariances: Float64Array;
  /** Most probable component of each sample. */
  labels: Uint8Array;
  /** Mean log-likelihood per sample at the last E step before convergence. */
  logLikelihood: number;
  iterations: number;
  converged: boolean;
}

const LOG_2PI = Math.log(2 * Math.PI);
const EPS10 = 10 * 2.220446049250313e-16;

/** M step: weights, means, covariances from responsibilities `resp` (n × k). */
function mStep(
  x: SampleMatrix, n: number, d: number, k: number, resp: Float64Array, full: boolean, reg: number,
): { weights: Float64Array; means: Float64Array; cov: Float64Array } {
  const nk = new Float64Array(k);
  const means = new Float64Array(k * d);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const r = resp[i * k + c];
      if (r === 0) continue;
      nk[c] += r;
      for (let j = 0; j < d; j++) means[c * d + j] += r * x[i * d + j];
    }
  }
  for (let c = 0; c < k; c++) {
    nk[c] += EPS10;
    for (let j = 0; j < d; j++) means[c * d + j] /= nk[c];
  }
  const size = full ? d * d : d;
  const cov = new Float64Array(k * size);
  const diff = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const r = resp[i * k + c];
      if (r === 0) continue;
      for (let j = 0; j < d; j++) diff[j] = x[i * d + j] - means[c * d + j];
      if (full) {
        for (let a = 0; a < d; a++) for (let b = 0; b <= a; b++) cov[c * size + a * d + b] += r * diff[a] * diff[b];
      } else {
        for (let j = 0; j < d; j++) cov[c * size + j] += r * diff[j] * diff[j];
      }
    }
  }
  for (let c = 0; c < k; c++) {
    if (full) {
      for (let a = 0; a < d; a++) {
        for (let b = 0; b <= a; b++) {
          const v = cov[c * size + a * d + b] / nk[c];
          cov[c * size + a * d + b] = v;
          cov[c * size + b * d + a] = v;
        }
        cov[c * size + a * d + a] += reg;
      }
    } else {
      for (let j = 0; j < d; j++) cov[c * size + j] = cov[c * size + j] / nk[c] + reg;
    }
  }
  const weights = Float64Array.from(nk, (v) => v / n);
  return { weights, means, cov };
}

/** Lower Cholesky factors of the full covariances (throws when one is not positive definite). */
function choleskyAll(cov: Float64Array, k: number, d: number): Float64Array {
  const L = new Float64Array(k * d * d);
  for (let c = 0; c < k; c++) {
    const o = c * d * d;
    for (let a = 0; a < d; a++) {
      for (let b = 0; b <= a; b++) {
        let s = cov[o + a * d + b];
        for (let m = 0; m < b; m++) s -= L[o + a * d + m] * L[o + b * d + m];
        if (a === b) {
          if (!(s > 0)) throw new RangeError(`gaussianMixture: covariance of component ${c} is not positive definite; increase regCovar`);
          L[o + a * d + a] = Math.sqrt(s);
        } else L[o + a * d + b] = s / L[o + b * d + b];
      }
    }
  }
  return L;
}

/** E step: log responsibilities into `resp` (as probabilities); returns the mean log-likelihood. */
function eStep(
  x: SampleMatrix, n: number, d: number, k: number, weights: Float64Array, means: Float64Array, cov: Float64Array,
  full: boolean, resp: Float64Array,
): number {
  const L = full ? choleskyAll(cov, k, d) : cov;
  const logNorm = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let logDet = 0;
    for (let j = 0; j < d; j++) logDet += full ? Math.log(L[c * d * d + j * d + j]) : 0.5 * Math.log(cov[c * d + j]);
    logNorm[c] = Math.log(weights[c]) - 0.5 * d * LOG_2PI - logDet;
  }
  const z = new Float64Array(d);
  const lp = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) {
      let q = 0;
      if (full) {
        const o = c * d * d;
        for (let a = 0; a < d; a++) {
          let s = x[i * d + a] - means[c * d + a];
          for (let m = 0; m < a; m++) s -= L[o + a * d + m] * z[m];
          z[a] = s / L[o + a * d + a];
          q += z[a] * z[a];
        }
      } else {
        for (let j = 0; j < d; j++) q += (x[i * d + j] - means[c * d + j]) ** 2 / cov[c * d + j];
      }
      lp[c] = logNorm[c] - 0.5 * q;
      if (lp[c] > max) max = lp[c];
    }
    let s = 0;
    for (let c = 0; c < k; c++) s += Math.exp(lp[c] - max);
    const lse = max + Math.log(s);
    total += lse;
    for (let c = 0; c < k; c++) resp[i * k + c] = Math.exp(lp[c] - lse);
  }
  return total / n;
}

/**
 * Gaussian mixture fitted by expectation–maximisation, as `sklearn.mixture.GaussianMixture(
 * n_components=k, covariance_type='full'|'diag', tol=1e-3, reg_covar=1e-6, max_iter=100,
 * init_params='kmeans', n_init=1)`: responsibilities initialised from k-means labels, M step, then
 * E/M steps until the mean log-likelihood changes by less than `tol`; samples get the component of
 * highest responsibility after a final E step. Components are ordered by increasing mean of
 * feature 0. (Dempster, Laird & Rubin 1977.)
 */
export function gaussianMixture(data: SampleMatrix, features: number, options: GaussianMixtureOptions): GaussianMixtureResult {
  const { k } = options;
  const n = assertSamples('gaussianMixture', data, features, k);
  const d = features;
  const full = (options.covariance ?? 'full') === 'full';
  if (options.covariance !== undefined && options.covariance !== 'full' && options.covariance !== 'diag') {
    throw new RangeError(`gaussianMixture: covariance = ${JSON.stringify(options.covariance)}, expected 'full' or 'diag'`);
  }
  const maxIter = options.maxIter ?? 100;
  const tol = options.tol ?? 1e-3;
  const reg = options.regCovar ?? 1e-6;
  if (!Number.isInteger(maxIter) || maxIter < 1) throw new RangeError(`gaussianMixture: maxIter = ${maxIter}, expected a positive integer`);
  if (!(tol >= 0)) throw new RangeError(`gaussianMixture: tol = ${tol}, expected a number ≥ 0`);
  if (!(reg >= 0)) throw new RangeError(`gaussianMixture: regCovar = ${reg}, expected a number ≥ 0`);
  let init = options.initLabels;
  if (init && init.length !== n) throw new RangeError(`gaussianMixture: initLabels has ${init.length} values, expected ${n} (one per sample)`);
  init ??= kmeans(data, d, { k, seed: options.seed ?? 0 }).labels;

  const resp = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    if (init[i] >= k) throw new RangeError(`gaussianMixture: initLabels[${i}] = ${init[i]}, expected < k = ${k}`);
    resp[i * k + init[i]] = 1;
  }
  let { weights, means, cov } = mStep(data, n, d, k, resp, full, reg);
  let lower = -Infinity;
  let converged = false;
  let iterations = 0;
  for (let it = 1; it <= maxIter; it++) {
    iterations = it;
    const prev = lower;
    lower = eStep(data, n, d, k, weights, means, cov, full, resp);
    ({ weights, means, cov } = mStep(data, n, d, k, resp, full, reg));
    if (Math.abs(lower - prev) < tol) {
      converged = true;
      break;
    }
  }
  eStep(data, n, d, k, weights, means, cov, full, resp);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (resp[i * k + c] > resp[i * k + best]) best = c;
    labels[i] = best;
  }
  const perm = orderByFirstFeature(means, k, d, labels);
  return {
    weights: permuteRows(weights, perm, 1),
    means: permuteRows(means, perm, d),
    covariances: permuteRows(cov, perm, full ? d * d : d),
    labels,
    logLikelihood: lower,
    iterations,
    converged,
  };
}
