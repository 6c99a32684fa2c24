/**
 * Turns a column text file (read by `parseColumns`: `.xy`, `.xye`, `.dat`, `.csv`, pyFAI/Dioptas
 * exports) into a diffraction pattern: first column x, second intensity, third σ when asked (`.xye`)
 * or when it is named like an uncertainty (sigma, esd, err, std).
 *
 * - The x axis is q when the x column is named q (`q_nm^-1` is converted to Å⁻¹, `q_A^-1` kept),
 *   otherwise 2θ in degrees (`2th_deg`, `2theta`, unnamed).
 * - The wavelength is read from a `Wavelength` header (pyFAI writes metres: `4.066e-11 m`; values
 *   below 1e-6 without unit are taken as metres, `nm` converted, otherwise Å).
 * - x must be strictly monotonic; a decreasing pattern is reversed.
 */
import { TextFormatError } from '../columns/TextFormatError';
import type { ColumnFile } from '../columns/types';
import type { PatternAxis, XrdPattern } from './types';

export interface PatternFromColumnsOptions {
  /** Take the third column as σ of the intensity (the `.xye` convention). @default false */
  sigmaColumn?: boolean;
  /** Format tag stored on the pattern. @default 'columns' */
  format?: XrdPattern['format'];
}

const SIGMA_NAME = /^(sigma|sigma_?i|esd|err|error|std|unc|uncertainty|e)$/i;

export function patternFromColumns(file: ColumnFile, options: PatternFromColumnsOptions = {}): XrdPattern {
  const name = file.fileName;
  if (file.columns.length < 2)
    throw new TextFormatError(name, null, `expected at least 2 columns (x, intensity), found ${file.columns.length}`);
  const xInfo = file.columns[0];
  const xName = `${xInfo.name} ${xInfo.unit}`.toLowerCase();
  let axis: PatternAxis = 'twoTheta';
  let xScale = 1;
  if (/^q\b|^q_|^q\s/.test(xName)) {
    axis = 'q';
    if (/nm/.test(xName)) xScale = 0.1;
  }
  let sigma: Float64Array | null = null;
  const third = file.columns[2];
  if (third && (options.sigmaColumn || SIGMA_NAME.test(third.name.trim()))) sigma = Float64Array.from(file.data[2]);
  if (options.sigmaColumn && !third)
    throw new TextFormatError(name, null, `expected 3 columns (x, intensity, σ) in an .xye file, found ${file.columns.length}`);

  const x = Float64Array.from(file.data[0], (v) => v * xScale);
  const y = Float64Array.from(file.data[1]);
  const n = x.length;
  if (n < 2) throw new TextFormatError(name, null, `expected at least 2 data rows, found ${n}`);
  const dir = Math.sign(x[1] - x[0]);
  for (let i = 1; i < n; i++)
    if (Math.sign(x[i] - x[i - 1]) !== dir || dir === 0)
      throw new TextFormatError(
        name,
        null,
        `data row ${i + 1}: x = ${x[i]} after ${x[i - 1]}: expected strictly ${dir > 0 ? 'increasing' : 'monotonic'} x values`,
      );
  if (dir < 0) {
    x.reverse();
    y.reverse();
    sigma?.reverse();
  }

  const warnings = [...file.warnings];
  let wavelength: number | null = null;
  for (const [key, value] of Object.entries(file.header)) {
    if (key.trim().toLowerCase() !== 'wavelength') continue;
    const m = /^([+-]?[\d.]+(?:[eE][+-]?\d+)?)\s*(m|nm|a|å|angstrom)?\b/i.exec(value.trim());
    const v = m ? Number(m[1]) : NaN;
    if (!(v > 0)) {
      warnings.push(`${name}: header "${key}": expected a positive wavelength, got "${value}"; none taken`);
      continue;
    }
    const unit = (m?.[2] ?? '').toLowerCase();
    wavelength = unit === 'm' || (unit === '' && v < 1e-6) ? v * 1e10 : unit === 'nm' ? v * 10 : v;
  }
  const yInfo = file.columns[1];
  return {
    fileName: name,
    label: name,
    format: options.format ?? 'columns',
    x,
    y,
    sigma,
    axis,
    yName: /^col\d+$/.test(yInfo.name) ? 'intensity' : yInfo.name,
    yUnit: yInfo.unit,
    wavelength,
    attrs: {},
    startTime: file.startTime,
    warnings,
  };
}
