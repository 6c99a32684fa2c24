/**
 * Converts diffraction x values between 2θ (degrees) and q (Å⁻¹) by Bragg's law:
 * q = 4π·sin(θ)/λ, and back θ = asin(qλ/4π). (As pyFAI's `units` module and GSAS-II do.)
 */
import type { PatternAxis } from './types';

export interface ConvertPatternAxisOptions {
  /** Output array (same length as `x`); a new one by default. @default new Float64Array(x.length) */
  out?: Float64Array;
}

export function convertPatternAxis(
  x: Float64Array,
  from: PatternAxis,
  to: PatternAxis,
  wavelength: number,
  options: ConvertPatternAxisOptions = {},
): Float64Array {
  if (!(Number.isFinite(wavelength) && wavelength > 0))
    throw new RangeError(`convertPatternAxis: wavelength is ${wavelength}: expected a positive number of Å`);
  const out = options.out ?? new Float64Array(x.length);
  if (out.length !== x.length)
    throw new RangeError(`convertPatternAxis: out has ${out.length} values: expected ${x.length} (the length of x)`);
  const k = (4 * Math.PI) / wavelength;
  if (from === to) out.set(x);
  else if (from === 'twoTheta') for (let i = 0; i < x.length; i++) out[i] = k * Math.sin((x[i] * Math.PI) / 360);
  else
    for (let i = 0; i < x.length; i++) {
      const s = x[i] / k;
      if (!(s >= -1 && s <= 1))
        throw new RangeError(
          `convertPatternAxis: q = ${x[i]} Å⁻¹ at index ${i} is beyond 4π/λ = ${k.toPrecision(6)} for λ = ${wavelength} Å: expected q ≤ 4π/λ`,
        );
      out[i] = (Math.asin(s) * 360) / Math.PI;
    }
  return out;
}
