import type { AxisInfo, Value, ValueKind } from '../../runtime/values';

export type LayoutNumbers = Float64Array | Float32Array | Uint8Array | Uint16Array;

/** One numeric array of an exported value: the signal, an axis, or a table column. */
export interface LayoutArray {
  /** Dataset / array name (letters, digits, `_`, `.`, `-`; unique within the value). */
  name: string;
  /** The value's own array (never copied here). */
  data: LayoutNumbers;
  /** Row-major shape; the product equals `data.length`. */
  shape: number[];
  unit: string;
  /** The original axis name when `name` had to be changed to be a valid, unique name. */
  longName: string;
}

/** A list of strings (frame labels, class names, text columns), stored as a string array / list. */
export interface LayoutText {
  name: string;
  text: string[];
}

/**
 * A value as the arrays an HDF5 (NeXus NXdata), Zarr group or JSON file holds: the signal, one
 * axis array per signal dimension where there is one (`axes[d]` is its name or '.'), extra
 * columns, and strings. Shared by every array exporter so the three files agree.
 */
export interface ValueLayout {
  kind: ValueKind;
  signal: string;
  axes: string[];
  arrays: LayoutArray[];
  texts: LayoutText[];
  /** Small kind-specific facts (e.g. `{ frames: 3 }`), written as attributes. */
  attrs: Record<string, string | number>;
}

/** A dataset-safe name: runs of other characters become `_`; never empty. */
export function safeName(name: string, fallback: string): string {
  const s = name.trim().replace(/[^\p{L}\p{N}_.-]+/gu, '_').replace(/^_+|_+$/g, '');
  return s || fallback;
}

/**
 * The layout of a value. Images and stacks get pixel-coordinate axes `y`/`x` (pixel index × pixel
 * size, in the pixel-size unit; `pixel` when there is none) so NeXus readers show calibrated axes.
 * Throws a RangeError for kinds that have no array form (bands, models).
 */
export function valueLayout(v: Value): ValueLayout {
  const used = new Set<string>();
  const arrays: LayoutArray[] = [];
  const add = (axis: AxisInfo | { name: string; unit: string }, fallback: string, data: LayoutNumbers, shape: number[]): string => {
    let name = safeName(axis.name, fallback);
    for (let k = 2; used.has(name); k++) name = `${safeName(axis.name, fallback)}_${k}`;
    used.add(name);
    arrays.push({ name, data, shape, unit: axis.unit, longName: axis.name || name });
    return name;
  };
  const pixelAxes = (width: number, height: number, ps: { x: number; y: number; unit: string } | undefined): [string, string] => {
    const coords = (n: number, step: number) => Float64Array.from({ length: n }, (_, i) => i * step);
    const unit = ps ? ps.unit : 'pixel';
    const y = add({ name: 'y', unit }, 'y', coords(height, ps?.y ?? 1), [height]);
    const x = add({ name: 'x', unit }, 'x', coords(width, ps?.x ?? 1), [width]);
    return [y, x];
  };

  switch (v.kind) {
    case 'spectrum': {
      const signal = add(v.yAxis, 'y', v.y, [v.y.length]);
      const x = add(v.xAxis, 'x', v.x, [v.x.length]);
      return { kind: v.kind, signal, axes: [x], arrays, texts: [], attrs: {} };
    }
    case 'spectra': {
      const signal = add(v.yAxis, 'y', v.y, [v.frames, v.points]);
      const t = add({ name: 'time', unit: 's' }, 'time', v.time, [v.frames]);
      const x = add(v.xAxis, 'x', v.x, [v.points]);
      return { kind: v.kind, signal, axes: [t, x], arrays, texts: [{ name: 'frame_label', text: v.frameLabels }], attrs: { frames: v.frames } };
    }
    case 'image': {
      const signal = add(v.valueAxis, 'data', v.data, [v.height, v.width]);
      return { kind: v.kind, signal, axes: pixelAxes(v.width, v.height, v.pixelSize), arrays, texts: [], attrs: {} };
    }
    case 'stack': {
      const signal = add(v.valueAxis, 'data', v.data, [v.frames, v.height, v.width]);
      const f = add(v.frameAxis, 'frame', v.frameCoords, [v.frames]);
      return { kind: v.kind, signal, axes: [f, ...pixelAxes(v.width, v.height, v.pixelSize)], arrays, texts: [], attrs: { frames: v.frames } };
    }
    case 'labels': {
      const shape = v.frames > 1 ? [v.frames, v.height, v.width] : [v.height, v.width];
      const signal = add({ name: 'labels', unit: '' }, 'labels', v.data, shape);
      const axes = [...(v.frames > 1 ? ['.'] : []), ...pixelAxes(v.width, v.height, v.pixelSize)];
      return { kind: v.kind, signal, axes, arrays, texts: [{ name: 'classes', text: v.classes }], attrs: { frames: v.frames } };
    }
    case 'table': {
      const texts: LayoutText[] = [];
      for (const c of v.columns) {
        if ('data' in c) add(c, 'column', c.data, [v.rows]);
        else {
          let name = safeName(c.name, 'text');
          for (let k = 2; used.has(name); k++) name = `${safeName(c.name, 'text')}_${k}`;
          used.add(name);
          texts.push({ name, text: c.text });
        }
      }
      if (arrays.length === 0) throw new RangeError('valueLayout: the table has no numeric column, expected at least one');
      // NeXus needs one signal: the second numeric column over the first (y over x), as plotted.
      const signal = arrays.length > 1 ? arrays[1].name : arrays[0].name;
      const axes = arrays.length > 1 ? [arrays[0].name] : ['.'];
      return { kind: v.kind, signal, axes, arrays, texts, attrs: { rows: v.rows } };
    }
    default:
      throw new RangeError(`valueLayout: a ${v.kind} value has no array form; expected spectrum, spectra, image, stack, labels or table`);
  }
}

/** numpy-style dtype name of a layout array. */
export function layoutDType(a: LayoutNumbers): 'float64' | 'float32' | 'uint8' | 'uint16' {
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Uint16Array) return 'uint16';
  return 'uint8';
}
