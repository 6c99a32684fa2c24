import { fft2d } from '../fft/fft2d';

/** Smallest power of two ≥ n (fast sizes for `fft2d`). */
function pow2AtLeast(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

export interface SameConvolverOptions {
  /**
   * 'fft': through `fft2d`, zero-padded to powers of two ≥ the full size (H + kh − 1) × (W + kw − 1)
   * (no wrap-around); 'direct': sums over the kernel, O(kw·kh) per pixel; 'auto': direct for kernels
   * of at most 121 values (11 × 11), where it is faster, else FFT — as scipy's `method='auto'`
   * picks by estimated cost.
   * @default 'auto'
   */
  method?: 'auto' | 'fft' | 'direct';
}

/**
 * Prepares linear 2-D convolution of `width × height` images with one `kw × kh` kernel, cropped as
 * `scipy.signal.convolve(image, kernel, mode='same')`: zero outside the image, output aligned with
 * the input, i.e. the full result cropped from row ⌊(kh−1)/2⌋, column ⌊(kw−1)/2⌋. Returns
 * `convolve(src, dst)` (src and dst may be the same array), reusing the kernel's spectrum and the
 * buffers: call it many times (Richardson–Lucy), synchronously. Sums in float64.
 */
export function sameConvolver(
  kernel: ArrayLike<number>,
  kw: number,
  kh: number,
  width: number,
  height: number,
  options: SameConvolverOptions = {},
): (src: ArrayLike<number>, dst: Float64Array | Float32Array) => void {
  if (!Number.isInteger(kw) || kw < 1 || !Number.isInteger(kh) || kh < 1 || kernel.length !== kw * kh) {
    throw new RangeError(`sameConvolver: kernel has ${kernel.length} values for kw × kh = ${kw} × ${kh}, expected kw·kh with positive integer sides`);
  }
  if (!Number.isInteger(width) || width < 1 || !Number.isInteger(height) || height < 1) {
    throw new RangeError(`sameConvolver: width × height = ${width} × ${height}, expected positive integers`);
  }
  const method = options.method ?? 'auto';
  if (method !== 'auto' && method !== 'fft' && method !== 'direct') {
    throw new RangeError(`sameConvolver: method = ${JSON.stringify(method)}, expected 'auto', 'fft' or 'direct'`);
  }
  const y0 = (kh - 1) >> 1;
  const x0 = (kw - 1) >> 1;
  const check = (src: ArrayLike<number>, dst: ArrayLike<number>) => {
    if (src.length !== width * height || dst.length !== width * height) {
      throw new RangeError(`sameConvolver: src/dst have ${src.length}/${dst.length} values, expected ${width * height}`);
    }
  };
  if (method === 'direct' || (method === 'auto' && kw * kh <= 121)) {
    const factors = separableFactors(kernel, kw, kh);
    if (factors) return separableDirect(factors.col, factors.row, width, height, y0, x0, check);
    // out[y, x] = Σ k[a, b]·src[y + y0 − a, x + x0 − b], zero outside. One output row at a time,
    // taps inside it (in the same order for every pixel), inner loop over a contiguous row span:
    // the output row and the kh source rows stay in cache, instead of kw·kh sweeps over the image.
    const acc = new Float64Array(width * height);
    return (src, dst) => {
      check(src, dst);
      acc.fill(0);
      for (let y = 0; y < height; y++) {
        const o = y * width;
        for (let a = 0; a < kh; a++) {
          const sy = y + y0 - a;
          if (sy < 0 || sy >= height) continue;
          for (let b = 0; b < kw; b++) {
            const k = kernel[a * kw + b];
            if (k === 0) continue;
            const dx = x0 - b;
            const xLo = Math.max(0, -dx);
            const xHi = Math.min(width, width - dx);
            const s = sy * width + dx;
            for (let x = xLo; x < xHi; x++) acc[o + x] += k * src[s + x];
          }
        }
      }
      for (let i = 0; i < acc.length; i++) dst[i] = acc[i];
    };
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
  return (src, dst) => {
    check(src, dst);
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

/**
 * A kernel that is an outer product k[a, b] = col[a]·row[b] (a Gaussian PSF, a box) up to float64
 * round-off (1e-13 of its largest value): its factors, else null. Such a kernel costs kw + kh
 * instead of kw·kh multiply-adds per pixel.
 */
function separableFactors(kernel: ArrayLike<number>, kw: number, kh: number): { col: Float64Array; row: Float64Array } | null {
  let am = 0;
  let bm = 0;
  let big = 0;
  for (let a = 0; a < kh; a++) {
    for (let b = 0; b < kw; b++) {
      const v = Math.abs(kernel[a * kw + b]);
      if (v > big) [big, am, bm] = [v, a, b];
    }
  }
  if (big === 0) return null;
  const pivot = kernel[am * kw + bm];
  const row = Float64Array.from({ length: kw }, (_, b) => kernel[am * kw + b]);
  const col = Float64Array.from({ length: kh }, (_, a) => kernel[a * kw + bm] / pivot);
  for (let a = 0; a < kh; a++) {
    for (let b = 0; b < kw; b++) if (Math.abs(kernel[a * kw + b] - col[a] * row[b]) > 1e-13 * big) return null;
  }
  return { col, row };
}

/** 'same' convolution with col ⊗ row: along rows into a float64 buffer, then along columns; zero outside. */
function separableDirect(
  col: Float64Array,
  row: Float64Array,
  width: number,
  height: number,
  y0: number,
  x0: number,
  check: (src: ArrayLike<number>, dst: ArrayLike<number>) => void,
): (src: ArrayLike<number>, dst: Float64Array | Float32Array) => void {
  const kw = row.length;
  const kh = col.length;
  const tmp = new Float64Array(width * height);
  const acc = new Float64Array(width);
  return (src, dst) => {
    check(src, dst);
    // tmp[y, x] = Σ_b row[b]·src[y, x + x0 − b]
    tmp.fill(0);
    for (let b = 0; b < kw; b++) {
      const k = row[b];
      if (k === 0) continue;
      const dx = x0 - b;
      const xLo = Math.max(0, -dx);
      const xHi = Math.min(width, width - dx);
      for (let y = 0; y < height; y++) {
        const o = y * width;
        for (let x = xLo; x < xHi; x++) tmp[o + x] += k * src[o + dx + x];
      }
    }
    // dst[y, x] = Σ_a col[a]·tmp[y + y0 − a, x]; one output row at a time (dst may be src).
    for (let y = 0; y < height; y++) {
      acc.fill(0);
      for (let a = 0; a < kh; a++) {
        const sy = y + y0 - a;
        const k = col[a];
        if (sy < 0 || sy >= height || k === 0) continue;
        const s = sy * width;
        for (let x = 0; x < width; x++) acc[x] += k * tmp[s + x];
      }
      dst.set(acc, y * width);
    }
  };
}
