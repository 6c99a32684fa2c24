export interface PhaseFractionsResult {
  /** Pixels/voxels of each class. */
  counts: Float64Array;
  /** counts / total: the volume (area) fraction of each class. */
  fractions: Float64Array;
}

/**
 * Volume fractions of the classes of a label image or volume: `np.bincount(labels, minlength=classes)
 * / labels.size`.
 */
export function phaseFractions(labels: Uint8Array | Uint16Array | Int32Array, classes: number): PhaseFractionsResult {
  if (!Number.isInteger(classes) || classes < 1) throw new RangeError(`phaseFractions: classes = ${classes}, expected a positive integer`);
  if (labels.length === 0) throw new RangeError('phaseFractions: labels is empty, expected at least one pixel');
  const counts = new Float64Array(classes);
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i];
    if (!(v >= 0 && v < classes)) throw new RangeError(`phaseFractions: value ${v} at index ${i}, expected a class index < classes = ${classes}`);
    counts[v]++;
  }
  return { counts, fractions: counts.map((c) => c / labels.length) };
}
