import type { Hdf5Reader } from './openHdf5';

export interface Hdf5Vector {
  values: Float64Array;
  /** The dataset's `units` (or `unit`) attribute, '' when absent. */
  units: string;
}

/**
 * Reads a small numeric dataset (an axis: theta, energy) as float64, flattened, with its units
 * attribute. Throws a RangeError naming the file and path when it is missing or not numeric.
 */
export async function readHdf5Vector(reader: Hdf5Reader, path: string): Promise<Hdf5Vector> {
  return reader.use((file, h5) => {
    const ds = file.get(path);
    if (!(ds instanceof h5.Dataset)) throw new RangeError(`${reader.name}: "${path}" is not a dataset`);
    const m = ds.metadata;
    if (m.type !== 0 && m.type !== 1) throw new RangeError(`${reader.name}: "${path}" holds ${String(ds.dtype)} values, expected numbers`);
    const v = ds.value;
    const values = new Float64Array(typeof v === 'number' || typeof v === 'bigint' ? 1 : (v as ArrayLike<unknown>).length);
    if (typeof v === 'number' || typeof v === 'bigint') values[0] = Number(v);
    else for (let i = 0; i < values.length; i++) values[i] = Number((v as ArrayLike<number | bigint>)[i]);
    const attrs = ds.attrs;
    const u = (attrs.units ?? attrs.unit)?.value;
    const units = typeof u === 'string' ? u.trim() : Array.isArray(u) && typeof u[0] === 'string' ? String(u[0]).trim() : '';
    return { values, units };
  });
}
