/**
 * The grid of shape parameters the BRISQUE moment-matching estimators search (MATLAB
 * `0.2:0.001:10`, 9801 values, each `0.2 + i·0.001` as `np.arange` builds it), with a cache of
 * per-grid tables (Γ-function ratios) so each table is computed once per process.
 */
const cache = new Map<string, Float64Array>();

export function shapeGrid(table?: { key: string; ratio: (alpha: number) => number }): Float64Array {
  const key = table?.key ?? 'grid';
  let t = cache.get(key);
  if (!t) {
    t = new Float64Array(9801);
    for (let i = 0; i < t.length; i++) t[i] = table ? table.ratio(0.2 + i * 0.001) : 0.2 + i * 0.001;
    cache.set(key, t);
  }
  return t;
}
