import type { Metadata } from 'h5wasm';

/** numpy-style type string (`<f4`, `>u2`, `|u1`, `|S8`) of an h5wasm dataset's metadata (HDF5 type classes). */
export function hdf5DTypeString(m: Pick<Metadata, 'type' | 'size' | 'signed' | 'littleEndian' | 'vlen'>): string {
  const order = m.size === 1 ? '|' : m.littleEndian ? '<' : '>';
  if (m.type === 0) return `${order}${m.signed ? 'i' : 'u'}${m.size}`;
  if (m.type === 1) return `${order}f${m.size}`;
  if (m.type === 3) return m.vlen ? 'str' : `|S${m.size}`;
  if (m.type === 6) return 'compound';
  if (m.type === 9) return 'vlen';
  if (m.type === 10) return 'array';
  if (m.type === 8) return 'enum';
  return `type${m.type}`;
}
