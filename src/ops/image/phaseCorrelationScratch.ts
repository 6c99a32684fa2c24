/**
 * Scratch spectra for `phaseCrossCorrelation`: the only state of that op.
 *
 * One registration of an n-pixel pair needs four float64 planes of n values (two spectra, or one
 * spectrum and the kept cross-power product). Fresh multi-megabyte typed arrays are zero-filled,
 * page-faulted memory, which on a 2048² pair costs as much as the FFTs themselves; drift
 * correction registers every frame of a stack at one size, so the planes of the last size are
 * kept and reused. Only one size is kept (4·8·n bytes); `clearPhaseCorrelationScratch` frees it, and
 * the nodes that register stacks (register.drift, register.rotation-scale) call it when they finish,
 * so the planes live for one node run, not for the life of the worker.
 * Used synchronously (one registration at a time per thread), which makes the sharing safe.
 */
let kept: Float64Array[] | null = null;

/** Four float64 planes of `n` values (contents left from the last call: callers write before reading). */
export function phaseCorrelationScratch(n: number): [Float64Array, Float64Array, Float64Array, Float64Array] {
  if (!kept || kept[0].length !== n) {
    kept = null; // drop the old size before allocating the new one
    kept = [new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  }
  return [kept[0], kept[1], kept[2], kept[3]];
}

/** Frees the kept planes (e.g. after a stack is registered). */
export function clearPhaseCorrelationScratch(): void {
  kept = null;
}
