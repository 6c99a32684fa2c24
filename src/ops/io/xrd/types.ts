import type { TimeStamp } from '../columns/parseTimeStamp';

/** What the x values of a diffraction pattern are: scattering angle 2θ (°) or momentum transfer q (Å⁻¹). */
export type PatternAxis = 'twoTheta' | 'q';

/** One 1-D diffraction pattern as read from a file (.xy/.xye/.dat/.csv, FIT2D .chi, PANalytical .xrdml). */
export interface XrdPattern {
  fileName: string;
  /** Frame label: the file name, with `#scan N` appended when a file holds several scans. */
  label: string;
  format: 'columns' | 'chi' | 'xrdml';
  /** 2θ in degrees or q in Å⁻¹ (see `axis`), increasing. */
  x: Float64Array;
  /** Intensity. */
  y: Float64Array;
  /** Standard uncertainty of each intensity (the σ column of an `.xye`), when the file has one. */
  sigma: Float64Array | null;
  axis: PatternAxis;
  /** Name and unit of the intensity (`counts`, `cps`, or as the file says). */
  yName: string;
  yUnit: string;
  /** X-ray wavelength in Å from the file (pyFAI header, xrdml Kα1), when it gives one. */
  wavelength: number | null;
  /** Key metadata: instrument, anode, kAlpha2, countingTime … */
  attrs: Record<string, string | number | boolean | null>;
  startTime: TimeStamp | null;
  /** Non-fatal problems, each naming the file and line or field. */
  warnings: string[];
}
