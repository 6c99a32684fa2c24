import { elementModule } from './common.wgsl';

/**
 * Bilinear shift, fill outside, as `src/ops/image/bilinearShift.ts`. `tab` (from
 * `bilinearShiftTable`, float64 on the host) holds per column then per row the first source
 * index (−1: outside → fill) and the weight of the next one. The source is `srcWidth` ×
 * `srcHeight` (the whole image, or in tiles the rectangle an output tile's table reaches, indices
 * relative to it); a side of 1 repeats its pixel as the CPU op does.
 */
export const bilinearShiftWgsl = elementModule({
  params: 'width: u32, height: u32, count: u32, fill: f32, srcWidth: u32, srcHeight: u32, p0: u32, p1: u32',
  bindings: [
    ['src', 'read', 'array<f32>'],
    ['dst', 'read_write', 'array<f32>'],
    ['tab', 'read', 'array<f32>'],
  ],
  entries: {
    main: /* wgsl */ `
  let y = t / p.width;
  let x = t - y * p.width;
  let cx = tab[2u * x];
  let ry = tab[2u * (p.width + y)];
  if (cx < 0.0 || ry < 0.0) { dst[t] = p.fill; return; }
  let fx = tab[2u * x + 1u];
  let fy = tab[2u * (p.width + y) + 1u];
  let x0 = u32(cx);
  let x1 = select(x0, x0 + 1u, p.srcWidth > 1u);
  let r0 = u32(ry) * p.srcWidth;
  let r1 = select(r0, r0 + p.srcWidth, p.srcHeight > 1u);
  let top = src[r0 + x0] * (1.0 - fx) + src[r0 + x1] * fx;
  let bottom = src[r1 + x0] * (1.0 - fx) + src[r1 + x1] * fx;
  dst[t] = top * (1.0 - fy) + bottom * fy;`,
  },
});
