/**
 * A file seen as a size and ranged reads: what the lazy loaders (raw, HDF5, Zarr) read through, so
 * that a header and a few frames of a 20 GB file are read without the rest.
 */
export interface ByteSource {
  /** File name, for messages. */
  readonly name: string;
  /** Size in bytes. */
  readonly size: number;
  /** Bytes `[start, end)`, fewer at the end of the file. The result may be a view: do not modify it. */
  read(start: number, end: number): Promise<Uint8Array>;
}

/** A ByteSource over bytes already in memory (views, no copies). */
export function byteSource(name: string, bytes: Uint8Array): ByteSource {
  return {
    name,
    size: bytes.byteLength,
    read: async (start, end) => bytes.subarray(Math.max(0, start), Math.min(bytes.byteLength, end)),
  };
}
