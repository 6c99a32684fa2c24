import { assertImageData, type ImageData2D } from '../image/assertImageData';

export interface FlatFieldDenominatorOptions {
  /**
   * Smallest allowed flat − dark: pixels where F − D < epsilon (dead or saturated-dark pixels, a
   * flat darker than the dark) are set to epsilon, as `tomopy.normalize` does with 1e-6.
   * @default 1e-6
   */
  epsilon?: number;
}

export interface FlatFieldDenominator {
  /** F − D per pixel, float32 (as tomopy computes it), clipped below at epsilon. */
  denominator: Float32Array;
  /** How many pixels were clipped (F − D < epsilon). */
  clipped: number;
}

/**
 * The denominator of flat/dark-field correction, `F − D` per pixel in float32, with the rule of
 * `tomopy.prep.normalize.normalize`: values below `epsilon` become `epsilon`. `dark` may be
 * omitted (a detector without offset: D = 0).
 */
export function flatFieldDenominator(
  flat: ImageData2D,
  dark: ImageData2D | undefined,
  width: number,
  height: number,
  options: FlatFieldDenominatorOptions = {},
): FlatFieldDenominator {
  const epsilon = options.epsilon ?? 1e-6;
  assertImageData('flatFieldDenominator (flat)', flat, width, height);
  if (dark) assertImageData('flatFieldDenominator (dark)', dark, width, height);
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) throw new RangeError(`flatFieldDenominator: epsilon = ${epsilon}, expected a finite number > 0`);
  const n = width * height;
  const denominator = new Float32Array(n);
  const eps = Math.fround(epsilon);
  let clipped = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.fround(flat[i] - (dark ? dark[i] : 0));
    if (d < eps) {
      denominator[i] = eps;
      clipped++;
    } else denominator[i] = d;
  }
  return { denominator, clipped };
}
