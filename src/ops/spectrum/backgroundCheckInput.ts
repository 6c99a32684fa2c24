/**
 * Precondition of the background ops: a non-empty array of finite values (and, when given, an x
 * array of the same length). Throws a `RangeError` naming the op, the index and the value.
 */
export function backgroundCheckInput(op: string, y: ArrayLike<number>, x?: ArrayLike<number>): void {
  if (y.length === 0) throw new RangeError(`${op}: y is empty, expected at least one point`);
  if (x && x.length !== y.length) throw new RangeError(`${op}: x has ${x.length} points but y has ${y.length}, expected equal lengths`);
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (v - v !== 0) throw new RangeError(`${op}: y[${i}] = ${v}, expected finite values`);
    if (x && x[i] - x[i] !== 0) throw new RangeError(`${op}: x[${i}] = ${x[i]}, expected finite values`);
  }
}
