import { gzipSync, type GzipOptions } from 'fflate';
import { layoutDType, type LayoutArray, type ValueLayout } from './valueLayout';

export interface EncodeZarrOptions {
  /** Provenance JSON (parsed), stored in the group's `.zattrs` under `provenance`. */
  provenance?: unknown;
  /** Header metadata of the value, stored in the group's `.zattrs` under `source_attrs`. */
  attrs?: Record<string, string | number | boolean | null>;
  /**
   * gzip level (1–9) of every chunk.
   * @default 4
   */
  gzipLevel?: number;
  /** Receives each key of the store (`.zgroup`, `data/.zarray`, `data/3.0.0`) with its bytes, as produced. */
  put: (key: string, bytes: Uint8Array) => void;
  /** Called after each frame of a 3-D signal is encoded (progress and cancel: may throw). */
  onFrame?: (done: number, total: number) => Promise<void>;
}

const ZARR_DTYPE = { float64: '<f8', float32: '<f4', uint8: '|u1', uint16: '<u2' } as const;

/**
 * A Zarr **v2** group: one array per layout array (gzip chunks, C order, little-endian), each with
 * `_ARRAY_DIMENSIONS` (xarray's convention, so `xarray.open_zarr` gives named, coordinated
 * dimensions) and `units`/`long_name`; the group's `.zattrs` holds the NeXus-like `signal` and
 * `axes`, the strings (frame labels, class names, text columns) and the provenance. A 3-D signal
 * is chunked per frame and encoded frame by frame, so a stack streams out one chunk at a time.
 *
 * v2 rather than v3: every Zarr reader (zarr-python 2 and 3, Debian's python3-zarr 2.13,
 * xarray, zarrita, tensorstore, Fiji's N5/Zarr) reads v2, while v3 needs zarr-python ≥ 3.
 */
/** JSON with every non-ASCII character escaped: zarr-python 2 decodes metadata as ASCII. */
function json(o: unknown): Uint8Array {
  const text = JSON.stringify(o, null, 1).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return new TextEncoder().encode(text);
}

export async function encodeZarr(layout: ValueLayout, options: EncodeZarrOptions): Promise<void> {
  const level = options.gzipLevel ?? 4;
  if (!Number.isInteger(level) || level < 1 || level > 9) throw new RangeError(`encodeZarr: gzipLevel = ${level}, expected an integer 1..9`);
  const signal = layout.arrays.find((a) => a.name === layout.signal)!;
  const signalDims = layout.axes.map((a, d) => (a === '.' ? `dim_${d}` : a));

  const groupAttrs: Record<string, unknown> = { signal: layout.signal, axes: layout.axes, operando_flow_kind: layout.kind, ...layout.attrs };
  for (const t of layout.texts) groupAttrs[t.name] = t.text;
  if (options.attrs && Object.keys(options.attrs).length) groupAttrs.source_attrs = options.attrs;
  if (options.provenance !== undefined) groupAttrs.provenance = options.provenance;
  options.put('.zgroup', json({ zarr_format: 2 }));
  options.put('.zattrs', json(groupAttrs));

  for (const a of layout.arrays) {
    // Table columns share one row dimension, named after the first column (xarray then indexes
    // the rows by it); an axis array is its own dimension.
    const dims = layout.kind === 'table' ? [signalDims[0] === 'dim_0' ? 'row' : signalDims[0]] : a === signal ? signalDims : [a.name];
    await writeArray(a, dims, level, options, a === signal ? options.onFrame : undefined);
  }
}

async function writeArray(a: LayoutArray, dims: string[], level: number, o: EncodeZarrOptions, onFrame?: (done: number, total: number) => Promise<void>): Promise<void> {
  const perFrame = a.shape.length === 3;
  // Zarr chunks must not be empty: an empty table column gets chunk 1 and no chunk file.
  const chunks = perFrame ? [1, a.shape[1], a.shape[2]] : a.shape.map((s) => Math.max(1, s));
  o.put(
    `${a.name}/.zarray`,
    json({
      zarr_format: 2,
      shape: a.shape,
      chunks,
      dtype: ZARR_DTYPE[layoutDType(a.data)],
      compressor: { id: 'gzip', level },
      fill_value: 0,
      order: 'C',
      filters: null,
      dimension_separator: '.',
    }),
  );
  o.put(`${a.name}/.zattrs`, json({ _ARRAY_DIMENSIONS: dims, units: a.unit, long_name: a.longName }));
  const zeros = chunks.slice(1).map(() => 0);
  if (!perFrame) {
    if (a.data.length === 0) return;
    o.put(`${a.name}/${[0, ...zeros].join('.')}`, gzipSync(littleEndianBytes(a.data), { level: level as GzipOptions['level'] }));
    return;
  }
  const frames = a.shape[0];
  const plane = a.shape[1] * a.shape[2];
  for (let f = 0; f < frames; f++) {
    o.put(`${a.name}/${[f, ...zeros].join('.')}`, gzipSync(littleEndianBytes(a.data.subarray(f * plane, (f + 1) * plane)), { level: level as GzipOptions['level'] }));
    await onFrame?.(f + 1, frames);
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The array's bytes in little-endian order: a view on little-endian hosts (all current ones). */
function littleEndianBytes(a: LayoutArray['data']): Uint8Array {
  if (LITTLE_ENDIAN || a.BYTES_PER_ELEMENT === 1) return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const out = new Uint8Array(a.byteLength);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < a.length; i++) {
    if (a instanceof Float64Array) dv.setFloat64(8 * i, a[i], true);
    else if (a instanceof Float32Array) dv.setFloat32(4 * i, a[i], true);
    else dv.setUint16(2 * i, a[i], true);
  }
  return out;
}
