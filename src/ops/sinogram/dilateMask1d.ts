/**
 * One binary dilation of a 0/1 mask by a 3-wide element, as `scipy.ndimage.binary_dilation(mask,
 * iterations=1)` in 1-D (outside the mask counts as 0). Returns a new mask.
 */
export function dilateMask1d(mask: Uint8Array): Uint8Array {
  const n = mask.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (mask[i] || (i > 0 && mask[i - 1]) || (i < n - 1 && mask[i + 1])) out[i] = 1;
  }
  return out;
}
