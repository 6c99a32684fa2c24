import * as zarr from 'zarrita';

/** Reads one key of a Zarr store (`.zarray`, `zarr.json`, `c/0/1/2`); `undefined` when it does not exist. */
export type ZarrKeyReader = (key: string) => Promise<Uint8Array | undefined>;

export interface ZarrArrayInfo {
  /** zarrita's array, for `readZarrFrames`. */
  array: zarr.Array<zarr.DataType, zarr.Readable>;
  zarrFormat: 2 | 3;
  shape: number[];
  chunks: number[];
  /** zarrita data type: `uint16`, `float32`… */
  dtype: string;
  fillValue: number | null;
  attrs: Record<string, unknown>;
}

export interface OpenZarrArrayOptions {
  /** Path of the array inside the store, '' for the store's root. @default '' */
  path?: string;
  /** For messages. @default 'store' */
  storeName?: string;
}

/**
 * Opens a Zarr v2 or v3 array with zarrita (metadata only: shape, type, chunks, attributes; no
 * chunk is read). Keys are read on demand through `read`, so chunks are fetched only when frames
 * are read. Errors name the store, the path and what was found.
 */
export async function openZarrArray(read: ZarrKeyReader, options: OpenZarrArrayOptions = {}): Promise<ZarrArrayInfo> {
  const storeName = options.storeName ?? 'store';
  const path = (options.path ?? '').replace(/^\/+|\/+$/g, '');
  const store: zarr.AsyncReadable = { get: (key) => read(key.replace(/^\//, '')) };
  const where = path ? `"${path}" in ${storeName}` : storeName;
  let node: Awaited<ReturnType<typeof zarr.open>>;
  try {
    node = await zarr.open(zarr.root(store).resolve(path || '/'));
  } catch (err) {
    throw new RangeError(`${where}: no Zarr array or group found (expected .zarray (v2) or zarr.json (v3)): ${(err as Error).message}`);
  }
  if (!(node instanceof zarr.Array)) throw new RangeError(`${where} is a Zarr group, expected an array: give the array's path`);
  const array = node as zarr.Array<zarr.DataType, zarr.Readable>;
  const fv = array.fillValue;
  return {
    array,
    zarrFormat: (await read(path ? `${path}/zarr.json` : 'zarr.json')) ? 3 : 2,
    shape: array.shape,
    chunks: array.chunks,
    dtype: String(array.dtype),
    fillValue: typeof fv === 'number' ? fv : typeof fv === 'bigint' ? Number(fv) : null,
    attrs: { ...(array.attrs as Record<string, unknown>) },
  };
}
