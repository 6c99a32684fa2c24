/**
 * Gradient of a 2-D convolution with respect to its filter (TF's `Conv2DBackpropFilter`), NHWC, on
 * typed arrays: `dW[kh, kw, ci, co] = Σ_{n, y, x} X[n, y·sh + kh − top, x·sw + kw − left, ci] ·
 * dY[n, y, x, co]` (zero outside X). Same result as TF.js's CPU kernel, which reads every element
 * through `TensorBuffer.get` and dominated training time (~20× a forward pass); this loop order
 * walks dY and the filter contiguously. `tfjsRegisterKernels` installs it for the cpu backend, and
 * for wasm (which has no kernel of its own) where `tfjsConv2dGradsWasm`'s faster path does not apply.
 */
export interface TfjsConv2dBackpropFilterOptions {
  /** Strides [sh, sw]. @default [1, 1] */
  strides?: [number, number];
  /** Zero padding before the first row and column. @default [0, 0] */
  padTopLeft?: [number, number];
  /** Output buffer of kh·kw·ci·co values (overwritten). */
  out?: Float32Array;
}

/**
 * @param x input `[n, h, w, ci]`, @param dy output gradient `[n, oh, ow, co]`
 * @param filterShape `[kh, kw, ci, co]`
 */
export function tfjsConv2dBackpropFilter(
  x: ArrayLike<number>,
  xShape: readonly [number, number, number, number],
  dy: ArrayLike<number>,
  dyShape: readonly [number, number, number, number],
  filterShape: readonly [number, number, number, number],
  options: TfjsConv2dBackpropFilterOptions = {},
): Float32Array {
  const [n, h, w, ci] = xShape;
  const [dn, oh, ow, co] = dyShape;
  const [kh, kw, fci, fco] = filterShape;
  const [sh, sw] = options.strides ?? [1, 1];
  const [top, left] = options.padTopLeft ?? [0, 0];
  if (x.length !== n * h * w * ci) throw new RangeError(`x: expected ${n * h * w * ci} values for shape [${xShape}], got ${x.length}`);
  if (dy.length !== dn * oh * ow * co) throw new RangeError(`dy: expected ${dn * oh * ow * co} values for shape [${dyShape}], got ${dy.length}`);
  if (dn !== n || fci !== ci || fco !== co)
    throw new RangeError(`filterShape: [${filterShape}] does not match x [${xShape}] and dy [${dyShape}] (batch, in and out channels)`);
  const size = kh * kw * ci * co;
  const dW = options.out ?? new Float32Array(size);
  if (dW.length !== size) throw new RangeError(`out: expected ${size} values, got ${dW.length}`);
  dW.fill(0);
  const acc = new Float64Array(size);
  for (let b = 0; b < n; b++) {
    for (let yo = 0; yo < oh; yo++) {
      for (let xo = 0; xo < ow; xo++) {
        const g = ((b * oh + yo) * ow + xo) * co;
        for (let r = 0; r < kh; r++) {
          const yi = yo * sh + r - top;
          if (yi < 0 || yi >= h) continue;
          for (let c = 0; c < kw; c++) {
            const xi = xo * sw + c - left;
            if (xi < 0 || xi >= w) continue;
            const xo0 = ((b * h + yi) * w + xi) * ci;
            const wo0 = (r * kw + c) * ci * co;
            for (let i = 0; i < ci; i++) {
              const v = x[xo0 + i];
              if (v === 0) continue;
              const wo = wo0 + i * co;
              for (let o = 0; o < co; o++) acc[wo + o] += v * dy[g + o];
            }
          }
        }
      }
    }
  }
  for (let i = 0; i < size; i++) dW[i] = acc[i];
  return dW;
}
