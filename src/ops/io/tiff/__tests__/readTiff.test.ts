import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTiff } from '../readTiff';
import { encodeTiff } from '../../../export/encodeTiff';
import { FIXTURES, SHARED_DATA, fixtureBytes, fixtureJson } from '../../../image/__tests__/helpers';

interface Fx {
  synthetic: { file: string; shape: number[]; dtype: string; values: number[] }[];
  real: {
    file: string;
    where: 'fixtures' | 'shared';
    shape: number[];
    dtype: string;
    sum: number;
    min: number;
    max: number;
    points: [number, number, number][];
  }[];
}
const fx = fixtureJson<Fx>('tiff.json');

describe('readTiff on files written by tifffile', () => {
  for (const c of fx.synthetic) {
    it(`${c.file} (${c.dtype} ${c.shape.join('×')})`, () => {
      const img = readTiff(fixtureBytes(c.file), c.file);
      const [h, w] = c.shape.slice(-2);
      const frames = c.shape.length === 3 ? c.shape[0] : 1;
      expect([img.frames, img.height, img.width]).toEqual([frames, h, w]);
      const expectDtype = { uint8: 'u8', uint16: 'u16', float32: 'f32', int16: 'f32' }[c.dtype];
      expect(img.dtype).toBe(expectDtype);
      expect(Array.from(img.data)).toEqual(c.values.map((v) => (c.dtype === 'float32' ? Math.fround(v) : v)));
    });
  }

  it('reads the ImageJ calibration as a pixel size', () => {
    const img = readTiff(fixtureBytes('tiff_f32_imagej.tif'), 'tiff_f32_imagej.tif');
    expect(img.pixelSize).toEqual({ x: 0.5, y: 0.5, unit: 'µm' });
    expect(img.description).toMatch(/^ImageJ=/);
  });

  it('notes the conversion of signed integers', () => {
    const img = readTiff(fixtureBytes('tiff_i16.tif'), 'tiff_i16.tif');
    expect(img.notes.join()).toMatch(/signed 16-bit/);
  });
});

describe('readTiff on real files (values from tifffile)', () => {
  for (const c of fx.real) {
    it(c.file, () => {
      const path = c.where === 'fixtures' ? join(FIXTURES, c.file) : join(SHARED_DATA, c.file);
      const img = readTiff(new Uint8Array(readFileSync(path)), c.file);
      expect([img.height, img.width]).toEqual(c.shape);
      expect(img.frames).toBe(1);
      let sum = 0;
      let min = Infinity;
      let max = -Infinity;
      for (const v of img.data) {
        sum += v;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      expect(min).toBe(c.min);
      expect(max).toBe(c.max);
      expect(Math.abs(sum - c.sum)).toBeLessThan(1e-9 * Math.abs(c.sum) + 1e-6);
      for (const [y, x, v] of c.points) expect(img.data[y * img.width + x]).toBe(v);
    });
  }
});

describe('readTiff refuses what it cannot read, naming file and tag', () => {
  const cases: [string, RegExp][] = [
    ['tiff_bad_rgb.tif', /tiff_bad_rgb\.tif: page 0: SamplesPerPixel \(277\) = 3 \(RGB\)/],
    ['tiff_bad_f64.tif', /tiff_bad_f64\.tif: page 0: BitsPerSample \(258\) = 64 with SampleFormat \(339\) = 3/],
    ['tiff_bad_packbits.tif', /Compression \(259\) = 32773 \(PackBits\); supported: 1 \(none\), 5 \(LZW\)/],
    ['tiff_bad_truncated.tif', /tiff_bad_truncated\.tif: page 0: strip 0 spans bytes .* \(truncated\)/],
    ['tiff_bad_loop.tif', /IFD chain loops back/],
  ];
  for (const [file, re] of cases) {
    it(file, () => {
      expect(() => readTiff(fixtureBytes(file), file)).toThrow(re);
    });
  }

  it('32-bit signed integers (Pilatus detector images) read into f32, noted (added for XRD)', () => {
    const img = readTiff(fixtureBytes('tiff_bad_i32.tif'), 'tiff_bad_i32.tif');
    expect([img.width, img.height, img.dtype]).toEqual([4, 4, 'f32']);
    // Values from tifffile.imread of the same file.
    expect(Array.from(img.data)).toEqual([2, 7, 3, 8, 7, 3, 3, 6, 8, 0, 0, 2, 3, 1, 4, 4]);
    expect(img.notes[0]).toMatch(/^signed 32-bit integers converted to 32-bit float/);
  });

  it('not a TIFF, and every truncation point of a real header', () => {
    expect(() => readTiff(new TextEncoder().encode('hello world, no tiff'), 'x.tif')).toThrow(/x\.tif: not a TIFF file/);
    // Each cut either fails with a message naming the file, or (when only unreferenced trailing
    // bytes were cut) reads exactly the full data; never garbage, never a hang.
    const good = fixtureBytes('tiff_u16_stack.tif');
    const full = Array.from(readTiff(good, 'full.tif').data);
    let refused = 0;
    for (let cut = 0; cut < good.length; cut += 3) {
      try {
        expect(Array.from(readTiff(good.slice(0, cut), 'cut.tif').data)).toEqual(full);
      } catch (e) {
        expect((e as Error).message).toMatch(/^cut\.tif: /);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(good.length / 3 - 10);
  });

  it('a stack whose pages disagree is refused naming the page', () => {
    // Concatenate two single-page files by hand: patch the first IFD's next-offset.
    const a = fixtureBytes('tiff_u16_le.tif');
    const b = fixtureBytes('tiff_u8_le.tif');
    const out = new Uint8Array(a.length + b.length);
    out.set(a);
    out.set(b, a.length);
    const dv = new DataView(out.buffer);
    // Rebase b's offsets by a.length: walk its IFD and patch offsets of > 4-byte values and strips.
    const ifdB = dv.getUint32(a.length + 4, true) + a.length;
    const nB = dv.getUint16(ifdB, true);
    for (let k = 0; k < nB; k++) {
      const e = ifdB + 2 + 12 * k;
      const tag = dv.getUint16(e, true);
      const type = dv.getUint16(e + 2, true);
      const count = dv.getUint32(e + 4, true);
      const size = ({ 1: 1, 2: 1, 3: 2, 4: 4, 5: 8 } as Record<number, number>)[type] * count;
      if (size > 4 || tag === 273) dv.setUint32(e + 8, dv.getUint32(e + 8, true) + a.length, true);
    }
    const ifdA = dv.getUint32(4, true);
    const nA = dv.getUint16(ifdA, true);
    dv.setUint32(ifdA + 2 + 12 * nA, ifdB, true);
    expect(() => readTiff(out, 'mixed.tif')).toThrow(/mixed\.tif: page 1 is 7×5 8-bit unsigned int, but page 0 is 4×6 16-bit/);
  });
});

describe('readTiff: ImageJ stacks stored as one IFD followed by contiguous frames', () => {
  const frame = (k: number) => Uint16Array.from({ length: 6 }, (_, i) => 100 * k + i);
  const le = (a: Uint16Array) => {
    const b = new Uint8Array(a.length * 2);
    const dv = new DataView(b.buffer);
    a.forEach((v, i) => dv.setUint16(2 * i, v, true));
    return b;
  };
  const build = (extraFrames: number) => {
    const head = encodeTiff(frame(0), { width: 3, height: 2, description: 'ImageJ=1.53t\nimages=3\nslices=3\nloop=false\n' });
    const parts = [head, ...Array.from({ length: extraFrames }, (_, k) => le(frame(k + 1)))];
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };

  it('reads images=N frames from the first strip on', () => {
    const img = readTiff(build(2), 'ij.tif');
    expect(img.frames).toBe(3);
    expect(Array.from(img.data)).toEqual([...frame(0), ...frame(1), ...frame(2)]);
  });

  it('a truncated ImageJ stack says how many bytes were expected', () => {
    expect(() => readTiff(build(1), 'ij.tif')).toThrow(/ij\.tif: ImageJ description says images=3, which needs 36 bytes .* \(truncated\?\)/);
  });
});
