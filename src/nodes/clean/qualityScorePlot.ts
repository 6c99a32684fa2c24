/**
 * The quality node's preview: robust z-scores of the quality features over the frame axis, the
 * flagged frames marked, and the ±threshold lines of the z-score rule. z-scores rather than the raw
 * features so that noise σ, Laplacian variance and mean (different units and scales) share an axis.
 */
import type { NumericColumn, TableValue } from '../../runtime/values';
import type { PlotPreview } from '../../runtime/preview/makePreview';
import { robustZScores } from '../../ops/quality/robustZScores';

/** |z| drawn for a feature whose MAD is 0 (z = ±∞ would break the plot's range). */
const Z_CAP = 1000;

export interface QualityScorePlotOptions {
  /** Features drawn one series each (columns of the scores table). */
  plotted: readonly string[];
  /** Features the rule used, when more than the plotted ones: drawn as one "max |z|" series. */
  used?: readonly string[];
  /** z-score rule threshold: drawn as ±threshold lines; null for other rules. */
  threshold: number | null;
}

function column(t: TableValue, name: string): Float64Array {
  const c = t.columns.find((col): col is NumericColumn => col.name === name && 'data' in col);
  if (!c) throw new RangeError(`qualityScorePlot: the scores table has no numeric column "${name}"`);
  return c.data;
}

/** z of the named columns, `rows × names.length`. */
function zOf(t: TableValue, names: readonly string[]): Float64Array {
  const m = names.length;
  const feats = new Float64Array(t.rows * m);
  names.forEach((n, k) => column(t, n).forEach((v, i) => (feats[i * m + k] = v)));
  return robustZScores(feats, t.rows, m);
}

const capped = (z: number) => Math.max(-Z_CAP, Math.min(Z_CAP, z));

/** Builds the plot from the scores table of `clean.quality-score` (x: its second column, the frame coordinate). */
export function qualityScorePlot(t: TableValue, options: QualityScorePlotOptions): PlotPreview {
  const xCol = t.columns[1] as NumericColumn;
  const x = xCol.data;
  const flags = column(t, 'flag');
  const series: PlotPreview['series'] = [];
  const p = options.plotted.length;
  const z = zOf(t, options.plotted);
  // Per frame, the plotted value farthest from 0: where a flagged frame's marker sits.
  const extreme = new Float64Array(t.rows);
  const keep = (zi: number, i: number) => {
    if (Number.isNaN(zi)) return;
    if (Math.abs(capped(zi)) > Math.abs(extreme[i])) extreme[i] = capped(zi);
  };
  options.plotted.forEach((name, k) => {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < t.rows; i++) {
      const zi = z[i * p + k];
      keep(zi, i);
      if (Number.isNaN(zi)) continue; // a NaN feature leaves a gap (its frame is flagged by name)
      xs.push(x[i]);
      ys.push(capped(zi));
    }
    series.push({ label: name, x: Float64Array.from(xs), y: Float64Array.from(ys) });
  });
  const extra = (options.used ?? []).filter((n) => !options.plotted.includes(n));
  if (extra.length) {
    const u = options.used!.length;
    const zu = zOf(t, options.used!);
    const y = new Float64Array(t.rows);
    for (let i = 0; i < t.rows; i++) {
      let m = 0;
      for (let k = 0; k < u; k++) {
        const v = Math.abs(zu[i * u + k]);
        if (v > m) m = v;
      }
      y[i] = capped(m);
      keep(y[i], i);
    }
    series.push({ label: `max |z| of ${u} features`, x: Float64Array.from(x), y });
  }
  if (options.threshold !== null && t.rows > 0) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of x) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    const ends = Float64Array.from([lo, hi]);
    series.push({ label: `+${options.threshold}`, x: ends, y: new Float64Array(2).fill(options.threshold) });
    series.push({ label: `−${options.threshold}`, x: Float64Array.from(ends), y: new Float64Array(2).fill(-options.threshold) });
  }
  const flagged: number[] = [];
  for (let i = 0; i < t.rows; i++) if (flags[i] === 1) flagged.push(i);
  series.push({ label: 'flagged', style: 'markers', x: Float64Array.from(flagged, (i) => x[i]), y: Float64Array.from(flagged, (i) => extreme[i]) });
  return {
    type: 'plot',
    xAxis: { name: xCol.name, unit: xCol.unit },
    yAxis: { name: 'robust z-score', unit: '' },
    series,
    ...(t.meta.timeOrigin ? { timeOrigin: t.meta.timeOrigin } : {}),
  };
}
