import { assertOut, type ImageData2D } from '../image/assertImageData';

export interface RescaleLevelsOptions {
  /** Output buffer (data.length); allocated when absent. */
  out?: Float32Array;
}

/** Gain and offset of the affine map that was applied: `out = gain·x + offset`. */
export interface RescaleResult {
  out: Float32Array;
  gain: number;
  offset: number;
}

/**
 * The affine map taking levels `from = [a, b]` to `to = [c, d]` (a → c, b → d), applied to every
 * value: `gain = (d − c)/(b − a)`, `offset = c − gain·a`. With `a = c = 0` it is a pure gain.
 * Refuses `a = b` (a blank frame cannot be rescaled).
 */
export function rescaleLevels(
  data: ImageData2D,
  from: readonly [number, number],
  to: readonly [number, number],
  options: RescaleLevelsOptions = {},
): RescaleResult {
  const [a, b] = from;
  const [c, d] = to;
  if (![a, b, c, d].every(Number.isFinite)) throw new RangeError(`rescaleLevels: from = [${a}, ${b}], to = [${c}, ${d}], expected finite levels`);
  if (a === b) throw new RangeError(`rescaleLevels: from = [${a}, ${b}], expected two different levels (is the frame blank?)`);
  assertOut('rescaleLevels', options.out, data.length);
  const out = options.out ?? new Float32Array(data.length);
  const gain = (d - c) / (b - a);
  const offset = c - gain * a;
  for (let i = 0; i < data.length; i++) out[i] = gain * data[i] + offset;
  return { out, gain, offset };
}
