/**
 * Line plot of spectra with uPlot. Series over time get a slider: the others fade (stroke
 * functions read the highlighted index) and the chosen spectrum is drawn again on top as one extra
 * series, so moving the slider only swaps that series' data; the plot is not rebuilt.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Preview } from '../runtime/engineApi';

type PlotPreview = Extract<Preview, { type: 'plot' }>;

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];

function axisLabel(a: { name: string; unit: string }): string {
  return a.unit ? `${a.name} (${a.unit})` : a.name;
}

/** Aligns series on one x: shared arrays when all x are equal, else uPlot's union join. */
/** Data with spectrum `i` appended as the top-most series (when there is a series to highlight). */
function withHighlight(d: uPlot.AlignedData, i: number, on: boolean): uPlot.AlignedData {
  return on ? ([...d, d[1 + Math.max(0, i)]] as uPlot.AlignedData) : d;
}

function toAligned(p: PlotPreview): uPlot.AlignedData {
  const s = p.series;
  const x0 = s[0].x;
  const same = s.every((q) => q.x.length === x0.length && q.x.every((v, i) => v === x0[i]));
  if (same) return [x0, ...s.map((q) => q.y)] as uPlot.AlignedData;
  return uPlot.join(s.map((q) => [q.x, q.y] as uPlot.AlignedData));
}

/** Colour along a series in time: blue (early) → red (late). */
function timeColor(i: number, n: number, alpha: number): string {
  const t = n > 1 ? i / (n - 1) : 0;
  const r = Math.round(40 + 190 * t);
  const g = Math.round(90 + 30 * Math.sin(Math.PI * t));
  const b = Math.round(200 - 170 * t);
  return `rgba(${r},${g},${b},${alpha})`;
}

export function PlotView({ preview }: { preview: PlotPreview }) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const n = preview.series.length;
  // Only spectra over time (a `time` per series) get the slider. Curves with markers (frames on a
  // voltage curve) and independent curves (table columns such as dy/dx, loss and IoU) are one picture.
  const hasMarkers = preview.series.some((s) => s.style === 'markers');
  const series = n > 1 && !hasMarkers && preview.time !== undefined;
  const [sel, setSel] = useState(0);
  const selRef = useRef(0);
  const index = Math.min(sel, n - 1);
  selRef.current = series ? index : -1;
  const data = useMemo(() => toAligned(preview), [preview]);

  useEffect(() => {
    const el = host.current;
    if (!el || n === 0) return;
    const many = n > 8;
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: 260,
      legend: { show: !many },
      cursor: { drag: { x: true, y: true, uni: 20 } },
      scales: { x: { time: false } },
      axes: [
        { label: axisLabel(preview.xAxis), labelSize: 18, size: 40, stroke: '#3a4350', grid: { stroke: '#eceff3' } },
        { label: axisLabel(preview.yAxis), labelSize: 18, size: 56, stroke: '#3a4350', grid: { stroke: '#eceff3' } },
      ],
      series: [
        { label: axisLabel(preview.xAxis) },
        ...preview.series.map((s, i) => ({
          label: s.label,
          spanGaps: true,
          ...(s.style === 'markers'
            ? { paths: () => null, points: { show: true, size: 7, width: 1.5, fill: '#ffffff', stroke: PALETTE[i % PALETTE.length] } }
            : { points: { show: false } }),
          width: 1.4,
          stroke: many
            ? () => {
                const h = selRef.current;
                return h < 0 ? timeColor(i, n, 0.9) : timeColor(i, n, i === h ? 0 : 0.35);
              }
            : () => {
                const h = selRef.current;
                const c = PALETTE[i % PALETTE.length];
                return h < 0 ? c : c + '66';
              },
        })),
      ],
    };
    if (series)
      opts.series.push({ label: 'highlighted', spanGaps: true, points: { show: false }, width: 1.8, stroke: '#0b1220' });
    const u = new uPlot(opts, withHighlight(data, selRef.current, series), el);
    plot.current = u;
    const ro = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height: 260 }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [data, preview, n, series]);

  useEffect(() => {
    plot.current?.setData(withHighlight(data, index, series), false);
  }, [index, data, series]);

  const t = preview.time?.[index];
  return (
    <div className="plot-view">
      <div ref={host} className="plot-host" data-testid="preview-plot" />
      {series && (
        <div className="slider-block">
          <div className="slider-caption">
            <label htmlFor="plot-time">Highlighted spectrum</label>
            <span className="slider-value">
              {index + 1}/{n}
              {t !== undefined && Number.isFinite(t) ? ` · t = ${formatTime(t)}` : ''}
            </span>
          </div>
          <input
            id="plot-time"
            type="range"
            min={0}
            max={n - 1}
            step={1}
            value={index}
            data-testid="preview-time"
            onChange={(e) => setSel(Number(e.target.value))}
          />
          {n > 8 && (
            <div className="time-legend" aria-label="Line colour by time">
              <span>first</span>
              <span className="time-ramp" style={{ background: `linear-gradient(90deg, ${timeColor(0, 2, 1)}, ${timeColor(1, 3, 1)}, ${timeColor(1, 2, 1)})` }} />
              <span>last</span>
            </div>
          )}
          <div className="slider-label" title={preview.series[index]?.label}>
            {baseName(preview.series[index]?.label ?? '')}
          </div>
        </div>
      )}
    </div>
  );
}

function formatTime(s: number): string {
  if (Math.abs(s) < 120) return `${s.toFixed(1)} s`;
  if (Math.abs(s) < 7200) return `${(s / 60).toFixed(1)} min`;
  return `${(s / 3600).toFixed(2)} h`;
}

function baseName(label: string): string {
  return label.slice(label.lastIndexOf('/') + 1);
}
