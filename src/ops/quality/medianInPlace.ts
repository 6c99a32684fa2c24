/** Median of a scratch array, which is sorted in place (as `np.median`: mean of the two middle values). NaN when empty. */
export function medianInPlace(a: Float64Array): number {
  a.sort();
  const n = a.length;
  if (n === 0) return NaN;
  return n % 2 ? a[(n - 1) >> 1] : 0.5 * (a[n / 2 - 1] + a[n / 2]);
}
