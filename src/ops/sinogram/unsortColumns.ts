export interface UnsortColumnsOptions {
  /** Output buffer (width·height); allocated when absent. */
  out?: Float64Array;
}

/**
 * Inverse of `sortColumns`: puts value `sorted[k, x]` back at row `index[k, x]` of column x, as
 * algotom `util.sort_backward(mat, mat_index, axis=0)`.
 */
export function unsortColumns(
  sorted: ArrayLike<number>,
  index: Int32Array,
  width: number,
  height: number,
  options: UnsortColumnsOptions = {},
): Float64Array {
  const n = width * height;
  if (sorted.length !== n || index.length !== n) {
    throw new RangeError(`unsortColumns: sorted/index have ${sorted.length}/${index.length} values, expected width·height = ${n}`);
  }
  const out = options.out ?? new Float64Array(n);
  if (out.length !== n) throw new RangeError(`unsortColumns: out has ${out.length} values, expected ${n}`);
  for (let k = 0; k < n; k++) {
    const x = k % width;
    out[index[k] * width + x] = sorted[k];
  }
  return out;
}
