// JCAMP-DX through jcampconverter, checked against an independent ASDF decoder
// (scripts/fixtures/nmr_jcamp.py → test/fixtures/nmr/jcamp_reference.json) and the files' headers.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJcamp } from '../readJcamp';
import { jcampToSpectra, JcampChoiceError } from '../jcampToSpectra';
import { checkJcampStructure } from '../checkJcampStructure';

const FIX = resolve(import.meta.dirname, '../../../../../test/fixtures/nmr');
const SHARED = resolve(import.meta.dirname, '../../../../../../shared/data/nmr-jcamp');
const hasShared = existsSync(SHARED);
if (!hasShared) console.warn(`SKIPPED: JCAMP-DX files only in ${SHARED}`);

interface PageRef { n: number; head: number[]; tail: number[]; sum: number; y?: number[] }
interface FileRef { firstX: number | null; lastX: number | null; npoints: number | null; observeFrequency: number | null; first: number[] | null; last: number[] | null; pages: PageRef[] }
const REF = JSON.parse(readFileSync(join(FIX, 'jcamp_reference.json'), 'utf8')) as Record<string, FileRef>;
const read = (name: string, dir = FIX) => readJcamp(readFileSync(join(dir, name)), name);

/** Header values read straight from the text (not through jcampconverter). */
function header(text: string, label: string): number {
  const m = new RegExp(`^##${label}=\\s*([-+0-9.eE]+)`, 'm').exec(text);
  if (!m) throw new Error(`no ##${label}=`);
  return Number(m[1]);
}

function expectPage(y: Float64Array, ref: PageRef) {
  expect(y.length).toBe(ref.n);
  const tol = (v: number) => 1e-9 * Math.max(1, Math.abs(v));
  ref.head.forEach((v, i) => expect(Math.abs(y[i] - v)).toBeLessThanOrEqual(tol(v)));
  ref.tail.forEach((v, i) => expect(Math.abs(y[y.length - ref.tail.length + i] - v)).toBeLessThanOrEqual(tol(v)));
  let s = 0;
  for (const v of y) s += v;
  expect(Math.abs(s - ref.sum)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(ref.sum)) * 10);
  if (ref.y) expect(Array.from(y)).toEqual(ref.y);
}

describe('readJcamp: ASDF compressions', () => {
  const names = ['jcamp-fix.dx', 'jcamp-packed.dx', 'jcamp-squeezed.dx', 'jcamp-difdup.dx'];
  it('fix, packed, squeezed and difdup decode to the reference values and agree on the points they share', () => {
    const ys = names.map((n) => {
      const f = read(n);
      expect(f.blocks).toHaveLength(1);
      expectPage(f.blocks[0].pages[0].y, REF[n].pages[0]);
      return f.blocks[0].pages[0];
    });
    // the four files hold 8, 30, 38 and 30 points of the same spectrum (CAS 107-07-3)
    expect(ys.map((p) => p.y.length)).toEqual([8, 30, 38, 30]);
    for (const p of ys) {
      const n = Math.min(p.y.length, ys[0].y.length);
      expect(Array.from(p.y.subarray(0, n))).toEqual(Array.from(ys[0].y.subarray(0, n)));
    }
    for (const p of ys.slice(2)) expect(Array.from(p.y.subarray(0, 30))).toEqual(Array.from(ys[1].y));
    // AFFN (fix) is plain numbers: the first line read as text
    expect(Array.from(ys[0].y.subarray(0, 4))).toEqual([-10247, 1201, -5196, 7245]);
    // x: FIRSTX, then DELTAX steps
    const t = readFileSync(join(FIX, 'jcamp-difdup.dx'), 'latin1');
    const x = ys[3].x;
    expect(x[0]).toBeCloseTo(header(t, 'FIRSTX'), 9);
    expect(x[29] - x[0]).toBeCloseTo(29 * header(t, 'DELTAX'), 9);
  });
});

describe('readJcamp: NMR spectra', () => {
  it('jeol.dx (XYDATA in Hz): NPOINTS points from FIRSTX to LASTX, in ppm (Hz / observe frequency) or Hz, values as decoded independently', () => {
    const t = readFileSync(join(FIX, 'jeol.dx'), 'latin1');
    const f = read('jeol.dx');
    const b = f.blocks[0];
    expect([b.dataType, b.xAxis.unit, b.nucleus, b.observeFrequency]).toEqual(['NMR SPECTRUM', 'ppm', '1H', 399.784493896]);
    const x = b.pages[0].x;
    const nu = header(t, '.OBSERVE FREQUENCY');
    expect(x.length).toBe(header(t, 'NPOINTS'));
    expect(x[0]).toBeCloseTo(header(t, 'FIRSTX') / nu, 9);
    expect(x[x.length - 1]).toBeCloseTo(header(t, 'LASTX') / nu, 9);
    const hz = jcampToSpectra(f, 'jeol.dx', { xUnit: 'Hz' });
    expect(hz.x[0]).toBeCloseTo(header(t, 'FIRSTX'), 6);
    expect(hz.x[hz.x.length - 1]).toBeCloseTo(header(t, 'LASTX'), 6);
    expectPage(b.pages[0].y, REF['jeol.dx'].pages[0]);
    expect(b.attrs).toMatchObject({ title: 'auto', origin: 'JEOL', owner: 'GUEST', observeNucleus: '1H', observeFrequency_MHz: 399.784493896 });
    expect(b.warnings).toEqual([]);
  });

  it('varian.jdx holds one point fewer than its NPOINTS: read, with warnings naming NPOINTS and LASTX', () => {
    const t = readFileSync(join(FIX, 'varian.jdx'), 'latin1');
    const f = read('varian.jdx');
    const b = f.blocks[0];
    expect(header(t, 'NPOINTS')).toBe(16385);
    expect(b.pages[0].x.length).toBe(16384);
    expect(b.pages[0].x[0]).toBeCloseTo(header(t, 'FIRSTX'), 9);
    expectPage(b.pages[0].y, REF['varian.jdx'].pages[0]);
    expect(f.warnings.join('\n')).toMatch(/varian\.jdx, block 1 .*: ##NPOINTS= declares 16385 points, the data holds 16384/);
    expect(f.warnings.join('\n')).toMatch(/##LASTX= is -0\.746542441, the last point is at -0\.7455/);
  });

  it('jcamp-1024.jdx (NTUPLES, Hz): real and imaginary pages in ppm = Hz / observe frequency, or back in Hz', () => {
    const ref = REF['jcamp-1024.jdx'];
    const f = read('jcamp-1024.jdx');
    const b = f.blocks[0];
    expect(b.pages.map((p) => p.label)).toEqual(['spectrum/real', 'spectrum/imag']);
    const nu = ref.observeFrequency!;
    expect(b.pages[0].x[0]).toBeCloseTo(ref.first![0] / nu, 9);
    expect(b.pages[0].x[1023]).toBeCloseTo(ref.last![0] / nu, 9);
    b.pages.forEach((p, k) => expectPage(p.y, ref.pages[k]));
    const v = jcampToSpectra(f, 'jcamp-1024.jdx');
    expect(v.kind).toBe('spectra');
    if (v.kind !== 'spectra') return;
    expect([v.frames, v.points, v.xAxis.unit]).toEqual([2, 1024, 'ppm']);
    expect(v.frameLabels).toEqual(['spectrum/real', 'spectrum/imag']);
    expect(Array.from(v.y.subarray(1024, 1029))).toEqual(Array.from(b.pages[1].y.subarray(0, 5)));
    const hz = jcampToSpectra(f, 'jcamp-1024.jdx', { xUnit: 'Hz', pages: 'first' });
    expect(hz.kind).toBe('spectrum');
    expect(hz.xAxis).toEqual({ name: 'chemical shift', unit: 'Hz' });
    expect(hz.x[0]).toBeCloseTo(ref.first![0], 6);
    expect(hz.x[1023]).toBeCloseTo(ref.last![0], 6);
  });
});

describe('readJcamp: structure', () => {
  it('refuses a block without ##END= with its line, and files without data saying so', () => {
    expect(() => read('noend.jdx')).toThrow(/^noend\.jdx, line 1: block "1 2 3" has no ##END= \(file ends at line 7\): expected ##END=/);
    expect(() => read('simple.jdx')).toThrow(/^simple\.jdx: no data: 5 blocks \("first level 1", .*\) but none holds ##XYDATA=.*expected a spectrum/);
    expect(() => read('verySimple.jdx')).toThrow(/^verySimple\.jdx: no data: 2 blocks/);
    expect(() => checkJcampStructure('##TITLE=a\n##END=\n##END=\n', 'x.jdx')).toThrow(/^x\.jdx, line 3: ##END= closes no block/);
    expect(() => checkJcampStructure('hello\n##TITLE=a\n##END=\n', 'y.jdx')).toThrow(/^y\.jdx, line 1: expected a JCAMP-DX file starting with ##TITLE=, found "hello"/);
  });

  it('NTUPLES pages become series; several blocks are chosen by number', () => {
    const reim = jcampToSpectra(read('reim.jdx'), 'reim.jdx');
    expect(reim.kind).toBe('spectra');
    if (reim.kind === 'spectra') {
      expect(Array.from(reim.x)).toEqual([1, 2, 3]);
      expect(Array.from(reim.y)).toEqual([2, 3, 4, 3, 4, 5]);
    }
    const nd = jcampToSpectra(read('ntuples.jdx'), 'ntuples.jdx');
    expect(nd.kind === 'spectra' && [nd.frames, nd.points, ...nd.frameLabels]).toEqual([4, 3, 'F1=0', 'F1=1', 'F1=2', 'F1=3']);
    const two = read('two.jdx');
    expect(two.blocks.map((b) => b.title)).toEqual(['1 2 3', '3 4 5']);
    const second = jcampToSpectra(two, 'two.jdx', { block: 2 });
    expect([Array.from(second.x), Array.from(second.y)]).toEqual([
      [3, 4],
      [4, 5],
    ]);
    expect(() => jcampToSpectra(two, 'two.jdx', { block: 3 })).toThrow(JcampChoiceError);
    expect(() => jcampToSpectra(two, 'two.jdx', { block: 3 })).toThrow(/^block: 3, but the file has 2 blocks with data \(1: type 1, 2: type 2\): expected 0 \(auto\) to 2$/);
  });
});

describe.skipIf(!hasShared)('readJcamp: the NMR files of ../shared/data', () => {
  const text = (rel: string) => readFileSync(join(SHARED, rel), 'latin1');
  it('indometacin (XYDATA) and ethylvinylether (NTUPLES): point count and first/last x as the header says', () => {
    const t = text('indometacin/1h.dx');
    const x = read('indometacin/1h.dx', SHARED).blocks[0].pages[0].x;
    expect(x.length).toBe(header(t, 'NPOINTS'));
    // Bruker: $OFFSET is the ppm of the first point; the span is (FIRSTX − LASTX) Hz / ν0
    expect(x[0]).toBeCloseTo(header(t, '\\$OFFSET'), 9);
    expect(x[0] - x[x.length - 1]).toBeCloseTo((header(t, 'FIRSTX') - header(t, 'LASTX')) / header(t, '.OBSERVE FREQUENCY'), 9);
    const e = read('ethylvinylether/1h.jdx', SHARED).blocks[0];
    const te = text('ethylvinylether/1h.jdx');
    const dims = /^##VAR_DIM=\s*(\d+)/m.exec(te)!;
    const firstHz = Number(/^##FIRST=\s*([-0-9.eE]+)/m.exec(te)![1]);
    const lastHz = Number(/^##LAST=\s*([-0-9.eE]+)/m.exec(te)![1]);
    const offset = Number(/^##\$OFFSET=\s*([-0-9.eE]+)/m.exec(te)![1]);
    const nu = Number(/^##\.OBSERVE FREQUENCY=\s*([-0-9.eE]+)/m.exec(te)![1]);
    expect(e.pages.map((p) => p.x.length)).toEqual([Number(dims[1]), Number(dims[1])]);
    expect(e.pages[0].x[0]).toBeCloseTo(offset, 9);
    expect(e.pages[0].x[0] - e.pages[0].x[e.pages[0].x.length - 1]).toBeCloseTo((firstHz - lastHz) / nu, 6);
  });

  it('bruker_fid_ft.jdx (LINK: FID + spectrum): auto picks the spectrum; block 1 is the FID in seconds', () => {
    const f = read('bruker_fid_ft.jdx', SHARED);
    expect(f.blocks.map((b) => b.dataType)).toEqual(['NMR FID', 'NMR SPECTRUM']);
    const spec = jcampToSpectra(f, 'bruker_fid_ft.jdx');
    expect(spec.kind === 'spectra' && [spec.frames, spec.points, spec.xAxis.unit, ...spec.frameLabels]).toEqual([2, 65536, 'ppm', 'spectrum/real', 'spectrum/imag']);
    const fid = jcampToSpectra(f, 'bruker_fid_ft.jdx', { block: 1 });
    expect(fid.kind === 'spectra' && [fid.frames, fid.points, fid.xAxis.unit, ...fid.frameLabels]).toEqual([2, 32768, 's', 'fid/real', 'fid/imag']);
    expect(fid.x[fid.x.length - 1]).toBeCloseTo(2.72621439999999, 9);
    expect(spec.meta.attrs).toMatchObject({ observeNucleus: '1H', observeFrequency_MHz: 600.133900845, solvent: 'DMSO', origin: 'Bruker BioSpin GmbH' });
  });
});
