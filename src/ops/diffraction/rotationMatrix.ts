/**
 * pyFAI's detector rotation `R = R3·R2·R1` (row-major 3×3) for rot1 (about axis 1, left-handed),
 * rot2 (about axis 2, left-handed) and rot3 (about the beam, right-handed); a point (p1, p2, L) of
 * the untilted detector frame goes to the lab frame as `R·p` (pyFAI `Geometry.rotation_matrix`).
 */
import type { DetectorGeometry } from './types';

export function rotationMatrix(g: Pick<DetectorGeometry, 'rot1' | 'rot2' | 'rot3'>): Float64Array {
  const [c1, s1, c2, s2, c3, s3] = [Math.cos(g.rot1), Math.sin(g.rot1), Math.cos(g.rot2), Math.sin(g.rot2), Math.cos(g.rot3), Math.sin(g.rot3)];
  const r1 = [1, 0, 0, 0, c1, s1, 0, -s1, c1];
  const r2 = [c2, 0, -s2, 0, 1, 0, s2, 0, c2];
  const r3 = [c3, -s3, 0, s3, c3, 0, 0, 0, 1];
  const mul = (a: ArrayLike<number>, b: ArrayLike<number>) => {
    const out = new Float64Array(9);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) out[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
    return out;
  };
  return mul(mul(r3, r2), r1);
}
