import { getFftPlan, type FftPlan } from './fftPlanCache';

export interface Fft1dOptions {
  /**
   * Inverse transform, normalised by 1/n (as `numpy.fft.ifft`).
   * @default false
   */
  inverse?: boolean;
}

/**
 * In-place complex DFT of any length, `X_k = Σ x_j·exp(−2πi·jk/n)` (numpy.fft convention).
 * Powers of two use fft.js (radix-4); other lengths use Bluestein's chirp-z algorithm
 * (Bluestein 1970), which turns the DFT into a power-of-two circular convolution, O(n log n).
 */
export function fft1d(re: Float64Array, im: Float64Array, options: Fft1dOptions = {}): void {
  const n = re.length;
  if (im.length !== n) {
    throw new RangeError(`fft1d: im has length ${im.length}, expected ${n} (the length of re)`);
  }
  if (n === 0) throw new RangeError('fft1d: re has length 0, expected at least 1');
  const inverse = options.inverse ?? false;
  const plan = getFftPlan(n);
  // Inverse through conjugation: ifft(x) = conj(fft(conj(x))) / n.
  if (inverse) for (let i = 0; i < n; i++) im[i] = -im[i];
  forward(plan, re, im);
  if (inverse) {
    const s = 1 / n;
    for (let i = 0; i < n; i++) {
      re[i] *= s;
      im[i] = -im[i] * s;
    }
  }
}

function forward(plan: FftPlan, re: Float64Array, im: Float64Array): void {
  if (plan.kind === 'trivial') return;
  if (plan.kind === 'pow2') {
    const { input, output, n } = plan;
    for (let i = 0; i < n; i++) {
      input[2 * i] = re[i];
      input[2 * i + 1] = im[i];
    }
    plan.fft.transform(output, input);
    for (let i = 0; i < n; i++) {
      re[i] = output[2 * i];
      im[i] = output[2 * i + 1];
    }
    return;
  }
  const { n, m, inner, chirpRe, chirpIm, kernel } = plan;
  const a = inner.input;
  const A = inner.output;
  a.fill(0);
  for (let k = 0; k < n; k++) {
    const cr = chirpRe[k];
    const ci = chirpIm[k];
    a[2 * k] = re[k] * cr - im[k] * ci;
    a[2 * k + 1] = re[k] * ci + im[k] * cr;
  }
  inner.fft.transform(A, a);
  // Pointwise product with the kernel's spectrum, then inverse (by conjugation) into `a`.
  for (let k = 0; k < m; k++) {
    const xr = A[2 * k];
    const xi = A[2 * k + 1];
    const kr = kernel[2 * k];
    const ki = kernel[2 * k + 1];
    A[2 * k] = xr * kr - xi * ki;
    A[2 * k + 1] = -(xr * ki + xi * kr);
  }
  inner.fft.transform(a, A);
  const s = 1 / m;
  for (let k = 0; k < n; k++) {
    const cr = chirpRe[k];
    const ci = chirpIm[k];
    const yr = a[2 * k] * s;
    const yi = -a[2 * k + 1] * s;
    re[k] = yr * cr - yi * ci;
    im[k] = yr * ci + yi * cr;
  }
}
