import { assertImageData, assertOut, type ImageData2D } from './assertImageData';
import { polarFromCartesian } from './polarFromCartesian';
import { polarToCartesian } from './polarToCartesian';

export interface PolarRemoveRingsOptions {
  /**
   * Stripe removal applied to the polar image (rows = angle, columns = radius), e.g.
   * `(p, w, h) => removeStripeSorting(p, w, h)`.
   */
  removeStripes: (polar: Float64Array, width: number, height: number) => ArrayLike<number>;
  /** Output buffer (n·n); allocated when absent. */
  out?: Float32Array;
}

/**
 * Ring removal on a reconstructed square slice, as algotom `post.postprocessing.remove_ring_based_*`:
 * the slice is mapped to polar coordinates (`polarFromCartesian`), where rings around the centre
 * are vertical stripes, stripes are removed with any sinogram method, the result is mapped back
 * (`polarToCartesian`) and multiplied by the circle mask (algotom `make_circle_mask(n, 1.0)`:
 * x² + y² ≤ (n//2)² around pixel (n//2, n//2)); outside is 0. The rotation axis must be at the
 * slice centre.
 */
export function polarRemoveRings(
  data: ImageData2D | Float64Array,
  n: number,
  options: PolarRemoveRingsOptions,
): Float32Array {
  assertImageData('polarRemoveRings', data, n, n);
  assertOut('polarRemoveRings', options.out, n * n);
  const polar = polarFromCartesian(data, n);
  const cleaned = options.removeStripes(polar, n, n);
  const back = polarToCartesian(Float64Array.from(cleaned), n);
  const out = options.out ?? new Float32Array(n * n);
  const c = Math.floor(n / 2);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const dx = x - c;
      const dy = y - c;
      out[y * n + x] = dx * dx + dy * dy <= c * c ? back[y * n + x] : 0;
    }
  }
  return out;
}
