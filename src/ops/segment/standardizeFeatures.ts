import type { SampleMatrix } from './assertSamples';

export interface StandardizeFeaturesOptions {
  /** Output buffer (same length as the data); allocated when absent. May be the input itself. */
  out?: Float32Array;
}

/**
 * Z-scores each feature column of a `samples × features` matrix: (x − mean)/std (population std,
 * as `sklearn.preprocessing.StandardScaler`); a constant column becomes 0. Means and standard
 * deviations are accumulated in float64.
 */
export function standardizeFeatures(data: SampleMatrix, features: number, options: StandardizeFeaturesOptions = {}): Float32Array {
  if (!Number.isInteger(features) || features < 1 || data.length % features !== 0 || data.length === 0) {
    throw new RangeError(`standardizeFeatures: features = ${features} with ${data.length} values, expected a positive integer dividing the length`);
  }
  if (options.out && options.out.length !== data.length) {
    throw new RangeError(`standardizeFeatures: out has ${options.out.length} values, expected ${data.length}`);
  }
  const out = options.out ?? new Float32Array(data.length);
  const n = data.length / features;
  for (let j = 0; j < features; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += data[i * features + j];
    const mean = s / n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (data[i * features + j] - mean) ** 2;
    const std = Math.sqrt(v / n);
    const inv = std > 0 ? 1 / std : 0;
    for (let i = 0; i < n; i++) out[i * features + j] = (data[i * features + j] - mean) * inv;
  }
  return out;
}
