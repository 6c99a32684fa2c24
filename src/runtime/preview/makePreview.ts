/**
 * Small, drawable summaries of values for the editor: plots of ≤ 2000 points per series, images of
 * ≤ 1024 px on the long side with a robust display range, the first rows of tables. Everything
 * returned is freshly allocated so the worker can transfer it without detaching cached values.
 */
import type { Preview } from '../engineApi';
import type { AxisInfo, TableValue, Value } from '../values';
import { decimateMinMax } from './decimateMinMax';
import { downsampleBox, downsampleNearest, previewFactor } from './downsampleImage';
import { robustRange } from './robustRange';

export interface MakePreviewOptions {
  /** Frame (slice) of a stack or labels stack, 0-based. @default 0 */
  frame?: number;
  /** Longest side of image previews, px. @default 1024 */
  maxSide?: number;
  /** Points per plotted series. @default 2000 */
  maxPoints?: number;
  /** Series drawn for spectra; more frames are picked evenly. @default 300 */
  maxSeries?: number;
  /** Rows shown for tables. @default 200 */
  maxRows?: number;
}

export type ImagePreview = Extract<Preview, { type: 'image' }>;
export type PlotPreview = Extract<Preview, { type: 'plot' }>;
export type TablePreview = Extract<Preview, { type: 'table' }>;

/** `count` indices spread evenly over 0..n−1, first and last included. */
export function evenlyPicked(n: number, count: number): number[] {
  if (n <= count) return Array.from({ length: n }, (_, i) => i);
  if (count === 1) return [0];
  return Array.from({ length: count }, (_, i) => Math.round((i * (n - 1)) / (count - 1)));
}

function checkFrame(frame: number, frames: number): void {
  if (!Number.isInteger(frame) || frame < 0 || frame >= frames)
    throw new RangeError(`frame: expected an integer in 0..${frames - 1}, got ${frame}`);
}

/** Image preview of one frame of row-major `frames × height × width` data. */
export function imagePreview(
  data: ArrayLike<number> & { subarray(a: number, b: number): ArrayLike<number> },
  width: number,
  height: number,
  options: {
    frame?: number;
    frames?: number;
    maxSide?: number;
    labels?: string[];
    frameAxis?: AxisInfo;
    frameCoords?: ArrayLike<number>;
  } = {},
): ImagePreview {
  const frames = options.frames ?? 1;
  const frame = options.frame ?? 0;
  checkFrame(frame, frames);
  const plane = data.subarray(frame * width * height, (frame + 1) * width * height);
  const factor = previewFactor(width, height, options.maxSide ?? 1024);
  const small = options.labels
    ? downsampleNearest(
        plane,
        width,
        height,
        factor,
        new Float32Array(Math.ceil(width / factor) * Math.ceil(height / factor)),
      )
    : downsampleBox(plane, width, height, factor);
  const r = robustRange(plane);
  const p: ImagePreview = {
    type: 'image',
    width: small.width,
    height: small.height,
    data: small.data,
    fullWidth: width,
    fullHeight: height,
    min: r.min,
    max: r.max,
    lo: r.lo,
    hi: r.hi,
    frame,
    frames,
  };
  if (options.labels) {
    p.classes = [...options.labels];
    // Class indices map to colours one to one: show the whole class range, not percentiles.
    p.lo = 0;
    p.hi = Math.max(options.labels.length - 1, r.max);
  }
  if (options.frameAxis) p.frameAxis = { ...options.frameAxis };
  if (options.frameCoords && options.frameCoords.length > frame) p.frameCoord = options.frameCoords[frame];
  return p;
}

export function tablePreview(t: TableValue, maxRows = 200): TablePreview {
  const n = Math.min(t.rows, maxRows);
  const rows: (number | string)[][] = [];
  for (let r = 0; r < n; r++) rows.push(t.columns.map((c) => ('data' in c ? c.data[r] : c.text[r])));
  return { type: 'table', columns: t.columns.map((c) => ({ name: c.name, unit: c.unit })), rows, totalRows: t.rows };
}

export function makePreview(value: Value, options: MakePreviewOptions = {}): Preview | null {
  const maxPoints = options.maxPoints ?? 2000;
  const frame = options.frame ?? 0;
  switch (value.kind) {
    case 'spectrum': {
      const s = decimateMinMax(value.x, value.y, { maxPoints });
      return {
        type: 'plot',
        xAxis: { ...value.xAxis },
        yAxis: { ...value.yAxis },
        series: [{ label: value.yAxis.name || 'y', ...s }],
        ...(value.meta.timeOrigin ? { timeOrigin: value.meta.timeOrigin } : {}),
      };
    }
    case 'spectra': {
      const { frames, points } = value;
      if (value.y.length !== frames * points)
        throw new RangeError(`y: expected frames × points = ${frames * points} values, got ${value.y.length}`);
      const picked = evenlyPicked(frames, options.maxSeries ?? 300);
      const series = picked.map((f) => ({
        label: value.frameLabels[f] ?? `frame ${f}`,
        ...decimateMinMax(value.x, value.y.subarray(f * points, (f + 1) * points), { maxPoints }),
      }));
      const time = Float64Array.from(picked, (f) => value.time[f]);
      return {
        type: 'plot',
        xAxis: { ...value.xAxis },
        yAxis: { ...value.yAxis },
        series,
        time,
        ...(value.meta.timeOrigin ? { timeOrigin: value.meta.timeOrigin } : {}),
      };
    }
    case 'image':
      return imagePreview(value.data, value.width, value.height, { maxSide: options.maxSide });
    case 'stack':
      return imagePreview(value.data, value.width, value.height, {
        frame,
        frames: value.frames,
        maxSide: options.maxSide,
        frameAxis: value.frameAxis,
        frameCoords: value.frameCoords,
      });
    case 'labels':
      return imagePreview(value.data, value.width, value.height, {
        frame,
        frames: value.frames,
        maxSide: options.maxSide,
        labels: value.classes,
      });
    case 'bands':
      // The low-frequency band is the image-like part of a decomposition.
      return imagePreview(value.low, value.width, value.height, { maxSide: options.maxSide });
    case 'table':
      return tablePreview(value, options.maxRows ?? 200);
    case 'model':
      return null;
  }
}
