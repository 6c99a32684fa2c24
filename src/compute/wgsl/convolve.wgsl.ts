import { elementModule } from './common.wgsl';

/**
 * Linear 2-D convolution, zero outside the image, 'same' crop (scipy.signal.convolve mode='same'):
 * out[y][x] = Σ k[i][j]·img[y + oy − i][x + ox − j] with oy = ⌊(kh − 1)/2⌋, ox = ⌊(kw − 1)/2⌋, as
 * `src/ops/image/sameConvolver.ts` (direct). Sums in float32.
 */
export const convolveWgsl = elementModule({
  params: 'width: u32, height: u32, kw: u32, kh: u32, ox: u32, oy: u32, count: u32, p0: u32',
  bindings: [
    ['src', 'read', 'array<f32>'],
    ['dst', 'read_write', 'array<f32>'],
    ['k', 'read', 'array<f32>'],
  ],
  entries: {
    main: /* wgsl */ `
  let y = i32(t / p.width);
  let x = i32(t - u32(y) * p.width);
  var s = 0.0;
  for (var i = 0; i < i32(p.kh); i = i + 1) {
    let yy = y + i32(p.oy) - i;
    if (yy < 0 || yy >= i32(p.height)) { continue; }
    let row = u32(yy) * p.width;
    let krow = u32(i) * p.kw;
    for (var j = 0; j < i32(p.kw); j = j + 1) {
      let xx = x + i32(p.ox) - j;
      if (xx < 0 || xx >= i32(p.width)) { continue; }
      s = s + k[krow + u32(j)] * src[row + u32(xx)];
    }
  }
  dst[t] = s;`,
  },
});
