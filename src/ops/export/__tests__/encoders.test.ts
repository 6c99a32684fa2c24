import { describe, expect, it } from 'vitest';
import { decode } from 'fast-png';
import { encodeTiff } from '../encodeTiff';
import { encodePng } from '../encodePng';
import { readTiff } from '../../io/tiff/readTiff';
import { lcg } from '../../image/__tests__/helpers';

describe('encodeTiff round-trips through readTiff', () => {
  const cases = [
    { name: 'u8 odd width', data: Uint8Array.from(lcg(7 * 5, 1), (v) => Math.floor((v + 0.5) * 256)), w: 7, h: 5, frames: 1 },
    { name: 'u16 stack', data: Uint16Array.from(lcg(3 * 4 * 6, 2), (v) => Math.floor((v + 0.5) * 65536)), w: 6, h: 4, frames: 3 },
    { name: 'f32 stack odd', data: Float32Array.from(lcg(5 * 3 * 3, 3)), w: 3, h: 3, frames: 5 },
    { name: 'u8 stack odd plane', data: Uint8Array.from(lcg(3 * 3 * 3, 4), (v) => Math.floor((v + 0.5) * 256)), w: 3, h: 3, frames: 3 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const bytes = encodeTiff(c.data, { width: c.w, height: c.h, frames: c.frames });
      const back = readTiff(bytes, 'written.tif');
      expect([back.frames, back.height, back.width]).toEqual([c.frames, c.h, c.w]);
      expect(back.data.constructor).toBe(c.data.constructor);
      expect(Array.from(back.data)).toEqual(Array.from(c.data));
      expect(back.description).toMatch(new RegExp(`^ImageJ=1\\.11a\\nimages=${c.frames}\\n`));
    });
  }

  it('writes the pixel size as ImageJ calibration', () => {
    const bytes = encodeTiff(new Float32Array(4), { width: 2, height: 2, pixelSize: { x: 0.65, y: 0.65, unit: 'µm' } });
    const back = readTiff(bytes, 'cal.tif');
    expect(back.pixelSize?.unit).toBe('µm');
    expect(back.pixelSize?.x).toBeCloseTo(0.65, 8);
  });

  it('rejects a size mismatch naming the parameters', () => {
    expect(() => encodeTiff(new Uint8Array(5), { width: 2, height: 2 })).toThrow(/data has 5 values, expected frames·height·width = 4/);
    expect(() => encodeTiff(new Uint8Array(4), { width: 2, height: 2, frames: 0 })).toThrow(/frames = 0, expected a positive integer/);
  });
});

describe('encodePng', () => {
  it('gray and RGB round-trip through fast-png decode', () => {
    const g = Uint8Array.from({ length: 12 }, (_, i) => i * 20);
    const back = decode(encodePng(g, 4, 3, { channels: 1 }));
    expect([back.width, back.height, back.channels, back.depth]).toEqual([4, 3, 1, 8]);
    expect(Array.from(back.data)).toEqual(Array.from(g));
    const rgb = Uint8Array.from({ length: 18 }, (_, i) => 255 - i);
    const back3 = decode(encodePng(rgb, 3, 2, { channels: 3, text: { Software: 'OperandoFlow' } }));
    expect(Array.from(back3.data)).toEqual(Array.from(rgb));
    expect(back3.text.Software).toBe('OperandoFlow');
  });
  it('rejects a byte count that does not match', () => {
    expect(() => encodePng(new Uint8Array(5), 2, 2, { channels: 1 })).toThrow(/pixels has 5 bytes, expected width·height·channels = 4/);
  });
});
