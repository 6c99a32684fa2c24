import { elementModule, WG_REDUCE } from './common.wgsl';

/** Values each invocation folds per pass (float32 error per pass ≤ REDUCE_FOLD·2⁻²⁴ relative). */
export const REDUCE_FOLD = 16;

/**
 * Min / max / Σx / Σx² without workgroup memory or barriers (software rasterisers such as
 * SwiftShader run barriers very slowly; on hardware the passes are memory-bound either way): each
 * invocation folds REDUCE_FOLD consecutive values into one vec4 (min, max, sum, sum of squares),
 * and passes repeat on the partials until one remains, so n values take ⌈log₁₆ n⌉ passes. `first`
 * reads the float32 data, `next` the vec4 partials. `count` is the number of partials written,
 * `values` the number read; ∞ (the identity of min) comes in the uniforms because WGSL constants
 * cannot be infinite.
 */
const fold = (load: string, combine: string) =>
  elementModule({
    params: 'values: u32, count: u32, p1: u32, inf: f32',
    bindings: [
      ['src', 'read', load],
      ['dst', 'read_write', 'array<vec4f>'],
    ],
    wg: WG_REDUCE,
    entries: {
      main: /* wgsl */ `
  var v = vec4f(p.inf, -p.inf, 0.0, 0.0);
  let start = t * ${REDUCE_FOLD}u;
  let end = min(start + ${REDUCE_FOLD}u, p.values);
  for (var i = start; i < end; i = i + 1u) {
    ${combine}
  }
  dst[t] = v;`,
    },
  });

export const reduceFirstWgsl = fold('array<f32>', 'let x = src[i];\n    v = vec4f(min(v.x, x), max(v.y, x), v.z + x, v.w + x * x);');
export const reduceNextWgsl = fold('array<vec4f>', 'let o = src[i];\n    v = vec4f(min(v.x, o.x), max(v.y, o.y), v.z + o.z, v.w + o.w);');
