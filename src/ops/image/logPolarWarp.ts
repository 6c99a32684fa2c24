import { assertOut, type ImageData2D } from './assertImageData';
import { warpAffineSampler } from './warpAffineSampler';

export interface LogPolarWarpOptions {
  /** Centre (row, column) of the transform. @default (height/2 − 0.5, width/2 − 0.5) */
  center?: [number, number];
  /** Radius (pixels) of the circle mapped. @default √((h/2)² + (w/2)²) */
  radius?: number;
  /** Output rows = angles over 0 … 2π. @default 360 */
  outHeight?: number;
  /** Output columns = log-radius samples. @default ⌈radius⌉ */
  outWidth?: number;
  /** Interpolation order: 0 nearest, 1 bilinear, 3 cubic B-spline. @default 1 */
  order?: 0 | 1 | 3;
  /** Output buffer (outWidth·outHeight); allocated when absent. */
  out?: Float32Array;
}

/**
 * Log-polar resampling, as `skimage.transform.warp_polar(image, center, radius, output_shape,
 * scaling='log', order)` (0.19): output row r is the angle θ = 2π·r/outHeight, column c the radius
 * ρ = exp(c·ln(radius)/outWidth); the value is the image at (cy + ρ·sin θ, cx + ρ·cos θ),
 * interpolated as `scipy.ndimage.map_coordinates(mode='constant', cval=0)`. A rotation of the
 * image about the centre becomes a shift along rows, a scaling a shift along columns.
 */
export function logPolarWarp(data: ImageData2D, width: number, height: number, options: LogPolarWarpOptions = {}): Float32Array {
  const sample = warpAffineSampler(data, width, height, { order: options.order ?? 1, boundary: 'constant', fill: 0 });
  const [cy, cx] = options.center ?? [height / 2 - 0.5, width / 2 - 0.5];
  const radius = options.radius ?? Math.sqrt((height / 2) ** 2 + (width / 2) ** 2);
  if (!Number.isFinite(cy) || !Number.isFinite(cx)) throw new RangeError(`logPolarWarp: center = (${cy}, ${cx}), expected finite numbers`);
  if (!(radius > 1) || !Number.isFinite(radius)) throw new RangeError(`logPolarWarp: radius = ${radius}, expected a finite number > 1 (pixels)`);
  const oh = options.outHeight ?? 360;
  const ow = options.outWidth ?? Math.ceil(radius);
  if (!Number.isInteger(oh) || oh < 1) throw new RangeError(`logPolarWarp: outHeight = ${oh}, expected a positive integer`);
  if (!Number.isInteger(ow) || ow < 1) throw new RangeError(`logPolarWarp: outWidth = ${ow}, expected a positive integer`);
  assertOut('logPolarWarp', options.out, ow * oh);
  const out = options.out ?? new Float32Array(ow * oh);
  const kAngle = oh / (2 * Math.PI);
  const kRadius = ow / Math.log(radius);
  const rho = Float64Array.from({ length: ow }, (_, c) => Math.exp(c / kRadius));
  for (let r = 0; r < oh; r++) {
    const th = r / kAngle;
    const s = Math.sin(th);
    const co = Math.cos(th);
    const o = r * ow;
    for (let c = 0; c < ow; c++) out[o + c] = sample(rho[c] * s + cy, rho[c] * co + cx);
  }
  return out;
}
