export interface HannWindow2dOptions {
  /** Output buffer (width·height); allocated when absent. */
  out?: Float64Array;
}

/**
 * Separable 2-D Hann window w(y, x) = h_H(y)·h_W(x) with the symmetric Hann window
 * h_n(k) = 0.5 − 0.5·cos(2πk/(n−1)) (`scipy.signal.windows.hann(n, sym=True)`; h_1 = 1).
 * Multiplying images by it before phase correlation tapers their borders to zero, so the
 * edge discontinuity of non-periodic frames no longer biases the sub-pixel peak.
 */
export function hannWindow2d(width: number, height: number, options: HannWindow2dOptions = {}): Float64Array {
  if (!Number.isInteger(width) || width < 1) throw new RangeError(`hannWindow2d: width = ${width}, expected a positive integer`);
  if (!Number.isInteger(height) || height < 1) throw new RangeError(`hannWindow2d: height = ${height}, expected a positive integer`);
  const n = width * height;
  if (options.out && options.out.length !== n) throw new RangeError(`hannWindow2d: out has ${options.out.length} values, expected ${n}`);
  const out = options.out ?? new Float64Array(n);
  const hx = hann(width);
  const hy = hann(height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out[y * width + x] = hy[y] * hx[x];
  return out;
}

function hann(n: number): Float64Array {
  const h = new Float64Array(n);
  if (n === 1) {
    h[0] = 1;
    return h;
  }
  for (let k = 0; k < n; k++) h[k] = 0.5 - 0.5 * Math.cos((2 * Math.PI * k) / (n - 1));
  return h;
}
