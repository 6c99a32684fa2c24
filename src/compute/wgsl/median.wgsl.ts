import { elementModule } from './common.wgsl';

/**
 * 3×3 / 5×5 median, scipy 'reflect' edges (half-sample symmetric, repeated when the window is
 * larger than the image), as `src/ops/image/medianFilter.ts`: the window is gathered into a
 * private array and the middle element found by a partial selection sort (⌈n/2⌉ passes). The
 * median is one of the inputs, so the result equals the CPU's exactly.
 */
/** scipy 'reflect' index (half-sample symmetric, periodic for windows larger than the image). */
export const REFLECT_INDEX_WGSL = /* wgsl */ `
fn reflectIndex(i: i32, n: i32) -> i32 {
  let period = 2 * n;
  var j = i % period;
  if (j < 0) { j = j + period; }
  if (j >= n) { j = period - 1 - j; }
  return j;
}
`;

export const medianWgsl = elementModule({
  params: 'width: u32, height: u32, size: u32, count: u32',
  bindings: [
    ['src', 'read', 'array<f32>'],
    ['dst', 'read_write', 'array<f32>'],
  ],
  helpers: REFLECT_INDEX_WGSL,
  entries: {
    main: /* wgsl */ `
  let y = i32(t / p.width);
  let x = i32(t - u32(y) * p.width);
  let r = i32(p.size / 2u);
  var win: array<f32, 25>;
  var n = 0u;
  for (var dy = -r; dy <= r; dy = dy + 1) {
    let row = u32(reflectIndex(y + dy, i32(p.height))) * p.width;
    for (var dx = -r; dx <= r; dx = dx + 1) {
      win[n] = src[row + u32(reflectIndex(x + dx, i32(p.width)))];
      n = n + 1u;
    }
  }
  let mid = n / 2u;
  for (var a = 0u; a <= mid; a = a + 1u) {
    var m = a;
    for (var b = a + 1u; b < n; b = b + 1u) {
      if (win[b] < win[m]) { m = b; }
    }
    let s = win[a];
    win[a] = win[m];
    win[m] = s;
  }
  dst[t] = win[mid];`,
  },
});
