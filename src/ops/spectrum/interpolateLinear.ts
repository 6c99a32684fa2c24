/**
 * Linear interpolation of y(x) at new abscissae. `x` must be increasing and every `xNew` inside
 * [x₀, x_last] (no extrapolation: a value outside is refused rather than invented).
 */
export function interpolateLinear(
  x: Float64Array,
  y: Float64Array,
  xNew: Float64Array,
  out: Float64Array = new Float64Array(xNew.length),
): Float64Array {
  const n = x.length;
  if (n < 2 || y.length !== n) throw new RangeError(`interpolateLinear: x has ${n} points, y ${y.length}: expected ≥ 2 and equal`);
  if (out.length !== xNew.length) throw new RangeError(`interpolateLinear: out has ${out.length} elements: expected ${xNew.length}`);
  let j = 0;
  for (let i = 0; i < xNew.length; i++) {
    const v = xNew[i];
    if (!(v >= x[0] && v <= x[n - 1]))
      throw new RangeError(`interpolateLinear: xNew[${i}] = ${v}: expected inside [${x[0]}, ${x[n - 1]}]`);
    if (v < x[j]) j = 0;
    while (j < n - 2 && x[j + 1] <= v) j++;
    const x0 = x[j];
    const x1 = x[j + 1];
    out[i] = v === x0 || x1 === x0 ? y[j] : y[j] + ((y[j + 1] - y[j]) * (v - x0)) / (x1 - x0);
  }
  return out;
}
