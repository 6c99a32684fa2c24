import { fft2d } from '../fft/fft2d';
import { assertImageData, assertOut, type ImageData2D } from './assertImageData';

export interface FourierShiftOptions {
  /** Shift along rows (pixels, positive moves content down). */
  dy: number;
  /** Shift along columns (pixels, positive moves content right). */
  dx: number;
  /** Output buffer (width·height); allocated when absent. */
  out?: Float32Array;
}

/**
 * Sub-pixel translation by the Fourier shift theorem: the real part of
 * `ifft2(scipy.ndimage.fourier_shift(fft2(image), (dy, dx)))`. Content wraps around (circular),
 * and there is no interpolation blur; edges that do not match ring slightly.
 */
export function fourierShift(data: ImageData2D, width: number, height: number, options: FourierShiftOptions): Float32Array {
  const { dy, dx } = options;
  assertImageData('fourierShift', data, width, height);
  if (!Number.isFinite(dy)) throw new RangeError(`fourierShift: dy = ${dy}, expected a finite number of pixels`);
  if (!Number.isFinite(dx)) throw new RangeError(`fourierShift: dx = ${dx}, expected a finite number of pixels`);
  const n = width * height;
  assertOut('fourierShift', options.out, n);
  const out = options.out ?? new Float32Array(n);
  const re = Float64Array.from(data);
  const im = new Float64Array(n);
  fft2d(re, im, height, width);
  // Phase ramps per axis, frequencies as scipy: k < (n+1)/2 (integer division) positive, else k − n.
  const phx = new Float64Array(2 * width);
  for (let k = 0; k < width; k++) {
    const f = k < Math.trunc((width + 1) / 2) ? k : k - width;
    const a = (-2 * Math.PI * dx * f) / width;
    phx[2 * k] = Math.cos(a);
    phx[2 * k + 1] = Math.sin(a);
  }
  for (let y = 0; y < height; y++) {
    const f = y < Math.trunc((height + 1) / 2) ? y : y - height;
    const a = (-2 * Math.PI * dy * f) / height;
    const cy = Math.cos(a);
    const sy = Math.sin(a);
    for (let x = 0; x < width; x++) {
      const c = cy * phx[2 * x] - sy * phx[2 * x + 1];
      const s = cy * phx[2 * x + 1] + sy * phx[2 * x];
      const i = y * width + x;
      const r = re[i];
      re[i] = r * c - im[i] * s;
      im[i] = r * s + im[i] * c;
    }
  }
  fft2d(re, im, height, width, { inverse: true });
  for (let i = 0; i < n; i++) out[i] = re[i];
  return out;
}
