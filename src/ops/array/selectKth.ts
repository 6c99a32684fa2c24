/**
 * k-th smallest value of `a` by Wirth's selection (Hoare partitioning around a[k]), reordering `a`
 * in place: O(n) on average, against O(n log n) for a sort — what a median filter needs per window.
 * Values must not be NaN (the partition loops compare with `<`).
 */
export function selectKth(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[k];
    let i = lo;
    let j = hi;
    do {
      while (a[i] < pivot) i++;
      while (pivot < a[j]) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < k) lo = i;
    if (k < i) hi = j;
  }
  return a[k];
}
