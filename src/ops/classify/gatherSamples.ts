export interface GatherSamplesOptions {
  /** Output block (features·indices.length); allocated when absent. */
  out?: Float32Array;
}

/**
 * Copies the columns `indices` of a feature-major block (feature f of pixel p at
 * `block[f·pixels + p]`) into a compact feature-major training block (feature f of sample j at
 * `out[f·m + j]`, m = indices.length), e.g. the scribbled pixels of a frame.
 */
export function gatherSamples(
  block: Float32Array,
  pixels: number,
  indices: ArrayLike<number>,
  options: GatherSamplesOptions = {},
): Float32Array {
  const op = 'gatherSamples';
  if (!Number.isInteger(pixels) || pixels < 1 || block.length % pixels !== 0) {
    throw new RangeError(`${op}: pixels = ${pixels}, expected a positive divisor of the block length ${block.length}`);
  }
  const F = block.length / pixels;
  const m = indices.length;
  if (options.out && options.out.length !== F * m) throw new RangeError(`${op}: out has ${options.out.length} values, expected features·samples = ${F * m}`);
  for (let j = 0; j < m; j++) {
    const p = indices[j];
    if (!Number.isInteger(p) || p < 0 || p >= pixels) throw new RangeError(`${op}: indices[${j}] = ${p}, expected a pixel index 0…${pixels - 1}`);
  }
  const out = options.out ?? new Float32Array(F * m);
  for (let f = 0; f < F; f++) {
    const src = f * pixels;
    const dst = f * m;
    for (let j = 0; j < m; j++) out[dst + j] = block[src + indices[j]];
  }
  return out;
}
