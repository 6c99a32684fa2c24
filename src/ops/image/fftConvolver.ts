import { fft2d } from '../fft/fft2d';

/** Smallest power of two ≥ n (fast sizes for `fft2d`). */
function pow2AtLeast(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/**
 * Prepares linear 2-D convolution of `width × height` images with one `kw × kh` kernel through
 * the FFT, cropped as `scipy.signal.convolve(image, kernel, mode='same')`: zero outside the image,
 * output aligned with the input, the full result cropped from row ⌊(kh−1)/2⌋, column ⌊(kw−1)/2⌋.
 * Zero-pads both to powers of two ≥ the full size (H + kh − 1) × (W + kw − 1), so there is no
 * wrap-around. Returns `convolve(src, dst)`, reusing the kernel's spectrum and the buffers: call it
 * many times (Richardson–Lucy), synchronously.
 */
export function fftConvolver(
  kernel: ArrayLike<number>,
  kw: number,
  kh: number,
  width: number,
  height: number,
): (src: ArrayLike<number>, dst: Float64Array | Float32Array) => void {
  if (!Number.isInteger(kw) || kw < 1 || !Number.isInteger(kh) || kh < 1 || kernel.length !== kw * kh) {
    throw new RangeError(`fftConvolver: kernel has ${kernel.length} values for kw × kh = ${kw} × ${kh}, expected kw·kh with positive integer sides`);
  }
  if (!Number.isInteger(width) || width < 1 || !Number.isInteger(height) || height < 1) {
    throw new RangeError(`fftConvolver: width × height = ${width} × ${height}, expected positive integers`);
  }
  const cols = pow2AtLeast(width + kw - 1);
  const rows = pow2AtLeast(height + kh - 1);
  const size = rows * cols;
  const kRe = new Float64Array(size);
  const kIm = new Float64Array(size);
  for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) kRe[y * cols + x] = kernel[y * kw + x];
  fft2d(kRe, kIm, rows, cols);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  const y0 = (kh - 1) >> 1;
  const x0 = (kw - 1) >> 1;
  return (src, dst) => {
    if (src.length !== width * height || dst.length !== width * height) {
      throw new RangeError(`fftConvolver: src/dst have ${src.length}/${dst.length} values, expected ${width * height}`);
    }
    re.fill(0);
    im.fill(0);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) re[y * cols + x] = src[y * width + x];
    fft2d(re, im, rows, cols);
    for (let i = 0; i < size; i++) {
      const a = re[i];
      const b = im[i];
      re[i] = a * kRe[i] - b * kIm[i];
      im[i] = a * kIm[i] + b * kRe[i];
    }
    fft2d(re, im, rows, cols, { inverse: true });
    for (let y = 0; y < height; y++) {
      const row = (y + y0) * cols + x0;
      for (let x = 0; x < width; x++) dst[y * width + x] = re[row + x];
    }
  };
}
