// One IFD walker for both TIFF readers: readTiff takes its pages from readTiffPagesFromBytes, the
// in-memory driver of the lazy reader's walk. The two drivers must agree page for page and message
// for message, and the rules once split between the readers now hold in both.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { byteSource } from '../../raw/byteSource';
import { FIXTURES, fixtureBytes, fixtureJson } from '../../../image/__tests__/helpers';
import { readTiff } from '../readTiff';
import { openTiffStack } from '../openTiffStack';
import { readTiffPages, readTiffPagesFromBytes } from '../readTiffPages';
import { ifdBytes, tiffHeader, u16PageEntries, type Entry } from './syntheticTiff';

/** Pages, or the message refusing them, from the async (ranged reads) or the in-memory driver. */
async function viaSource(bytes: Uint8Array, name: string): Promise<unknown> {
  return readTiffPages(byteSource(name, bytes), { uniform: false }).catch((e: Error) => e.message);
}
function viaBytes(bytes: Uint8Array, name: string): unknown {
  try {
    return readTiffPagesFromBytes(bytes, name, { uniform: false });
  } catch (e) {
    return (e as Error).message;
  }
}

describe('readTiffPagesFromBytes: the lazy walk over bytes in memory', () => {
  const files = readdirSync(FIXTURES).filter((f) => /^(big)?tiff_.*\.tif$/.test(f));

  it(`gives the pages readTiffPages gives, for every TIFF and BigTIFF fixture (${files.length} files)`, async () => {
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const bytes = fixtureBytes(f);
      const got = viaBytes(bytes, f);
      expect(typeof got, f).toBe(f === 'tiff_bad_loop.tif' ? 'string' : 'object'); // a message, or pages
      expect(got, f).toEqual(await viaSource(bytes, f));
    }
  });

  it('and the same message at every truncation point of a stack and a BigTIFF', async () => {
    for (const f of ['tiff_u16_stack.tif', 'bigtiff_u16_stack_le.tif']) {
      const bytes = fixtureBytes(f);
      let refused = 0;
      for (let cut = 0; cut < bytes.length; cut++) {
        const part = bytes.subarray(0, cut);
        const got = viaBytes(part, 'cut.tif');
        expect(got, `${f} cut at ${cut}`).toEqual(await viaSource(part, 'cut.tif'));
        if (typeof got === 'string') refused++;
      }
      // Pixels are not the walker's business: only cuts into the IFDs and their values are refused.
      expect(refused).toBeGreaterThan(0);
    }
  });
});

describe('the rules of the shared walk hold in both readers', () => {
  it('readTiff keeps refusing BigTIFF (its decoder reads classic TIFF only); the lazy reader opens it', async () => {
    const bytes = fixtureBytes('bigtiff_u16_stack_le.tif');
    expect(() => readTiff(bytes, 'b.tif')).toThrow('b.tif: BigTIFF (magic 43) is not supported; expected classic TIFF (magic 42)');
    expect((await readTiffPages(byteSource('b.tif', bytes))).bigTiff).toBe(true);
    const wrong = fixtureBytes('tiff_u16_le.tif').slice();
    wrong[2] = 41;
    expect(() => readTiff(wrong, 'w.tif')).toThrow('w.tif: not a TIFF file: magic number 41, expected 42');
    await expect(readTiffPages(byteSource('w.tif', wrong))).rejects.toThrow('w.tif: not a TIFF file: magic number 41, expected 42 (TIFF) or 43 (BigTIFF)');
  });

  it('a tag neither reader uses, pointing past the end of the file, is refused by both naming the tag', async () => {
    // Pixels right after the header, then the IFD and its out-of-line values (Software, 305, last):
    // cutting the file's last bytes cuts only the Software string.
    const W = 3;
    const H = 2;
    const ifdAt = 8 + W * H * 2;
    const entries: Entry[] = [...u16PageEntries(W, H, 8, false), [305, 2, 'a writer that names itself at length']];
    const ifd = ifdBytes(entries, ifdAt, false);
    const whole = new Uint8Array(ifdAt + ifd.byteLength);
    whole.set(tiffHeader(false, ifdAt), 0);
    for (let i = 0; i < W * H * 2; i += 2) whole[8 + i] = i;
    whole.set(ifd, ifdAt);
    expect(Array.from(readTiff(whole, 'ok.tif').data)).toEqual([0, 2, 4, 6, 8, 10]);

    const cut = whole.subarray(0, whole.length - 4);
    const msg = /^cut\.tif: page 0: tag 305 points to bytes \d+\.\.\d+, beyond the end of the file \(\d+ bytes\); truncated\?$/;
    expect(() => readTiff(cut, 'cut.tif')).toThrow(msg);
    await expect(openTiffStack(byteSource('cut.tif', cut))).rejects.toThrow(msg);
  });

  it('a tiled Deflate page: TileByteCounts (325) from the shared walk, pixels as tifffile reads them', () => {
    const fx = fixtureJson<{ file: string; shape: number[]; tiles: number; values: number[] }>('tiff_tiled.json');
    const bytes = fixtureBytes(fx.file);
    const [page] = readTiffPagesFromBytes(bytes, fx.file).pages;
    expect([page.tileOffsets?.length, page.tileByteCounts?.length, page.stripOffsets]).toEqual([fx.tiles, fx.tiles, null]);
    const img = readTiff(bytes, fx.file);
    expect([img.height, img.width, img.dtype]).toEqual([...fx.shape, 'u16']);
    expect(Array.from(img.data)).toEqual(fx.values);

    // Without its TileByteCounts (the entry's tag renumbered) the page is refused, as before.
    const bad = bytes.slice();
    const dv = new DataView(bad.buffer);
    const ifd = dv.getUint32(4, true);
    const k = Array.from({ length: dv.getUint16(ifd, true) }, (_, i) => ifd + 2 + 12 * i).find((e) => dv.getUint16(e, true) === 325)!;
    dv.setUint16(k, 65000, true);
    expect(() => readTiff(bad, 't.tif')).toThrow('t.tif: page 0: TileByteCounts (325) is missing for compressed data');
  });
});
