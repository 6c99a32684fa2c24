/**
 * Host-side float64 index and weight tables of a bilinear shift, exactly as
 * `src/ops/image/bilinearShift.ts` computes them (so the GPU picks the same source pixels):
 * for each column then each row, [first source index or −1 when outside, fractional weight].
 */
export function bilinearShiftTable(width: number, height: number, dy: number, dx: number): Float32Array<ArrayBuffer> {
  if (!Number.isFinite(dy)) throw new RangeError(`bilinearShift: dy = ${dy}, expected a finite number of pixels`);
  if (!Number.isFinite(dx)) throw new RangeError(`bilinearShift: dx = ${dx}, expected a finite number of pixels`);
  const table = new Float32Array(2 * (width + height));
  // Same tolerance as the CPU op: integer shifts keep the last row / column.
  const tol = 1e-9;
  const axis = (n: number, d: number, at: number) => {
    for (let i = 0; i < n; i++) {
      const s = i - d;
      const o = 2 * (at + i);
      if (s < -tol || s > n - 1 + tol) {
        table[o] = -1;
        continue;
      }
      const c = Math.min(Math.max(s, 0), n - 1);
      const i0 = Math.min(Math.floor(c), Math.max(n - 2, 0));
      table[o] = i0;
      table[o + 1] = c - i0;
    }
  };
  axis(width, dx, 0);
  axis(height, dy, width);
  return table;
}
