import { loadH5wasm } from '../io/hdf5/loadH5wasm';
import type { Dataset, Group } from 'h5wasm';
import type { LayoutArray, ValueLayout } from './valueLayout';

export interface EncodeHdf5Options {
  /** JSON text stored as `/entry/process/provenance` (what made the data). */
  provenance?: string;
  /** Header metadata of the value, written as attributes of `/entry/process`. */
  attrs?: Record<string, string | number | boolean | null>;
  /**
   * gzip level (1–9) of the chunked datasets.
   * @default 4
   */
  gzipLevel?: number;
  /** Called after each frame of a 3-D signal is written (progress and cancel: may throw). */
  onFrame?: (done: number, total: number) => Promise<void>;
}

let fileSeq = 0;

/**
 * An HDF5 file (h5wasm) in the NeXus layout beamline tools open directly (nexpy, silx, h5web):
 * `/entry` (NXentry, default "data") → `/entry/data` (NXdata with `signal`, `axes` and
 * `<axis>_indices`), one dataset per layout array with `units` and `long_name` attributes,
 * strings (frame labels, class names, text columns) as UTF-8 string datasets, and
 * `/entry/process` (NXprocess) with the provenance JSON. Images are one gzip chunk; a 3-D signal
 * is chunked per frame and written frame by frame, so a stack streams through the encoder.
 */
export async function encodeHdf5(layout: ValueLayout, options: EncodeHdf5Options = {}): Promise<Uint8Array> {
  const level = options.gzipLevel ?? 4;
  if (!Number.isInteger(level) || level < 1 || level > 9) throw new RangeError(`encodeHdf5: gzipLevel = ${level}, expected an integer 1..9`);
  const h5 = await loadH5wasm();
  // The file lives in h5wasm's in-memory file system until its bytes are taken.
  const path = `/operando-flow-export-${++fileSeq}.h5`;
  const fs = h5.FS as unknown as { readFile(p: string): Uint8Array; unlink(p: string): void };
  const file = new h5.File(path, 'w');
  let open = true;
  try {
    file.create_attribute('default', 'entry');
    file.create_attribute('creator', 'OperandoFlow');
    const entry = file.create_group('entry');
    entry.create_attribute('NX_class', 'NXentry');
    entry.create_attribute('default', 'data');
    const data = entry.create_group('data');
    data.create_attribute('NX_class', 'NXdata');
    data.create_attribute('signal', layout.signal);
    data.create_attribute('axes', layout.axes.length === 1 ? layout.axes[0] : layout.axes);
    layout.axes.forEach((a, d) => {
      if (a !== '.') data.create_attribute(`${a}_indices`, d, null, '<i4');
    });
    data.create_attribute('operando_flow_kind', layout.kind);
    for (const [k, v] of Object.entries(layout.attrs)) data.create_attribute(k, v);
    for (const a of layout.arrays) await writeArray(data, a, level, a.name === layout.signal ? options.onFrame : undefined);
    for (const t of layout.texts) if (t.text.length) data.create_dataset({ name: t.name, data: t.text });

    const process = entry.create_group('process');
    process.create_attribute('NX_class', 'NXprocess');
    process.create_dataset({ name: 'program', data: 'OperandoFlow' });
    if (options.provenance !== undefined) process.create_dataset({ name: 'provenance', data: options.provenance });
    for (const [k, v] of Object.entries(options.attrs ?? {})) {
      if (v === null) continue;
      process.create_attribute(safeAttr(k), typeof v === 'boolean' ? String(v) : v);
    }
    file.close();
    open = false;
    return fs.readFile(path);
  } finally {
    if (open) file.close();
    try {
      fs.unlink(path);
    } catch {
      // never created
    }
  }
}

function safeAttr(name: string): string {
  return name.replace(/[/]/g, '_') || '_';
}

async function writeArray(group: Group, a: LayoutArray, level: number, onFrame?: (done: number, total: number) => Promise<void>): Promise<void> {
  let ds: Dataset;
  if (a.shape.length === 3) {
    const [frames, h, w] = a.shape;
    const plane = h * w;
    ds = group.create_dataset({
      name: a.name,
      data: a.data.subarray(0, plane),
      shape: [1, h, w],
      maxshape: [frames, h, w],
      chunks: [1, h, w],
      compression: 'gzip',
      compression_opts: level,
    });
    await onFrame?.(1, frames);
    for (let f = 1; f < frames; f++) {
      ds.resize([f + 1, h, w]);
      ds.write_slice([[f, f + 1], [0, h], [0, w]], a.data.subarray(f * plane, (f + 1) * plane));
      await onFrame?.(f + 1, frames);
    }
  } else if (a.shape.length === 2) {
    ds = group.create_dataset({ name: a.name, data: a.data, shape: a.shape, chunks: a.shape, compression: 'gzip', compression_opts: level });
  } else {
    ds = group.create_dataset({ name: a.name, data: a.data, shape: a.shape });
  }
  if (a.unit) ds.create_attribute('units', a.unit);
  ds.create_attribute('long_name', a.longName);
}
