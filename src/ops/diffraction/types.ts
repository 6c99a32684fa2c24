/**
 * Geometry of a flat area detector in pyFAI's convention (as written in a `.poni` file): lengths in
 * metres, angles in radians. Axis 1 is the slow (row, vertical) direction, axis 2 the fast (column)
 * one; the PONI (point of normal incidence) is the foot of the perpendicular from the sample to the
 * detector plane, `poni1`/`poni2` metres from the corner of pixel (0, 0); `rot1..3` rotate the
 * detector about axes 1, 2 and 3 (the beam) in that order.
 */
export interface DetectorGeometry {
  /** Sample–PONI distance (m). */
  dist: number;
  poni1: number;
  poni2: number;
  rot1: number;
  rot2: number;
  rot3: number;
  /** Pixel size along axis 1 (rows) and axis 2 (columns), m. */
  pixel1: number;
  pixel2: number;
  /** X-ray wavelength (m), when known. */
  wavelength: number | null;
  /** Detector name as given (`Pilatus1M`, `Detector`…). */
  detector: string;
  /** Detector shape `[rows, columns]`, when the file gives one. */
  maxShape: [number, number] | null;
}

/** Radial unit of an integrated pattern: 2θ in degrees or q in Å⁻¹ (pyFAI's `2th_deg`, `q_A^-1`). */
export type RadialUnit = '2th_deg' | 'q_A^-1';
