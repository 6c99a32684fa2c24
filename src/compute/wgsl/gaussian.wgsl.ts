import { elementModule } from './common.wgsl';

/**
 * Separable Gaussian, 'nearest' edges (clamped indices), as `src/ops/image/gaussianFilter.ts`:
 * entry `rows` correlates along x, `cols` along y (volumes: `planeCols` along y, `cols` with
 * width = one plane along z), with the 2r + 1 normalised weights; the
 * symmetric kernel is folded as scipy's correlate1d does (centre, then pairs from the outside in).
 */
const pass = (index: (k: string) => string, setup: string) => /* wgsl */ `
  ${setup}
  let r = i32(p.radius);
  var acc = src[t] * weights[p.radius];
  for (var k = r; k >= 1; k = k - 1) {
    acc = acc + (src[${index('-k')}] + src[${index('k')}]) * weights[u32(r - k)];
  }
  dst[t] = acc;`;

export const gaussianWgsl = elementModule({
  params: 'width: u32, height: u32, radius: u32, count: u32',
  bindings: [
    ['src', 'read', 'array<f32>'],
    ['dst', 'read_write', 'array<f32>'],
    ['weights', 'read', 'array<f32>'],
  ],
  entries: {
    rows: pass(
      (k) => `row + u32(clamp(x + (${k}), 0, last))`,
      'let y = t / p.width; let x = i32(t - y * p.width); let row = y * p.width; let last = i32(p.width) - 1;',
    ),
    cols: pass(
      (k) => `u32(clamp(y + (${k}), 0, last)) * p.width + x`,
      'let y = i32(t / p.width); let x = t - u32(y) * p.width; let last = i32(p.height) - 1;',
    ),
    // Along y within each width × height plane of a volume (one plane: the same as `cols`).
    planeCols: pass(
      (k) => `base + u32(clamp(y + (${k}), 0, last)) * p.width + x`,
      'let plane = p.width * p.height; let base = (t / plane) * plane; let q = t - base; let y = i32(q / p.width); let x = q - u32(y) * p.width; let last = i32(p.height) - 1;',
    ),
  },
});
