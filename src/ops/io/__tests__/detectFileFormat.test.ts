// The one "which loader reads this file" decision, on hand-made heads (every real fixture and
// shared file is checked against inspect in test/cli/detectAgreement.test.ts).
import { describe, expect, it } from 'vitest';
import { detectFileFormat, fileExtension, knownExtensions } from '../detectFileFormat';

const bytes = (...b: number[]) => new Uint8Array(b);
const ascii = (s: string) => new Uint8Array(Array.from(s, (c) => c.charCodeAt(0)));
const fmt = (name: string, head: Uint8Array = new Uint8Array(0)) => detectFileFormat(name, head)?.format ?? null;
const node = (name: string, head: Uint8Array = new Uint8Array(0)) => detectFileFormat(name, head)?.node ?? null;

describe('detectFileFormat', () => {
  it('content wins over the extension: TIFF, BigTIFF, Pilatus TIFF, HDF5, JCAMP under other names', () => {
    expect(fmt('scan.dat', bytes(0x49, 0x49, 42, 0, 8, 0, 0, 0))).toBe('tiff');
    expect(fmt('big.bin', bytes(0x4d, 0x4d, 0, 43, 0, 8, 0, 0))).toBe('tiff');
    const pil = new Uint8Array(600);
    pil.set([0x49, 0x49, 42, 0]);
    pil.set(ascii('# Detector: PILATUS 1M, 1-0100\r\n# Pixel_size 172e-6 m x 172e-6 m'), 200);
    expect([fmt('a.tif', pil), node('a.tif', pil)]).toEqual(['pilatus-tiff', 'io.load-detector-image']);
    expect(node('a.tif', bytes(0x49, 0x49, 42, 0))).toBe('io.load-image');
    expect(fmt('run.dat', bytes(0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('hdf5');
    expect(node('nmr.txt', ascii('\n##TITLE= 1H\n##JCAMP-DX= 5.0\n'))).toBe('io.load-jcamp');
    expect(fmt('x.dat', ascii('{\nHeaderID = EH:000001\nDim_1 = 170 ;\n'))).toBe('edf');
    expect(fmt('e.txt', ascii('EC-Lab ASCII FILE\r\nNb header lines : 60\r\n'))).toBe('biologic-mpt');
    expect(fmt('m.txt', ascii('Today\'s Date 1/1/2020\nRec#\tCyc#\tStep\n'))).toBe('maccor');
    expect(fmt('s.hdr', ascii('ScanDefinition = { Label = "x.hdr"; Type = "NEXAFS Image Scan";'))).toBe('als-stxm');
    expect(fmt('geo.txt', ascii('# Nota: C-Order\nDetector: Pilatus1M\nDistance: 0.2\nPoni1: 0.1\nPoni2: 0.1\n'))).toBe('poni');
  });

  it('by extension when the content has no signature; generic extensions need a look at the content', () => {
    expect(['a.h5', 'b.NXS', 'c.edf', 'd.jdx', 'e.dx', 'f.xim', 'g.poni', 'h.xy', 'i.raw', 'j.xsp'].map((n) => node(n))).toEqual([
      'io.load-hdf5', 'io.load-hdf5', 'io.load-detector-image', 'io.load-jcamp', 'io.load-jcamp', 'io.load-stxm',
      'clean.azimuthal-integrate', 'io.load-pattern', 'io.load-raw', 'io.load-spectra',
    ]);
    expect(fmt('oxidized.r', ascii('7.0000000E+2 1.1786773E+0\n7.0037500E+2 1.1730937E+0\n'))).toBe('axis-spectrum');
    expect(fmt('analysis.r', ascii('library(ggplot2)\nx <- 1\n'))).toBeNull();
    expect(fmt('oxidized.r')).toBeNull(); // no content at hand: not guessed
    expect(fmt('mask.msk', ascii('  OOO \n OO   \n'))).toBe('axis-mask');
    expect(fmt('fit2d.msk', bytes(0x4d, 0x00, 0x41, 0x00, 0x53, 0x00, 0x4b, 0x00))).toBeNull();
    expect(fmt('vol.zarr/.zarray', ascii('{"zarr_format": 2'))).toBe('zarr');
    expect(fmt('vol.zarr/zarr.json', ascii('{"zarr_format": 3'))).toBe('zarr');
    expect(fmt('workflow.json', ascii('{"nodes": []}'))).toBeNull();
    expect(fmt('refs/zarr.json', ascii('{"v2": {"shape": [6, 20, 24]}}'))).toBeNull(); // a file named so, not a store key
    expect(fmt('notes.docx', bytes(0x50, 0x4b, 3, 4))).toBeNull();
    expect(fmt('README')).toBeNull();
  });

  it('fileExtension ignores folders; knownExtensions lists each once', () => {
    expect(fileExtension('data.v2/scan')).toBe('');
    expect(fileExtension('C:\\x.y\\A.TIF')).toBe('.tif');
    const ext = knownExtensions();
    expect(new Set(ext).size).toBe(ext.length);
    expect(ext).toEqual(expect.arrayContaining(['.jdx', '.dx', '.hdr', '.xim', '.msk', '.xsp', '.h5', '.poni', '.xrdml']));
  });
});
