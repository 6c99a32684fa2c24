import { fft1d } from './fft1d';
import { getFftPlan } from './fftPlanCache';

/** One reusable forward complex FFT of length n on interleaved (re, im, re, im, …) buffers. */
export interface InterleavedFft {
  /** Fill with the 2n interleaved input values before each `transform`. */
  input: Float64Array;
  /** Forward DFT of `input` (numpy convention); returns the 2n interleaved spectrum (scratch: valid until the next call). */
  transform(): Float64Array;
}

/**
 * For callers that pack and unpack rows themselves (realFft2d, hermitianCorrelationPeak): the
 * caller writes straight into `input` and reads straight from the result, so a power-of-two row
 * costs fft.js's transform and nothing else — no split re/im copy in and out as through `fft1d`.
 * Other lengths go through `fft1d` (Bluestein, where the extra copies are noise).
 * Built on the cached plans: used synchronously, one transform at a time per thread.
 */
export function interleavedFft(n: number): InterleavedFft {
  const plan = getFftPlan(n);
  if (plan.kind === 'pow2') {
    const { fft, input, output } = plan;
    return {
      input,
      transform: () => {
        fft.transform(output, input);
        return output;
      },
    };
  }
  const input = new Float64Array(2 * n);
  const output = new Float64Array(2 * n);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  return {
    input,
    transform: () => {
      for (let k = 0; k < n; k++) {
        re[k] = input[2 * k];
        im[k] = input[2 * k + 1];
      }
      fft1d(re, im);
      for (let k = 0; k < n; k++) {
        output[2 * k] = re[k];
        output[2 * k + 1] = im[k];
      }
      return output;
    },
  };
}
