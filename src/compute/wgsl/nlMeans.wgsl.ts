import { elementModule } from './common.wgsl';

/**
 * Non-local means, skimage fast mode, as `src/ops/image/nlMeansDenoise.ts` — in gather form: the
 * CPU op visits half the search window and adds each pair's weight to both pixels; the pair
 * distance is symmetric (the (s−1)² box of (P[m] − P[m+u])² around one pixel equals the box of
 * (P[m] − P[m−u])² around the other), so each output pixel can sum over the full window itself:
 * out = Σ_u w_u·P[i+u] / Σ_u w_u, w_u = fastExp(−max(0, Σ_box(P[m] − P[m+u])² − 2σ²)/(h²s²)),
 * skipped beyond distance 5. `img` is the reflect-padded image (pad = offset + d + 1). fastExp is
 * the CPU op's Schraudolph approximation (high word of a double), rebuilt with ldexp in float32.
 */
export const nlMeansWgsl = elementModule({
  params: 'width: u32, height: u32, nCol: u32, count: u32, pad: u32, offset: u32, d: u32, p0: u32, h2s2: f32, varDiff: f32, p1: f32, p2: f32',
  bindings: [
    ['img', 'read', 'array<f32>'],
    ['dst', 'read_write', 'array<f32>'],
  ],
  helpers: /* wgsl */ `
fn fastExp(y: f32) -> f32 {
  let hi = i32(trunc(1512775.3951951857 * y)) + 1072632447;
  return ldexp(1.0 + f32(hi & 0xFFFFF) / 1048576.0, (hi >> 20u) - 1023);
}
`,
  entries: {
    main: /* wgsl */ `
  let y = t / p.width;
  let x = t - y * p.width;
  let nc = i32(p.nCol);
  let ci = i32((y + p.pad) * p.nCol + x + p.pad);
  let o = i32(p.offset);
  let d = i32(p.d);
  var wsum = 0.0;
  var vsum = 0.0;
  for (var ur = -d; ur <= d; ur = ur + 1) {
    for (var uc = -d; uc <= d; uc = uc + 1) {
      let sh = ur * nc + uc;
      var dist = 0.0;
      for (var br = 1 - o; br <= o; br = br + 1) {
        let row = ci + br * nc;
        for (var bc = 1 - o; bc <= o; bc = bc + 1) {
          let diff = img[row + bc] - img[row + bc + sh];
          dist = dist + (diff * diff - p.varDiff);
        }
      }
      let distance = max(dist, 0.0) / p.h2s2;
      if (distance > 5.0) { continue; }
      let w = fastExp(-distance);
      wsum = wsum + w;
      vsum = vsum + w * img[ci + sh];
    }
  }
  dst[t] = vsum / wsum;`,
  },
});
