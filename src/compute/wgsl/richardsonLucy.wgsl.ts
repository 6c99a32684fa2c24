import { elementModule } from './common.wgsl';

// The elementwise steps of Richardson–Lucy (`src/ops/image/richardsonLucy.ts`), in place. One
// module each: a 'layout: auto' pipeline only has the bindings its entry point uses.

/** r ← image / (r + 1e−12), or 0 where r + 1e−12 < filterEpsilon (when > 0). */
export const rlRatioWgsl = elementModule({
  params: 'count: u32, filterEpsilon: f32, p0: u32, p1: u32',
  bindings: [
    ['image', 'read', 'array<f32>'],
    ['r', 'read_write', 'array<f32>'],
  ],
  entries: {
    main: /* wgsl */ `
  let conv = r[t] + 1e-12;
  if (p.filterEpsilon > 0.0 && conv < p.filterEpsilon) { r[t] = 0.0; } else { r[t] = image[t] / conv; }`,
  },
});

/** u ← u·r. */
export const rlUpdateWgsl = elementModule({
  params: 'count: u32, p0: u32, p1: u32, p2: u32',
  bindings: [
    ['r', 'read', 'array<f32>'],
    ['u', 'read_write', 'array<f32>'],
  ],
  entries: { main: '  u[t] = u[t] * r[t];' },
});

/** u ← clamp(u, −1, 1). */
export const rlClipWgsl = elementModule({
  params: 'count: u32, p0: u32, p1: u32, p2: u32',
  bindings: [['u', 'read_write', 'array<f32>']],
  entries: { main: '  u[t] = clamp(u[t], -1.0, 1.0);' },
});
