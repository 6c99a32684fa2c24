import { elementModule } from './common.wgsl';
import { REFLECT_INDEX_WGSL } from './median.wgsl';

/**
 * 3×3×3 median, scipy 'reflect' edges, as `src/ops/volume/medianFilter3d.ts` (size 3): the 27
 * window values go into a private array and a partial selection sort (14 passes) brings the 14th
 * smallest to the middle. Comparisons only, so the result is one of the inputs and equals the
 * CPU's exactly (ties hold equal values, whichever element is picked).
 */
export const median3dWgsl = elementModule({
  params: 'width: u32, height: u32, depth: u32, count: u32',
  bindings: [
    ['src', 'read', 'array<f32>'],
    ['dst', 'read_write', 'array<f32>'],
  ],
  helpers: REFLECT_INDEX_WGSL,
  entries: {
    main: /* wgsl */ `
  let plane = p.width * p.height;
  let z = i32(t / plane);
  let rest = t - u32(z) * plane;
  let y = i32(rest / p.width);
  let x = i32(rest - u32(y) * p.width);
  var win: array<f32, 27>;
  var n = 0u;
  for (var dz = -1; dz <= 1; dz = dz + 1) {
    let base = u32(reflectIndex(z + dz, i32(p.depth))) * plane;
    for (var dy = -1; dy <= 1; dy = dy + 1) {
      let row = base + u32(reflectIndex(y + dy, i32(p.height))) * p.width;
      for (var dx = -1; dx <= 1; dx = dx + 1) {
        win[n] = src[row + u32(reflectIndex(x + dx, i32(p.width)))];
        n = n + 1u;
      }
    }
  }
  for (var a = 0u; a <= 13u; a = a + 1u) {
    var m = a;
    for (var b = a + 1u; b < 27u; b = b + 1u) {
      if (win[b] < win[m]) { m = b; }
    }
    let s = win[a];
    win[a] = win[m];
    win[m] = s;
  }
  dst[t] = win[13];`,
  },
});
