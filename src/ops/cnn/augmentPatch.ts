/**
 * SegmentPy's augmentation (`augmentation.py`): one transformation chosen at random per patch among
 * none, flip (left-right or up-down, applied to labels too), Gaussian noise (σ = 0.1 in normalised
 * units), salt & pepper (a fraction 0.005 of pixels set to the patch's min or max) and grey-level
 * shift (the patch's std · U(−1, 1) added). SegmentPy's fixed coordinate warp is not included.
 * Works in place on one patch of a batch (`patchesExtract` layout).
 */
import { reduceStats } from '../array/reduceStats';

export type AugmentKind = 'none' | 'flip' | 'noise' | 'salt-pepper' | 'grey-shift';

export interface AugmentPatchOptions {
  /** Transformation to apply; absent: one chosen with `rand`, all five equally likely. */
  kind?: AugmentKind;
  /** Gaussian noise standard deviation. @default 0.1 */
  noiseSigma?: number;
  /** Fraction of pixels hit by salt & pepper. @default 0.005 */
  saltPepper?: number;
}

const KINDS: AugmentKind[] = ['none', 'flip', 'noise', 'salt-pepper', 'grey-shift'];

function swap(a: Float32Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * @param x batch input `[n, p, p]`, @param y one-hot `[n, p, p, C]`, @param mask `[n, p, p]`
 * @param b index of the patch in the batch, @param rand uniform generator in [0, 1)
 * @returns the transformation applied
 */
export function augmentPatch(
  x: Float32Array,
  y: Float32Array,
  mask: Float32Array,
  b: number,
  patch: number,
  classes: number,
  rand: () => number,
  options: AugmentPatchOptions = {},
): AugmentKind {
  const kind = options.kind ?? KINDS[Math.min(KINDS.length - 1, Math.floor(rand() * KINDS.length))];
  const pp = patch * patch;
  const o = b * pp;
  if (o + pp > x.length) throw new RangeError(`b: patch ${b} is outside the batch of ${Math.floor(x.length / pp)}`);
  switch (kind) {
    case 'none':
      break;
    case 'flip': {
      const vertical = rand() < 0.5;
      for (let r = 0; r < (vertical ? patch >> 1 : patch); r++) {
        for (let c = 0; c < (vertical ? patch : patch >> 1); c++) {
          const i = r * patch + c;
          const j = vertical ? (patch - 1 - r) * patch + c : r * patch + (patch - 1 - c);
          swap(x, o + i, o + j);
          swap(mask, o + i, o + j);
          for (let k = 0; k < classes; k++) swap(y, (o + i) * classes + k, (o + j) * classes + k);
        }
      }
      break;
    }
    case 'noise': {
      const sigma = options.noiseSigma ?? 0.1;
      for (let i = 0; i < pp; i += 2) {
        // Box–Muller: two normal deviates per pair of uniforms.
        const u = Math.max(rand(), 1e-12);
        const r = sigma * Math.sqrt(-2 * Math.log(u));
        const t = 2 * Math.PI * rand();
        x[o + i] += r * Math.cos(t);
        if (i + 1 < pp) x[o + i + 1] += r * Math.sin(t);
      }
      break;
    }
    case 'salt-pepper': {
      const { min: lo, max: hi } = reduceStats(x.subarray(o, o + pp));
      const count = Math.round((options.saltPepper ?? 0.005) * pp);
      for (let k = 0; k < count; k++) x[o + Math.min(pp - 1, Math.floor(rand() * pp))] = rand() < 0.5 ? lo : hi;
      break;
    }
    case 'grey-shift': {
      const r = reduceStats(x.subarray(o, o + pp));
      const mean = r.sum / pp;
      const shift = Math.sqrt(Math.max(0, r.sumSquares / pp - mean * mean)) * (2 * rand() - 1);
      for (let i = 0; i < pp; i++) x[o + i] += shift;
      break;
    }
    default:
      throw new RangeError(`kind: expected one of ${KINDS.join(', ')}, got ${JSON.stringify(kind)}`);
  }
  return kind;
}
