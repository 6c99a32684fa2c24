// Pilatus TIFFs: 32-bit signed integers (readTiff, extended for detector images) and the Dectris
// header text in ImageDescription. Fixture ring_pilatus.tif written by tifffile
// (scripts/fixtures/xrd_integrate.py) from the same counts as ring_int32.edf (fabio).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEdf } from '../../edf/readEdf';
import { readTiff } from '../../tiff/readTiff';
import { parsePilatusHeader } from '../parsePilatusHeader';

const dir = path.resolve(__dirname, '../../../../../test/fixtures/xrd');
const bytes = (name: string) => new Uint8Array(readFileSync(path.join(dir, name)));

describe('Pilatus TIFF', () => {
  it('int32 TIFF reads exactly as the EDF of the same counts, with its Model and header', () => {
    const t = readTiff(bytes('ring_pilatus.tif'), 'ring_pilatus.tif');
    const e = readEdf(bytes('ring_int32.edf'), 'ring_int32.edf');
    expect([t.width, t.height, t.dtype]).toEqual([170, 150, 'f32']);
    expect(Array.from(t.data)).toEqual(Array.from(e.data));
    expect(t.model).toBe('PILATUS 100K-S (synthetic)');
    expect(t.notes).toEqual(['signed 32-bit integers converted to 32-bit float (exact up to 2^24 = 16777216)']);
    const h = parsePilatusHeader(t.description);
    expect(h.pixelSize).toEqual({ x: 172e-6, y: 172e-6 });
    expect(h.attrs).toMatchObject({ exposureTime: 1.5, wavelength: 0.7, detectorDistance: 0.08, beamX: 61.05, beamY: 63.95, countCutoff: 1048575 });
  });

  it('parsePilatusHeader: detector and date lines; other text gives nothing', () => {
    const h = parsePilatusHeader('# Detector: PILATUS 1M, 1-0113\r\n# 2014-10-24T16:33:09.123\r\n# Pixel_size 172e-6 m x 172e-6 m\r\n');
    expect(h.attrs.detector).toBe('PILATUS 1M');
    expect(h.startTime).toBe('2014-10-24T16:33:09.123');
    expect(parsePilatusHeader('ImageJ=1.52\nimages=3\n')).toEqual({ pixelSize: null, attrs: {}, startTime: null });
    expect(parsePilatusHeader(undefined).pixelSize).toBeNull();
  });
});
