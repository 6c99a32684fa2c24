// ALS STXM header and frame parsing vs an independent regex parse and numpy.loadtxt
// (scripts/fixtures/io_stxm.py).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAlsHdr } from '../parseAlsHdr';
import { stxmHeaderInfo } from '../stxmHeaderInfo';
import { parseXim } from '../parseXim';

const FIX = path.resolve(__dirname, '../../../../../test/fixtures/io');
const ref = JSON.parse(readFileSync(path.join(FIX, 'stxm.json'), 'utf8'));
const text = (name: string) => readFileSync(path.join(FIX, 'stxm', name), 'latin1');

describe('ALS STXM .hdr / .xim', () => {
  it('the real 11.0.2.2 header: 123 energies, 125×125 frame, pixel size, dwell, time', () => {
    const hdr = parseAlsHdr(text('71214078.hdr'), '71214078.hdr');
    const info = stxmHeaderInfo(hdr, '71214078.hdr');
    expect(info.energies).toEqual(ref.real.energies);
    expect([info.width, info.height, info.type, info.dwell]).toEqual([ref.real.width, ref.real.height, 'NEXAFS Image Scan', 0.433]);
    expect(info.pixelSize!.x).toBeCloseTo(ref.real.pixelSizeX, 12);
    expect(info.pixelSize!.unit).toBe('µm');
    expect([info.time, info.timeIso]).toEqual(['2007 December 14 18:52:00', '2007-12-14T18:52:00']);
    // nested records and lists survive: the three energy regions of the ImageScan record
    const regions = (hdr.ImageScan as Record<string, unknown>).EnergyRegions as { Points: number }[];
    expect(regions.map((r) => r.Points)).toEqual([9, 85, 29]);
  });

  it('frames as numpy.loadtxt reads them; ragged rows and wrong sizes are refused with file and line', () => {
    for (let k = 0; k < 3; k++) {
      const f = parseXim(text(`mini_a00${k}.xim`), 'mini.xim', { width: 4, height: 3 });
      expect(Array.from(f.data)).toEqual(ref.mini.frames[k]);
    }
    expect(() => parseXim(text('ragged.xim'), 'ragged.xim')).toThrow('ragged.xim, line 2: expected 4 values (as on the first row), found 3');
    expect(() => parseXim(text('mini_a000.xim'), 'mini_a000.xim', { width: 5, height: 3 })).toThrow('mini_a000.xim: frame is 4×3 values, the header says 5×3');
    expect(() => parseXim('1 2\n3 x\n', 'bad.xim')).toThrow('bad.xim, line 2: column 2: expected a number, found "x"');
  });

  it('header errors name the file and line', () => {
    expect(() => parseAlsHdr('A = { B = (3, 1, 2); };', 'h.hdr')).toThrow('h.hdr, line 1: list declares 3 items but holds 2');
    expect(() => parseAlsHdr('A = {\n B = 1;\n C 2; };', 'h.hdr')).toThrow('h.hdr, line 3: expected "=" after C');
    expect(() => stxmHeaderInfo(parseAlsHdr('ScanDefinition = { Type = "Image Scan"; };', 'i.hdr'), 'i.hdr')).toThrow(
      'i.hdr: ScanDefinition has no StackAxis: a "Image Scan" is not an image stack',
    );
  });
});
