import { assertImageData, assertOut, type ImageData2D } from '../image/assertImageData';

export interface CombineFramesOptions {
  /**
   * How the frames are combined pixel by pixel: `mean` (as `np.mean(axis=0)`) or `median` (as
   * `np.median(axis=0)`: the middle value, or the mean of the two middle values for an even count;
   * robust to a zinger or a moving speck in one flat).
   * @default 'mean'
   */
  method?: 'mean' | 'median';
  /** Output buffer (width·height); allocated when absent. */
  out?: Float32Array;
}

/**
 * Combines a `frames × height × width` series (flats, darks) into one `height × width` frame,
 * pixel by pixel. Sums are accumulated in float64; the result is float32.
 */
export function combineFrames(data: ImageData2D, width: number, height: number, options: CombineFramesOptions = {}): Float32Array {
  const method = options.method ?? 'mean';
  const plane = width * height;
  const frames = plane > 0 ? data.length / plane : 0;
  if (!Number.isInteger(frames) || frames < 1) {
    throw new RangeError(`combineFrames: data has ${data.length} values, expected a positive multiple of width·height = ${width}·${height} = ${plane}`);
  }
  assertImageData('combineFrames', data, plane, frames);
  if (method !== 'mean' && method !== 'median') throw new RangeError(`combineFrames: method = ${String(method)}, expected 'mean' or 'median'`);
  assertOut('combineFrames', options.out, plane);
  const out = options.out ?? new Float32Array(plane);
  if (method === 'mean') {
    const acc = new Float64Array(plane);
    for (let f = 0; f < frames; f++) {
      const o = f * plane;
      for (let i = 0; i < plane; i++) acc[i] += data[o + i];
    }
    for (let i = 0; i < plane; i++) out[i] = acc[i] / frames;
    return out;
  }
  const column = new Float64Array(frames);
  const mid = frames >> 1;
  for (let i = 0; i < plane; i++) {
    // Insertion sort: a few to a few tens of frames, far cheaper than a sort() call per pixel.
    for (let f = 0; f < frames; f++) {
      const v = data[f * plane + i];
      let k = f;
      while (k > 0 && column[k - 1] > v) {
        column[k] = column[k - 1];
        k--;
      }
      column[k] = v;
    }
    out[i] = frames % 2 === 1 ? column[mid] : (column[mid - 1] + column[mid]) / 2;
  }
  return out;
}
