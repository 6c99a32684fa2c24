/**
 * A "nice" scale-bar length — 1, 2 or 5 × 10^k, the largest not above `target` — as
 * microscopy software (ImageJ, napari-scalebar, matplotlib-scalebar) chooses it.
 */
export function niceScaleLength(target: number): number {
  if (!(target > 0) || !Number.isFinite(target)) throw new RangeError(`niceScaleLength: target = ${target}, expected a positive finite number`);
  const decade = 10 ** Math.floor(Math.log10(target));
  const steps = [5, 2, 1];
  for (const s of steps) {
    // The tolerance keeps 0.5 from becoming 0.2 when log10 rounds 5e-1 to 4.999…e-1.
    if (s * decade <= target * (1 + 1e-9)) return Number((s * decade).toPrecision(12));
  }
  return Number(decade.toPrecision(12));
}
