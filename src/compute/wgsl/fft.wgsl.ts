import { CMUL_WGSL, elementModule, type Binding } from './common.wgsl';

/**
 * FFT kernels on interleaved complex arrays (`array<vec2f>`), a batch of contiguous rows of
 * length n each. The power-of-two transform is Stockham radix-2 (autosort, no bit reversal;
 * Govindaraju et al., "High performance discrete Fourier transforms on graphics processors", SC
 * 2008): log₂n passes ping-ponging between two buffers; pass `ns` = 1, 2, …, n/2 combines pairs of
 * length-ns transforms. Twiddles exp(−2πi·m/n), m < n/2, come from a table computed in float64 on
 * the host. Other lengths go through Bluestein's chirp-z (pre-multiply by the chirp, power-of-two
 * FFT, multiply by the chirp kernel's spectrum, FFT, post-multiply), mirroring
 * `src/ops/fft/fft1d.ts` step for step with its plan's chirp and kernel.
 */
const C = 'array<vec2f>';
const srcDst: Binding[] = [
  ['src', 'read', C],
  ['dst', 'read_write', C],
];

export const stockhamWgsl = elementModule({
  params: 'n: u32, half: u32, ns: u32, count: u32, twStride: u32, p0: u32, p1: u32, p2: u32',
  bindings: [...srcDst, ['tw', 'read', C]],
  helpers: CMUL_WGSL,
  entries: {
    main: /* wgsl */ `
  let b = t / p.half;
  let j = t - b * p.half;
  let base = b * p.n;
  let k = j % p.ns;
  let a = src[base + j];
  let c = cmul(src[base + j + p.half], tw[k * p.twStride]);
  let o = base + (j - k) * 2u + k;
  dst[o] = a + c;
  dst[o + p.ns] = a - c;`,
  },
});

/** dst[c·rows + r] = src[r·cols + c] (complex). */
export const transposeWgsl = elementModule({
  params: 'rows: u32, cols: u32, count: u32, p0: u32',
  bindings: srcDst,
  entries: { main: '  let r = t / p.cols;\n  dst[(t - r * p.cols) * p.rows + r] = src[t];' },
});

/** In place: x ← (re·scale, im·sign·scale); sign −1 conjugates (inverse FFT by conjugation). */
export const conjScaleWgsl = elementModule({
  params: 'count: u32, sign: f32, scale: f32, p0: u32',
  bindings: [['data', 'read_write', C]],
  entries: { main: '  let v = data[t];\n  data[t] = vec2f(v.x * p.scale, v.y * p.sign * p.scale);' },
});

/** Real → complex with zero imaginary parts. */
export const realToComplexWgsl = elementModule({
  params: 'count: u32, p0: u32, p1: u32, p2: u32',
  bindings: [
    ['src', 'read', 'array<f32>'],
    ['dst', 'read_write', C],
  ],
  entries: { main: '  dst[t] = vec2f(src[t], 0.0);' },
});

/** Bluestein step 1: rows rowOffset… of src (length n) times the chirp, zero-padded to m. */
export const bluesteinPreWgsl = elementModule({
  params: 'n: u32, m: u32, rowOffset: u32, count: u32',
  bindings: [...srcDst, ['chirp', 'read', C]],
  helpers: CMUL_WGSL,
  entries: {
    main: /* wgsl */ `
  let b = t / p.m;
  let k = t - b * p.m;
  if (k < p.n) {
    dst[t] = cmul(src[(p.rowOffset + b) * p.n + k], chirp[k]);
  } else {
    dst[t] = vec2f(0.0, 0.0);
  }`,
  },
});

/** Bluestein step 2, in place: conj(X·K) with K the spectrum of the conjugate chirp. */
export const bluesteinMulWgsl = elementModule({
  params: 'm: u32, count: u32, p0: u32, p1: u32',
  bindings: [
    ['data', 'read_write', C],
    ['kernel', 'read', C],
  ],
  helpers: CMUL_WGSL,
  entries: { main: '  let v = cmul(data[t], kernel[t % p.m]);\n  data[t] = vec2f(v.x, -v.y);' },
});

/** Bluestein step 3: conj(a)/m times the chirp, the first n of each row, into rows rowOffset… of dst. */
export const bluesteinPostWgsl = elementModule({
  params: 'n: u32, m: u32, rowOffset: u32, count: u32, scale: f32, p0: u32, p1: u32, p2: u32',
  bindings: [...srcDst, ['chirp', 'read', C]],
  helpers: CMUL_WGSL,
  entries: {
    main: /* wgsl */ `
  let b = t / p.n;
  let k = t - b * p.n;
  let a = src[b * p.m + k];
  dst[(p.rowOffset + b) * p.n + k] = cmul(vec2f(a.x * p.scale, -a.y * p.scale), chirp[k]);`,
  },
});

/**
 * Cross-power spectrum a·conj(b)/max(|a·conj(b)|, floor), as `src/ops/fft/crossPowerSpectrum.ts`;
 * the magnitude is computed scaled by max(|re|, |im|) so that products of large spectra do not
 * overflow float32 when squared.
 */
export const crossPowerWgsl = elementModule({
  params: 'count: u32, normalize: u32, floor: f32, p0: u32',
  bindings: [
    ['a', 'read', C],
    ['b', 'read', C],
    ['dst', 'read_write', C],
  ],
  entries: {
    main: /* wgsl */ `
  let x = a[t];
  let y = b[t];
  let re = x.x * y.x + x.y * y.y;
  let im = x.y * y.x - x.x * y.y;
  var mag = 1.0;
  if (p.normalize != 0u) {
    let s = max(abs(re), abs(im));
    var m = 0.0;
    if (s > 0.0) {
      let u = re / s;
      let v = im / s;
      m = s * sqrt(u * u + v * v);
    }
    mag = max(m, p.floor);
  }
  dst[t] = vec2f(re / mag, im / mag);`,
  },
});
