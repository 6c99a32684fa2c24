/**
 * State of charge from the charge passed: SoC = 100 · (Q − Q_empty) / (Q_full − Q_empty), in %.
 * The limits are given, or detected as the lowest (empty) and highest (full) charge of the record —
 * right for a record that goes from fully discharged to fully charged (or back). Values are not
 * clipped: a SoC outside 0–100 % says the limits were not the record's extremes.
 * Reference: coulomb counting (e.g. Plett, Battery Management Systems vol. 1, §1.8).
 */
export interface StateOfChargeOptions {
  /** Charge (mAh) at SoC 0; null = lowest charge of the record. @default null */
  empty?: number | null;
  /** Charge (mAh) at SoC 100 %; null = highest charge of the record. @default null */
  full?: number | null;
}

export interface StateOfChargeResult {
  soc: Float64Array;
  empty: number;
  full: number;
}

export function stateOfCharge(charge: Float64Array, options: StateOfChargeOptions = {}): StateOfChargeResult {
  let lo = Infinity;
  let hi = -Infinity;
  for (const q of charge) {
    if (q < lo) lo = q;
    if (q > hi) hi = q;
  }
  const empty = options.empty ?? lo;
  const full = options.full ?? hi;
  if (!Number.isFinite(empty) || !Number.isFinite(full) || full === empty)
    throw new RangeError(`stateOfCharge: empty = ${empty} mAh, full = ${full} mAh: expected two different finite charges (a record with charge passed, or given limits)`);
  const span = full - empty;
  return { soc: charge.map((q) => (100 * (q - empty)) / span), empty, full };
}
