/**
 * Identity of a file too big to hash whole in seconds (a 20 GB stack takes minutes): sha256 over
 * its size and samples of its bytes. The studio (File.slice) and the CLI (positioned reads) use
 * this one function, so both give a big file the same identity; `scripts/fixtures/sampled_sha256.py`
 * is the independent reference.
 *
 * Hashed, in this order: size as an 8-byte little-endian unsigned integer ‖ bytes [0, 4 MiB) ‖
 * 16 blocks of 1 MiB starting at floor((i + 1) · (size − 1 MiB) / 17), i = 0…15 ‖ the last 4 MiB.
 * It catches a changed size, header, end, or any rewrite of the bulk; it cannot see a change
 * confined to unsampled bytes — provenance says the identity is sampled for that reason.
 */
import { sha256Hex } from '../hash';

/** Files up to this size get a full sha256; bigger ones the sampled identity. */
export const FULL_HASH_MAX_BYTES = 256 * 1024 * 1024;

const MiB = 1024 * 1024;
const EDGE_BYTES = 4 * MiB;
const BLOCK_BYTES = MiB;
const BLOCKS = 16;

/** The byte ranges `[start, end)` the sampled identity reads, in hashing order (clipped to the file). */
export function sampledRanges(size: number): Array<[number, number]> {
  if (!Number.isSafeInteger(size) || size < 0)
    throw new RangeError(`sampledRanges: size must be a non-negative integer, got ${size}`);
  const ranges: Array<[number, number]> = [[0, Math.min(EDGE_BYTES, size)]];
  const span = Math.max(0, size - BLOCK_BYTES);
  for (let i = 0; i < BLOCKS; i++) {
    const start = Math.floor(((i + 1) * span) / (BLOCKS + 1));
    ranges.push([start, Math.min(size, start + BLOCK_BYTES)]);
  }
  ranges.push([Math.max(0, size - EDGE_BYTES), size]);
  return ranges;
}

/**
 * Hex sha256 of the file's size and samples; `readRange` returns bytes `[start, end)`.
 * Reads 24 MiB whatever the file's size.
 */
export async function sampledSha256(
  size: number,
  readRange: (start: number, end: number) => Promise<Uint8Array>,
): Promise<string> {
  const ranges = sampledRanges(size);
  const total = 8 + ranges.reduce((n, [a, b]) => n + (b - a), 0);
  // WebCrypto has no incremental sha256: gather the samples into one buffer (24 MiB at most).
  const buf = new Uint8Array(total);
  new DataView(buf.buffer).setBigUint64(0, BigInt(size), true);
  let at = 8;
  for (const [a, b] of ranges) {
    const part = await readRange(a, b);
    if (part.byteLength !== b - a)
      throw new Error(`sampledSha256: read ${part.byteLength} bytes at ${a}, expected ${b - a} (file shorter than ${size} bytes?)`);
    buf.set(part, at);
    at += part.byteLength;
  }
  return sha256Hex(buf);
}
