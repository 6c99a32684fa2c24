/**
 * FFT plans: the only state of `src/ops/fft`.
 *
 * A plan holds what depends only on the transform length: the fft.js instance (radix-4, powers of
 * two), and for other lengths Bluestein's chirp and the FFT of its conjugate, plus scratch buffers.
 * Building a plan costs O(n log n) and allocates; images run thousands of transforms of the same
 * few lengths, so plans are kept here, keyed by length. Plans are used synchronously (one transform
 * at a time per thread), which is what makes sharing the scratch buffers safe.
 */
import FFT from 'fft.js';

export interface Pow2Plan {
  kind: 'pow2';
  n: number;
  fft: FFT;
  /** Interleaved complex scratch, 2n. */
  input: Float64Array;
  output: Float64Array;
}

export interface BluesteinPlan {
  kind: 'bluestein';
  n: number;
  /** Padded length, power of two ≥ 2n − 1. */
  m: number;
  inner: Pow2Plan;
  /** Chirp w_k = exp(−iπk²/n), k < n. */
  chirpRe: Float64Array;
  chirpIm: Float64Array;
  /** FFT (length m) of the conjugate chirp, wrapped: interleaved complex. */
  kernel: Float64Array;
}

export type FftPlan = { kind: 'trivial'; n: 1 } | Pow2Plan | BluesteinPlan;

const plans = new Map<number, FftPlan>();
/** Lengths kept at most; beyond, the oldest plan is dropped (Map keeps insertion order). */
const MAX_PLANS = 64;

function makePow2(n: number): Pow2Plan {
  return {
    kind: 'pow2',
    n,
    fft: new FFT(n),
    input: new Float64Array(2 * n),
    output: new Float64Array(2 * n),
  };
}

function makeBluestein(n: number): BluesteinPlan {
  let m = 1;
  while (m < 2 * n - 1) m *= 2;
  const inner = getPow2(m);
  const chirpRe = new Float64Array(n);
  const chirpIm = new Float64Array(n);
  const twoN = 2 * n;
  for (let k = 0; k < n; k++) {
    // k² mod 2n keeps the angle small, so cos/sin stay accurate for large k.
    const k2 = (k * k) % twoN;
    const a = (Math.PI * k2) / n;
    chirpRe[k] = Math.cos(a);
    chirpIm[k] = -Math.sin(a);
  }
  const b = new Float64Array(2 * m);
  b[0] = chirpRe[0];
  b[1] = -chirpIm[0];
  for (let k = 1; k < n; k++) {
    b[2 * k] = chirpRe[k];
    b[2 * k + 1] = -chirpIm[k];
    b[2 * (m - k)] = chirpRe[k];
    b[2 * (m - k) + 1] = -chirpIm[k];
  }
  const kernel = new Float64Array(2 * m);
  inner.fft.transform(kernel, b);
  return { kind: 'bluestein', n, m, inner, chirpRe, chirpIm, kernel };
}

function remember<P extends FftPlan>(n: number, plan: P): P {
  if (plans.size >= MAX_PLANS) {
    const oldest = plans.keys().next().value;
    if (oldest !== undefined) plans.delete(oldest);
  }
  plans.set(n, plan);
  return plan;
}

function getPow2(n: number): Pow2Plan {
  const p = plans.get(n);
  if (p && p.kind === 'pow2') return p;
  return remember(n, makePow2(n));
}

/** The plan for complex transforms of length `n` (built once, then cached). */
export function getFftPlan(n: number): FftPlan {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`FFT length: expected a positive integer, got ${n}`);
  }
  const cached = plans.get(n);
  if (cached) return cached;
  if (n === 1) return remember(n, { kind: 'trivial', n: 1 });
  if ((n & (n - 1)) === 0) return getPow2(n);
  return remember(n, makeBluestein(n));
}

/** Drops all plans (tests, or to free memory after very long transforms). */
export function clearFftPlans(): void {
  plans.clear();
}
