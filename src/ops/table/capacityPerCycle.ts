/**
 * Charge and discharge capacity of every cycle of a galvanostatic record: the sums of the positive
 * and of the negative charge increments ΔQᵢ = Qᵢ₊₁ − Qᵢ, each increment counted in the cycle of its
 * later row; coulombic efficiency = discharge / charge (in %, NaN when nothing was charged).
 * Reference: the usual definition of cycler software (EC-Lab "Q charge/discharge", cellpy
 * summaries); tested against the numpy computation of `scripts/fixtures/echem_derived.py`.
 */
export interface CapacityPerCycle {
  cycle: Float64Array;
  /** mAh (the charge unit of the input). */
  charge: Float64Array;
  discharge: Float64Array;
  /** % */
  efficiency: Float64Array;
}

export function capacityPerCycle(charge: Float64Array, cycle: Float64Array): CapacityPerCycle {
  const n = charge.length;
  if (cycle.length !== n) throw new RangeError(`capacityPerCycle: cycle has ${cycle.length} values, charge ${n}: expected equal lengths`);
  const index = new Map<number, number>();
  const cyc: number[] = [];
  const chg: number[] = [];
  const dis: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = cycle[i];
    let k = index.get(c);
    if (k === undefined) {
      k = cyc.length;
      index.set(c, k);
      cyc.push(c);
      chg.push(0);
      dis.push(0);
    }
    if (i === 0) continue;
    const dq = charge[i] - charge[i - 1];
    if (dq > 0) chg[k] += dq;
    else if (dq < 0) dis[k] -= dq;
  }
  return {
    cycle: Float64Array.from(cyc),
    charge: Float64Array.from(chg),
    discharge: Float64Array.from(dis),
    efficiency: Float64Array.from(chg, (c, k) => (c > 0 ? (100 * dis[k]) / c : NaN)),
  };
}
