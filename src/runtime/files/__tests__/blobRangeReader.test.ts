// Stride prefetch over a Blob: the bytes are always those asked for, whatever the pattern; on a
// constant stride the next reads are already in flight (counted through Blob.slice).
import { describe, expect, it } from 'vitest';
import { blobRangeReader } from '../blobRangeReader';

const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 31 + (i >> 8)) & 255);

function countingBlob(): { blob: Blob; slices: Array<[number, number]> } {
  const blob = new Blob([bytes]);
  const slices: Array<[number, number]> = [];
  const slice = blob.slice.bind(blob);
  blob.slice = ((a: number, b: number) => {
    slices.push([a, b]);
    return slice(a, b);
  }) as Blob['slice'];
  return { blob, slices };
}

describe('blobRangeReader', () => {
  it('returns exactly the bytes asked for on strided, repeated, backward and irregular reads', async () => {
    const { blob } = countingBlob();
    const r = blobRangeReader(blob);
    const asks: Array<[number, number]> = [];
    for (let k = 0; k < 40; k++) asks.push([16 + k * 1000, 16 + k * 1000 + 200]); // an IFD walk
    asks.push([5, 50], [5, 50], [90_000, 90_300], [100, 120], [16 + 5000, 16 + 5000 + 100], [99_990, 100_000]);
    for (const [a, b] of asks) expect(await r.read(a, b)).toEqual(bytes.subarray(a, b));
  });

  it('on a constant stride, reads ahead so later reads are served from requests already made', async () => {
    const { blob, slices } = countingBlob();
    const r = blobRangeReader(blob);
    for (let k = 0; k < 3; k++) await r.read(k * 1000, k * 1000 + 200);
    const afterThree = slices.length;
    expect(afterThree).toBeGreaterThan(3); // the third read started the prefetch
    for (let k = 3; k < 20; k++) await r.read(k * 1000, k * 1000 + 200);
    // no read of the stride was requested twice
    const starts = slices.map(([a]) => a);
    expect(new Set(starts).size).toBe(starts.length);
    // reads past the end of the blob are not prefetched
    expect(Math.max(...slices.map(([, b]) => b))).toBeLessThanOrEqual(bytes.byteLength);
  });
});
