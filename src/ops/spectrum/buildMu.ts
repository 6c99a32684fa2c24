/**
 * Builds μ(E) from the columns of a spectrum file, as Athena's column selection does:
 * - `column`: μ is a named column (mutrans, mufluor, normalized, …);
 * - `transmission`: μ = ln(I0 / It);
 * - `fluorescence`: μ = If / I0;
 * - `auto`: a μ-like column when there is one, else transmission when I0 and It exist, else
 *   fluorescence when I0 and If exist, else the first column that is not x (with a warning).
 * Column names match case-insensitively. An XDI `angle` x column with a `Mono.d_spacing` is converted to
 * energy by Bragg's law. The result is sorted by increasing x.
 */
import type { AxisInfo } from '../../runtime/values';
import type { ColumnFile } from '../io/columns/types';

export type MuMode = 'auto' | 'column' | 'transmission' | 'fluorescence';

export interface BuildMuOptions {
  /** How μ is formed. @default 'auto' */
  mode?: MuMode;
  /** Name of the x column; '' = `energy`, else a column containing "energy", else the first. @default '' */
  xColumn?: string;
  /** μ column for mode `column`; '' = the first of mutrans, mufluor, mu, xmu, normalized, norm, flat. @default '' */
  muColumn?: string;
  /** Incident intensity column; '' = i0 / io / imon. @default '' */
  i0Column?: string;
  /** Transmitted intensity column; '' = itrans / it / i1. @default '' */
  itColumn?: string;
  /** Fluorescence intensity column; '' = ifluor / if / ifl / fluor. @default '' */
  ifColumn?: string;
}

export interface MuSpectrum {
  x: Float64Array;
  y: Float64Array;
  xAxis: AxisInfo;
  yAxis: AxisInfo;
  /** The mode actually used (auto resolved). */
  mode: Exclude<MuMode, 'auto'>;
  warnings: string[];
}

/** h·c in eV·Å (CODATA 2018). */
const HC_EV_ANGSTROM = 12398.41984332;

const MU_NAMES = ['mutrans', 'mufluor', 'mu', 'xmu', 'normalized', 'norm', 'flat'];
const I0_NAMES = ['i0', 'io', 'imon'];
const IT_NAMES = ['itrans', 'it', 'i1'];
const IF_NAMES = ['ifluor', 'if', 'ifl', 'fluor'];

export function buildMu(file: ColumnFile, options: BuildMuOptions = {}): MuSpectrum {
  const warnings: string[] = [];
  const names = file.columns.map((c) => c.name.toLowerCase());
  const list = file.columns.map((c) => `"${c.name}"`).join(', ');
  const named = (param: string, name: string): number => {
    const k = names.indexOf(name.toLowerCase());
    if (k < 0) throw new RangeError(`${file.fileName}: ${param} = "${name}": no such column; the columns are ${list}`);
    return k;
  };
  const find = (candidates: string[]) => {
    for (const c of candidates) {
      const k = names.indexOf(c);
      if (k >= 0) return k;
    }
    return -1;
  };

  let ix: number;
  if (options.xColumn) ix = named('xColumn', options.xColumn);
  else {
    ix = names.indexOf('energy');
    if (ix < 0) ix = names.findIndex((n) => n.includes('energy'));
    if (ix < 0) ix = 0;
  }
  const i0 = options.i0Column ? named('i0Column', options.i0Column) : find(I0_NAMES);
  const it = options.itColumn ? named('itColumn', options.itColumn) : find(IT_NAMES);
  const iff = options.ifColumn ? named('ifColumn', options.ifColumn) : find(IF_NAMES);
  let imu = options.muColumn ? named('muColumn', options.muColumn) : find(MU_NAMES);

  let mode = options.mode ?? 'auto';
  if (mode === 'auto') {
    if (imu >= 0 && imu !== ix) mode = 'column';
    else if (i0 >= 0 && it >= 0) mode = 'transmission';
    else if (i0 >= 0 && iff >= 0) mode = 'fluorescence';
    else mode = 'column';
  }

  const x = file.data[ix];
  const n = x.length;
  const y = new Float64Array(n);
  let yAxis: AxisInfo;
  const row = (i: number) => `row ${i + 1} (x = ${x[i]})`;
  if (mode === 'column') {
    if (imu < 0 || imu === ix) {
      imu = file.columns.findIndex((_, k) => k !== ix);
      if (imu < 0) throw new RangeError(`${file.fileName}: only one column (${list}): expected an x and a μ column`);
      warnings.push(`${file.fileName}: no μ column named ${MU_NAMES.join('/')}: using column "${file.columns[imu].name}" as μ`);
    }
    y.set(file.data[imu]);
    yAxis = { name: file.columns[imu].name, unit: file.columns[imu].unit };
  } else if (mode === 'transmission') {
    if (i0 < 0 || it < 0)
      throw new RangeError(`${file.fileName}: mode "transmission" needs I0 and It columns (i0Column, itColumn); the columns are ${list}`);
    const a = file.data[i0];
    const b = file.data[it];
    for (let i = 0; i < n; i++) {
      if (!(a[i] > 0) || !(b[i] > 0))
        throw new RangeError(
          `${file.fileName}, ${row(i)}: ln(${file.columns[i0].name}/${file.columns[it].name}) needs positive intensities, got ${a[i]} and ${b[i]}`,
        );
      y[i] = Math.log(a[i] / b[i]);
    }
    yAxis = { name: `ln(${file.columns[i0].name}/${file.columns[it].name})`, unit: '' };
  } else {
    if (i0 < 0 || iff < 0)
      throw new RangeError(`${file.fileName}: mode "fluorescence" needs I0 and If columns (i0Column, ifColumn); the columns are ${list}`);
    const a = file.data[i0];
    const f = file.data[iff];
    for (let i = 0; i < n; i++) {
      if (!(a[i] > 0))
        throw new RangeError(`${file.fileName}, ${row(i)}: ${file.columns[iff].name}/${file.columns[i0].name} needs a positive ${file.columns[i0].name}, got ${a[i]}`);
      y[i] = f[i] / a[i];
    }
    yAxis = { name: `${file.columns[iff].name}/${file.columns[i0].name}`, unit: '' };
  }

  let xAxis: AxisInfo = { name: file.columns[ix].name, unit: file.columns[ix].unit || guessEnergyUnit(file.columns[ix].name, x) };
  let xs = x;
  const dspacing = Number(Object.entries(file.header).find(([k]) => k.toLowerCase() === 'mono.d_spacing')?.[1]);
  if (!options.xColumn && xAxis.name.toLowerCase() === 'angle' && dspacing > 0) {
    // Bragg's law, E = hc / (2 d sin θ): an XDI angle scan with its mono d-spacing is an energy scan.
    const rad = /^rad/i.test(xAxis.unit) ? 1 : Math.PI / 180;
    xs = x.map((t) => HC_EV_ANGSTROM / (2 * dspacing * Math.sin(t * rad)));
    warnings.push(`${file.fileName}: x column "angle" converted to energy with Mono.d_spacing = ${dspacing} Å (E = hc / 2d sin θ)`);
    xAxis = { name: 'energy', unit: 'eV' };
  }
  const sorted = sortByX(xs, y);
  if (sorted.reordered) warnings.push(`${file.fileName}: x values were not increasing; points sorted by x`);
  return { x: sorted.x, y: sorted.y, xAxis, yAxis, mode, warnings };
}

/** An energy column without unit: eV for values above 100, keV below (beamline energies are 1–100 keV). */
function guessEnergyUnit(name: string, x: Float64Array): string {
  if (!/energy|^e$/i.test(name) || x.length === 0) return '';
  const mid = x[Math.floor(x.length / 2)];
  return Math.abs(mid) > 100 ? 'eV' : 'keV';
}

function sortByX(x: Float64Array, y: Float64Array): { x: Float64Array; y: Float64Array; reordered: boolean } {
  let increasing = true;
  let decreasing = true;
  for (let i = 1; i < x.length; i++) {
    if (x[i] < x[i - 1]) increasing = false;
    if (x[i] > x[i - 1]) decreasing = false;
  }
  if (increasing) return { x: Float64Array.from(x), y, reordered: false };
  if (decreasing) return { x: Float64Array.from(x).reverse(), y: Float64Array.from(y).reverse(), reordered: false };
  const order = Array.from(x, (_, i) => i).sort((a, b) => x[a] - x[b] || a - b);
  return { x: Float64Array.from(order, (i) => x[i]), y: Float64Array.from(order, (i) => y[i]), reordered: true };
}
