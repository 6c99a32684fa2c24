export interface CropCommonOptions {
  /** Shift applied to each frame along rows (pixels; out(y) = in(y − dy)), one per frame. */
  dy: ArrayLike<number>;
  /** Shift applied to each frame along columns (pixels), one per frame. */
  dx: ArrayLike<number>;
}

export interface CropCommonResult {
  /** The cropped frames, row-major `frames × height × width`. */
  data: Float32Array;
  /** First kept column and row of the input frames. */
  x0: number;
  y0: number;
  width: number;
  height: number;
}

/**
 * Crops every frame of a registered stack to the area that holds image data in all frames: a frame
 * shifted by (dy, dx) has valid pixels for rows ⌈dy⌉ … ⌊h − 1 + dy⌋ and columns ⌈dx⌉ … ⌊w − 1 + dx⌋;
 * the crop is the intersection over frames (what ImageJ/Fiji "crop to common area" keeps).
 */
export function cropCommon(data: ArrayLike<number>, width: number, height: number, options: CropCommonOptions): CropCommonResult {
  const { dy, dx } = options;
  const plane = width * height;
  if (!Number.isInteger(width) || width < 1 || !Number.isInteger(height) || height < 1 || data.length % plane !== 0) {
    throw new RangeError(`cropCommon: data has ${data.length} values for ${width}×${height} frames, expected a multiple of width·height`);
  }
  const frames = data.length / plane;
  if (dy.length !== frames || dx.length !== frames) {
    throw new RangeError(`cropCommon: dy/dx have ${dy.length}/${dx.length} values, expected one per frame (${frames})`);
  }
  const tol = 1e-9;
  let y0 = 0;
  let y1 = height - 1;
  let x0 = 0;
  let x1 = width - 1;
  for (let f = 0; f < frames; f++) {
    if (!Number.isFinite(dy[f]) || !Number.isFinite(dx[f])) throw new RangeError(`cropCommon: shift of frame ${f} = (${dy[f]}, ${dx[f]}), expected finite numbers`);
    y0 = Math.max(y0, Math.ceil(dy[f] - tol));
    y1 = Math.min(y1, Math.floor(height - 1 + dy[f] + tol));
    x0 = Math.max(x0, Math.ceil(dx[f] - tol));
    x1 = Math.min(x1, Math.floor(width - 1 + dx[f] + tol));
  }
  if (y1 < y0 || x1 < x0) throw new RangeError('cropCommon: the shifted frames have no area in common (shifts larger than the frame)');
  const w = x1 - x0 + 1;
  const h = y1 - y0 + 1;
  const out = new Float32Array(frames * w * h);
  for (let f = 0; f < frames; f++) {
    for (let y = 0; y < h; y++) {
      const src = f * plane + (y0 + y) * width + x0;
      const dst = (f * h + y) * w;
      for (let x = 0; x < w; x++) out[dst + x] = data[src + x];
    }
  }
  return { data: out, x0, y0, width: w, height: h };
}
