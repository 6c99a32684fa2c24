import type { ByteSource } from '../byteSource';

/** A ByteSource that counts the reads asked of it and the bytes they served (tests of lazy readers). */
export function countingByteSource(src: ByteSource): ByteSource & { bytes: number; reads: number } {
  const c = {
    name: src.name,
    size: src.size,
    bytes: 0,
    reads: 0,
    async read(start: number, end: number) {
      const r = await src.read(start, end);
      c.bytes += r.byteLength;
      c.reads++;
      return r;
    },
  };
  return c;
}
