/**
 * Conventions shared by the kernels: one invocation per output element, dispatched over a 2-D grid
 * of workgroups when the element count needs more than `maxComputeWorkgroupsPerDimension` (65535)
 * workgroups along x. `linearIndex` gives an invocation's element index; invocations past
 * `p.count` return. Binding 0 is the `Params` uniform; the storage buffers follow from binding 1.
 */

/** Workgroup size of the per-element image and FFT kernels. */
export const WG_ELEMENT = 64;
/** Workgroup size of the reductions. */
export const WG_REDUCE = 256;

export type Binding = [name: string, access: 'read' | 'read_write', type: string];

/** Complex product of two vec2f (re, im). */
export const CMUL_WGSL = 'fn cmul(a: vec2f, b: vec2f) -> vec2f { return vec2f(a.x * b.x - a.y * b.y, a.x * b.y + a.y * b.x); }\n';

/**
 * A compute module: the `Params` uniform (`params`: its WGSL fields, which must include `count`),
 * storage `bindings`, optional `helpers`, and entry points (name → body). Each body runs with
 * `t`, the element index, already checked against `p.count`.
 */
export function elementModule(o: {
  params: string;
  bindings: Binding[];
  entries: Record<string, string>;
  helpers?: string;
  wg?: number;
}): string {
  const wg = o.wg ?? WG_ELEMENT;
  const bindings = o.bindings.map(([name, access, type], i) => `@group(0) @binding(${i + 1}) var<storage, ${access}> ${name}: ${type};`);
  const entries = Object.entries(o.entries).map(
    ([name, body]) => `
@compute @workgroup_size(${wg})
fn ${name}(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let t = gid.x + gid.y * nwg.x * ${wg}u;
  if (t >= p.count) { return; }
${body}
}
`,
  );
  return `struct Params { ${o.params} }
@group(0) @binding(0) var<uniform> p: Params;
${bindings.join('\n')}
${o.helpers ?? ''}${entries.join('')}`;
}
