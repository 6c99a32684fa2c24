/**
 * Scattering angle 2θ, azimuth χ and cosine of the incidence angle of every pixel centre (or
 * pixel corner) of a flat detector, as pyFAI computes them (`Geometry.calc_pos_zyx`, `tth`, `chi`,
 * `cos_incidence`): the pixel centre (i + ½, j + ½)·pixel minus the PONI, at height L = dist, is
 * rotated by `rotationMatrix` to (t1, t2, t3); 2θ = atan2(√(t1² + t2²), t3), χ = atan2(t1, t2);
 * cos(incidence) = dist / √(dist² + p1² + p2²) in the detector frame (1 at the PONI).
 */
import type { DetectorGeometry } from './types';
import { rotationMatrix } from './rotationMatrix';

export interface PixelAnglesOptions {
  /** 'centers': one value per pixel (rows·cols); 'corners': the (rows + 1)·(cols + 1) pixel corners. @default 'centers' */
  at?: 'centers' | 'corners';
  /**
   * Row 0 of the data is the detector's last row: images shown upside down, as Dioptas loads them
   * (its `.poni` files then describe the flipped image). @default false
   */
  flipRows?: boolean;
  /** Compute only 2θ (`chi` and `cosIncidence` are then empty), saving two arrays. @default false */
  twoThetaOnly?: boolean;
}

export interface PixelAngles {
  /** Row-major, radians. */
  twoTheta: Float64Array;
  chi: Float64Array;
  cosIncidence: Float64Array;
  rows: number;
  cols: number;
}

export function pixelAngles(g: DetectorGeometry, height: number, width: number, options: PixelAnglesOptions = {}): PixelAngles {
  if (!Number.isInteger(height) || height < 1) throw new RangeError(`pixelAngles: height = ${height}, expected a positive integer`);
  if (!Number.isInteger(width) || width < 1) throw new RangeError(`pixelAngles: width = ${width}, expected a positive integer`);
  for (const k of ['dist', 'pixel1', 'pixel2'] as const)
    if (!(g[k] > 0)) throw new RangeError(`pixelAngles: geometry.${k} = ${g[k]}, expected a positive length in metres`);
  const corners = options.at === 'corners';
  const rows = corners ? height + 1 : height;
  const cols = corners ? width + 1 : width;
  const off = corners ? 0 : 0.5;
  const R = rotationMatrix(g);
  const L = g.dist;
  const n = rows * cols;
  const twoTheta = new Float64Array(n);
  const all = !options.twoThetaOnly;
  const chi = new Float64Array(all ? n : 0);
  const cosIncidence = new Float64Array(all ? n : 0);
  const p2s = new Float64Array(cols);
  for (let j = 0; j < cols; j++) p2s[j] = (j + off) * g.pixel2 - g.poni2;
  for (let i = 0; i < rows; i++) {
    const di = options.flipRows ? (corners ? height - i : height - 1 - i) : i;
    const p1 = (di + off) * g.pixel1 - g.poni1;
    // Terms of R·(p1, p2, L) that do not depend on the column.
    const a1 = R[0] * p1 + R[2] * L;
    const a2 = R[3] * p1 + R[5] * L;
    const a3 = R[6] * p1 + R[8] * L;
    const row = i * cols;
    for (let j = 0; j < cols; j++) {
      const p2 = p2s[j];
      const t1 = a1 + R[1] * p2;
      const t2 = a2 + R[4] * p2;
      const t3 = a3 + R[7] * p2;
      twoTheta[row + j] = Math.atan2(Math.sqrt(t1 * t1 + t2 * t2), t3);
      if (all) {
        chi[row + j] = Math.atan2(t1, t2);
        cosIncidence[row + j] = L / Math.sqrt(L * L + p1 * p1 + p2 * p2);
      }
    }
  }
  return { twoTheta, chi, cosIncidence, rows, cols };
}
