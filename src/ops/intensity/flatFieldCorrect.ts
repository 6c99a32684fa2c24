import { assertImageData, assertOut, type ImageData2D } from '../image/assertImageData';

export interface FlatFieldCorrectOptions {
  /** Dark frame D (height·width); absent: D = 0. */
  dark?: ImageData2D;
  /**
   * Return the attenuation `−ln T` instead of the transmission T (as `tomopy.minus_log`), for
   * absorption tomography. Transmissions ≤ 0 (noise in opaque regions) are first raised to
   * `minTransmission` so the result stays finite.
   * @default false
   */
  minusLog?: boolean;
  /**
   * Floor of T before the logarithm (only with `minusLog`).
   * @default 1e-6
   */
  minTransmission?: number;
  /** Output buffer (width·height); allocated when absent. */
  out?: Float32Array;
}

/**
 * Flat/dark-field correction of one projection, `T = (P − D) / (F − D)`, in float32 arithmetic as
 * `tomopy.prep.normalize.normalize` computes it; the denominator `F − D` comes from
 * `flatFieldDenominator` (computed once for a whole series). Optionally `−ln T`.
 */
export function flatFieldCorrect(
  projection: ImageData2D,
  denominator: Float32Array,
  width: number,
  height: number,
  options: FlatFieldCorrectOptions = {},
): Float32Array {
  const { dark } = options;
  const minusLog = options.minusLog ?? false;
  const minT = options.minTransmission ?? 1e-6;
  assertImageData('flatFieldCorrect (projection)', projection, width, height);
  assertImageData('flatFieldCorrect (denominator)', denominator, width, height);
  if (dark) assertImageData('flatFieldCorrect (dark)', dark, width, height);
  if (!(minT > 0) || !Number.isFinite(minT)) throw new RangeError(`flatFieldCorrect: minTransmission = ${minT}, expected a finite number > 0`);
  const n = width * height;
  assertOut('flatFieldCorrect', options.out, n);
  const out = options.out ?? new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const t = Math.fround(Math.fround(projection[i] - (dark ? dark[i] : 0)) / denominator[i]);
    out[i] = minusLog ? -Math.log(t > minT ? t : minT) : t;
  }
  return out;
}
