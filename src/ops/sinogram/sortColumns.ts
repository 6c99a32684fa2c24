import { assertImageData, type ImageData2D } from '../image/assertImageData';

export interface SortColumnsOptions {
  /** Output buffer for the sorted values (width·height); allocated when absent. */
  out?: Float64Array;
  /** Output buffer for the source row of each sorted value (width·height); allocated when absent. */
  index?: Int32Array;
}

/**
 * Sorts every column of a row-major `height × width` image (a sinogram: angle on the rows) in
 * ascending order, as algotom `util.sort_forward(mat, axis=0)`, and returns the row each sorted
 * value came from so `unsortColumns` can put processed values back. The sort is stable (equal
 * values keep their row order) so results are deterministic.
 */
export function sortColumns(
  data: ImageData2D | Float64Array,
  width: number,
  height: number,
  options: SortColumnsOptions = {},
): { sorted: Float64Array; index: Int32Array } {
  assertImageData('sortColumns', data, width, height);
  const n = width * height;
  const sorted = options.out ?? new Float64Array(n);
  const index = options.index ?? new Int32Array(n);
  if (sorted.length !== n) throw new RangeError(`sortColumns: out has ${sorted.length} values, expected ${n}`);
  if (index.length !== n) throw new RangeError(`sortColumns: index has ${index.length} values, expected ${n}`);
  const col = new Float64Array(height);
  const order = new Int32Array(height);
  const byValue = (a: number, b: number) => col[a] - col[b] || a - b;
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      col[y] = data[y * width + x];
      order[y] = y;
    }
    order.sort(byValue);
    for (let y = 0; y < height; y++) {
      sorted[y * width + x] = col[order[y]];
      index[y * width + x] = order[y];
    }
  }
  return { sorted, index };
}
