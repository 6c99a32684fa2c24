import { describe, expect, it } from 'vitest';
import { emptyMeta, type LabelsValue, type SpectraValue, type StackValue, type TableValue } from '../../values';
import { evenlyPicked, makePreview } from '../makePreview';
import { tablePlotPreview } from '../tablePlotPreview';
import { previewTransferables } from '../previewTransferables';

const axis = (name: string, unit = '') => ({ name, unit });

function spectra(frames: number, points: number): SpectraValue {
  const y = new Float64Array(frames * points);
  for (let f = 0; f < frames; f++) for (let p = 0; p < points; p++) y[f * points + p] = f + p / points;
  return {
    kind: 'spectra',
    x: Float64Array.from({ length: points }, (_, i) => 7000 + i),
    y,
    frames,
    points,
    time: Float64Array.from({ length: frames }, (_, i) => i * 60),
    frameLabels: Array.from({ length: frames }, (_, i) => `scan_${i}.xdi`),
    xAxis: axis('energy', 'eV'),
    yAxis: axis('mu'),
    meta: { ...emptyMeta(), timeOrigin: '2024-05-01T10:00:00Z' },
  };
}

function stack(frames: number, height: number, width: number): StackValue {
  const data = new Float32Array(frames * width * height);
  for (let i = 0; i < data.length; i++) data[i] = Math.floor(i / (width * height)) * 1000 + (i % (width * height));
  return {
    kind: 'stack',
    frames,
    width,
    height,
    dtype: 'f32',
    data,
    frameAxis: axis('z', 'µm'),
    frameCoords: Float64Array.from({ length: frames }, (_, i) => i * 0.65),
    valueAxis: axis('attenuation'),
    meta: emptyMeta(),
  };
}

describe('makePreview', () => {
  it('spectrum → one decimated series with axes', () => {
    const n = 5000;
    const p = makePreview({
      kind: 'spectrum',
      x: Float64Array.from({ length: n }, (_, i) => i),
      y: Float64Array.from({ length: n }, (_, i) => Math.cos(i)),
      xAxis: axis('2θ', '°'),
      yAxis: axis('intensity', 'counts'),
      meta: emptyMeta(),
    });
    expect(p?.type).toBe('plot');
    if (p?.type !== 'plot') return;
    expect(p.series).toHaveLength(1);
    expect(p.series[0].x.length).toBeLessThanOrEqual(2000);
    expect(p.xAxis).toEqual(axis('2θ', '°'));
  });

  it('spectra ≤ 300 frames → every frame, labels and times', () => {
    const p = makePreview(spectra(58, 300));
    if (p?.type !== 'plot') throw new Error('expected a plot');
    expect(p.series).toHaveLength(58);
    expect(p.series[3].label).toBe('scan_3.xdi');
    expect([...p.series[3].y.slice(0, 2)]).toEqual([3, 3 + 1 / 300]);
    expect([...p.time!.slice(0, 3)]).toEqual([0, 60, 120]);
    expect(p.timeOrigin).toBe('2024-05-01T10:00:00Z');
  });

  it('spectra > 300 frames → 300 evenly picked, first and last included, with their times', () => {
    const p = makePreview(spectra(1001, 10));
    if (p?.type !== 'plot') throw new Error('expected a plot');
    expect(p.series).toHaveLength(300);
    expect(p.series[0].label).toBe('scan_0.xdi');
    expect(p.series[299].label).toBe('scan_1000.xdi');
    expect(p.time![299]).toBe(1000 * 60);
    expect(p.series[150].y[0]).toBe(Math.round((150 * 1000) / 299));
    expect(evenlyPicked(5, 300)).toEqual([0, 1, 2, 3, 4]);
  });

  it('image → reduced to ≤ 1024 px, full size and range reported', () => {
    const w = 3000;
    const h = 10;
    const data = new Uint16Array(w * h).map((_, i) => i % 1000);
    const p = makePreview({ kind: 'image', width: w, height: h, dtype: 'u16', data, valueAxis: axis('counts'), meta: emptyMeta() });
    if (p?.type !== 'image') throw new Error('expected an image');
    expect([p.width, p.height, p.fullWidth, p.fullHeight]).toEqual([1000, 4, 3000, 10]);
    expect(p.data).toBeInstanceOf(Float32Array);
    expect(p.data[0]).toBeCloseTo(1, 6); // the first 3×3 block holds 0, 1, 2 in every row
    expect([p.min, p.max]).toEqual([0, 999]);
    expect(p.lo).toBeGreaterThan(0);
    expect(p.hi).toBeLessThan(999);
    expect([p.frame, p.frames]).toEqual([0, 1]);
  });

  it('stack → the requested frame with its axis and coordinate; a bad frame is refused by name', () => {
    const s = stack(4, 6, 5);
    const p = makePreview(s, { frame: 2 });
    if (p?.type !== 'image') throw new Error('expected an image');
    expect(p.frame).toBe(2);
    expect(p.frames).toBe(4);
    expect(p.data[0]).toBe(2000);
    expect(p.frameAxis).toEqual(axis('z', 'µm'));
    expect(p.frameCoord).toBeCloseTo(1.3, 12);
    expect(() => makePreview(s, { frame: 4 })).toThrow(/frame: expected an integer in 0..3, got 4/);
  });

  it('labels → nearest sampling (never averaged), class names, whole class range', () => {
    const w = 2048;
    const h = 2;
    const data = new Uint8Array(w * h).map((_, i) => (i % 2 === 0 ? 0 : 2));
    const l: LabelsValue = { kind: 'labels', frames: 1, width: w, height: h, data, classes: ['pore', 'cbd', 'nmc'], meta: emptyMeta() };
    const p = makePreview(l);
    if (p?.type !== 'image') throw new Error('expected an image');
    expect(p.width).toBe(1024);
    expect(new Set(p.data)).toEqual(new Set([0]));
    expect(p.classes).toEqual(['pore', 'cbd', 'nmc']);
    expect([p.lo, p.hi]).toEqual([0, 2]);
  });

  it('table → columns with units and the first 200 rows', () => {
    const rows = 500;
    const t: TableValue = {
      kind: 'table',
      rows,
      columns: [
        { name: 't', unit: 's', data: Float64Array.from({ length: rows }, (_, i) => i) },
        { name: 'note', unit: '', text: Array.from({ length: rows }, (_, i) => `r${i}`) },
      ],
      meta: emptyMeta(),
    };
    const p = makePreview(t);
    if (p?.type !== 'table') throw new Error('expected a table');
    expect(p.columns).toEqual([{ name: 't', unit: 's' }, { name: 'note', unit: '' }]);
    expect(p.rows).toHaveLength(200);
    expect(p.rows[199]).toEqual([199, 'r199']);
    expect(p.totalRows).toBe(500);
  });

  it('table plot: chosen columns, names checked', () => {
    const t: TableValue = {
      kind: 'table',
      rows: 3,
      columns: [
        { name: 't', unit: 's', data: new Float64Array([0, 1, 2]) },
        { name: 'V', unit: 'V', data: new Float64Array([3.1, 3.2, 3.3]) },
        { name: 'I', unit: 'mA', data: new Float64Array([1, 1, 1]) },
      ],
      meta: emptyMeta(),
    };
    const p = tablePlotPreview(t, 't', 'V');
    expect(p.series).toHaveLength(1);
    expect([...p.series[0].y]).toEqual([3.1, 3.2, 3.3]);
    expect(p.xAxis).toEqual({ name: 't', unit: 's' });
    expect(tablePlotPreview(t, '', '').series.map((s) => s.label)).toEqual(['V', 'I']);
    expect(() => tablePlotPreview(t, 'time', '')).toThrow(/x: no column "time" in the table \(columns: t, V, I\)/);
  });

  it('previews never share buffers with the value, so transferring them is safe', () => {
    const s = spectra(3, 10);
    const p = makePreview(s)!;
    const buffers = previewTransferables(p);
    expect(buffers.length).toBeGreaterThan(0);
    expect(buffers).not.toContain(s.y.buffer);
    expect(buffers).not.toContain(s.x.buffer);
    const st = stack(1, 4, 4);
    const ip = makePreview(st)!;
    expect(previewTransferables(ip)).not.toContain(st.data.buffer);
  });
});
