// Uniform TIFF series are predicted from their first pages and verified with a few reads; any
// series that breaks the pattern is walked. References: tifffile's own IFD and strip offsets
// (scripts/fixtures/io_tiff_uniform.py) and the full chain walk of the same file.
import { describe, expect, it } from 'vitest';
import { byteSource } from '../../raw/byteSource';
import { fixtureBytes, fixtureJson } from '../../../image/__tests__/helpers';
import { openTiffStack } from '../openTiffStack';
import { readTiffFrames } from '../readTiffFrames';
import { readTiffPages } from '../readTiffPages';
import { ifdBytes, tiffHeader, u16PageEntries, type Entry } from './syntheticTiff';
import { countingByteSource } from '../../raw/__tests__/countingByteSource';

/** Reads of the predicted and the walked open, and whether both give the same pages. */
async function compare(name: string, bytes: Uint8Array) {
  const fast = countingByteSource(byteSource(name, bytes));
  const slow = countingByteSource(byteSource(name, bytes));
  const got = await readTiffPages(fast);
  const walked = await readTiffPages(slow, { uniform: false });
  expect(got).toEqual(walked);
  return { got, fastReads: fast.reads, walkReads: slow.reads };
}

/**
 * A classic little-endian TIFF of u16 pages laid out IFD, pixels, IFD, pixels…; `entries(k)` may
 * change a page's entries (a different size), `gap(k)` insert bytes before it, `tail` append bytes.
 */
function series(n: number, opts: { entries?: (k: number, data: number) => Entry[]; gap?: (k: number) => number; tail?: number } = {}): Uint8Array {
  const W = 3;
  const H = 2;
  const entries = opts.entries ?? ((_k: number, data: number) => u16PageEntries(W, H, data, false));
  // First pass for sizes, second with the real next offsets.
  const layout: { at: number; len: number; data: number; pix: number }[] = [];
  let at = 8;
  for (let k = 0; k < n; k++) {
    at += opts.gap?.(k) ?? 0;
    const len = ifdBytes(entries(k, 0), at, false).byteLength;
    const e = entries(k, 0);
    const w = (e.find((x) => x[0] === 256)![2] as number[])[0];
    const h = (e.find((x) => x[0] === 257)![2] as number[])[0];
    layout.push({ at, len, data: at + len, pix: w * h * 2 });
    at += len + w * h * 2;
  }
  const out = new Uint8Array(at + (opts.tail ?? 0));
  out.set(tiffHeader(false, 8), 0);
  layout.forEach((p, k) => {
    out.set(ifdBytes(entries(k, p.data), p.at, false, k + 1 < n ? layout[k + 1].at : 0), p.at);
    for (let i = 0; i < p.pix; i++) out[p.data + i] = (k * 7 + i) & 0xff;
  });
  return out;
}

describe('uniform TIFF series', () => {
  for (const c of fixtureJson<{ file: string; pages: number; ifds: number[]; stripOffsets: number[][]; last: number[] }[]>('tiff_uniform.json')) {
    it(`${c.file}: ${c.pages} pages in a handful of reads, the offsets tifffile reads`, async () => {
      const { got, fastReads, walkReads } = await compare(c.file, fixtureBytes(c.file));
      expect(got.pages.map((p) => p.stripOffsets)).toEqual(c.stripOffsets);
      expect(fastReads).toBeLessThanOrEqual(8);
      expect(walkReads).toBeGreaterThanOrEqual(c.pages);
      const stack = await openTiffStack(byteSource(c.file, fixtureBytes(c.file)));
      expect(stack.frames).toBe(c.pages);
      const last = await readTiffFrames(stack, { firstFrame: c.pages - 1, frameCount: 1 });
      expect(Array.from(last.data)).toEqual(c.last.map((v) => Math.fround(v)));
    });
  }

  it('a 500-page series with a description on page 0 takes O(1) reads', async () => {
    const { got, fastReads, walkReads } = await compare('s.tif', series(500, {
      entries: (k, d) => (k === 0 ? [...u16PageEntries(3, 2, d, false), [270, 2, 'a long description on page 0 only']] : u16PageEntries(3, 2, d, false)),
    }));
    expect(got.pages).toHaveLength(500);
    // header, pages 0–2, the predicted last and middle IFDs
    expect(fastReads).toBe(6);
    expect(walkReads).toBeGreaterThanOrEqual(500);
    const more = await compare('s.tif', series(5000));
    expect(more.got.pages).toHaveLength(5000);
    expect(more.fastReads).toBe(6);
  });

  it('a page of another size is detected and the chain walked', async () => {
    const { got, fastReads } = await compare('k.tif', series(60, { entries: (k, d) => u16PageEntries(3, k === 41 ? 4 : 2, d, false) }));
    expect(got.pages[41].height).toBe(4);
    expect(got.pages).toHaveLength(60);
    expect(fastReads).toBeGreaterThanOrEqual(60);
  });

  it('an extra page at the end, a gap in the strides or trailing bytes: walked or verified, never mispredicted', async () => {
    const thumb = await compare('t.tif', series(61, { entries: (k, d) => (k === 60 ? [...u16PageEntries(3, 2, d, false), [254, 4, [1]]] : u16PageEntries(3, 2, d, false)) }));
    expect(thumb.got.pages[60].subfileType).toBe(1);
    expect(thumb.got.pages).toHaveLength(61);
    const gap = await compare('g.tif', series(60, { gap: (k) => (k === 30 ? 10 : 0) }));
    expect(gap.got.pages).toHaveLength(60);
    expect(gap.fastReads).toBeGreaterThanOrEqual(60);
    // Trailing bytes past the last page: the count that fills the file is wrong, the walk is right.
    const tail = await compare('z.tif', series(60, { tail: 500 }));
    expect(tail.got.pages).toHaveLength(60);
  });

  it('an ImageJ stack with images=N: the count comes from the description even with bytes after the last page', async () => {
    const ij = (k: number, d: number): Entry[] => (k === 0 ? [...u16PageEntries(3, 2, d, false), [270, 2, 'ImageJ=1.11a\nimages=80\n']] : u16PageEntries(3, 2, d, false));
    const { got, fastReads } = await compare('ij.tif', series(80, { entries: ij, tail: 700 }));
    expect(got.pages).toHaveLength(80);
    expect(fastReads).toBeLessThanOrEqual(8);
  });

  it('an ImageJ hyperstack stored as one IFD and images=N contiguous frames opens as N frames', async () => {
    const W = 3;
    const H = 2;
    const bytes = new Uint8Array(4096 + 12 * W * H * 2);
    const entries: Entry[] = [...u16PageEntries(W, H, 4096, false), [270, 2, 'ImageJ=1.11a\nimages=12\nslices=12\n']];
    bytes.set(tiffHeader(false, 8), 0);
    bytes.set(ifdBytes(entries, 8, false), 8);
    const px = new Uint16Array(bytes.buffer, 4096, 12 * W * H);
    px.forEach((_, i) => (px[i] = i * 3));
    const src = countingByteSource(byteSource('hyper.tif', bytes));
    const stack = await openTiffStack(src);
    expect(stack.frames).toBe(12);
    expect(src.reads).toBeLessThanOrEqual(4);
    const f = await readTiffFrames(stack, { firstFrame: 11, frameCount: 1 });
    expect(Array.from(f.data)).toEqual(Array.from(px.subarray(11 * W * H)));
  });
});
