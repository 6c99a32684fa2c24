// The node wires a .poni and detector frames to the pyFAI-checked ops (src/ops/diffraction); here:
// its results equal pyFAI's integrate1d on the fixtures, stacks give spectra, bad input is named.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultParams, validateParams } from '../../../runtime/params';
import type { ImageValue, LabelsValue, SpectraValue, SpectrumValue, StackValue } from '../../../runtime/values';
import { parsePattern } from '../../../ops/io/xrd/parsePattern';
import { loadDetectorImageNode } from '../../io/loadDetectorImage';
import { fakeContext } from '../../io/__tests__/fakeContext';
import { azimuthalIntegrateNode } from '../azimuthalIntegrate';

const repo = path.resolve(__dirname, '../../../..');
const xrd = path.join(repo, 'test/fixtures/xrd');
const dioptas = path.resolve(repo, '../shared/data/xrd/dioptas');
const hasShared = existsSync(dioptas);
if (!hasShared) console.warn(`SKIPPED: clean.azimuthal-integrate on the real CeO2 Pilatus image — ${dioptas} not found`);
const ref = JSON.parse(readFileSync(path.join(xrd, 'integrate_reference.json'), 'utf8')) as {
  cases: { name: string; radial: number[]; intensity: number[] }[];
};

async function load(dir: string, name: string) {
  const p = { ...defaultParams(loadDetectorImageNode.params), files: [{ name }] };
  return (await loadDetectorImageNode.run({}, p as never, fakeContext(dir))).image as ImageValue | StackValue;
}
function integrate(dir: string, image: ImageValue | StackValue, poni: string, over: Record<string, unknown> = {}, mask?: LabelsValue) {
  const ctx = fakeContext(dir);
  const p = { ...defaultParams(azimuthalIntegrateNode.params), geometry: [{ name: poni }], npt: 64, ...over };
  return { ctx, result: azimuthalIntegrateNode.run({ image, mask }, p as never, ctx) };
}

describe('clean.azimuthal-integrate', () => {
  it('declares a valid schema; radialMax ≤ radialMin is refused by check', () => {
    expect(validateParams(azimuthalIntegrateNode.params, {}).issues).toEqual([]);
    const p = { ...defaultParams(azimuthalIntegrateNode.params), radialMin: 10, radialMax: 5 };
    expect(azimuthalIntegrateNode.check!(p as never)).toEqual([{ param: 'radialMax', message: 'radialMax: 5 is not above radialMin 10: expected min < max' }]);
  });

  it('EDF + .poni → the pattern pyFAI integrate1d gives (bbox, polarization 0.99, negative pixels masked)', async () => {
    const img = await load(xrd, 'ring_int32.edf');
    const { ctx, result } = integrate(xrd, img, 'ring.poni', { polarizationFactor: 0.99 });
    const v = (await result).pattern as SpectrumValue;
    const c = ref.cases.find((k) => k.name === 'bbox, 2th, solid angle + polarization 0.99, masked')!;
    expect(v.kind).toBe('spectrum');
    expect(v.xAxis).toEqual({ name: '2θ', unit: '°' });
    for (let k = 0; k < 64; k++) {
      expect(v.x[k]).toBeCloseTo(c.radial[k], 5);
      expect(Math.abs(v.y[k] - c.intensity[k])).toBeLessThan(2e-5 * c.intensity[k]);
    }
    expect(v.meta.sources.map((s) => s.name)).toEqual(['ring_int32.edf', 'ring.poni']);
    expect(v.meta.attrs.wavelength).toBeCloseTo(0.7, 12);
    expect(ctx.progressCalls.length).toBeGreaterThanOrEqual(2);
  });

  it('q unit and no splitting as pyFAI; a mask input leaves pixels out', async () => {
    const img = await load(xrd, 'ring_pilatus.tif');
    const v = (await integrate(xrd, img, 'ring.poni', { unit: 'q_A^-1', split: 'none' }).result).pattern as SpectrumValue;
    const c = ref.cases.find((k) => k.name === 'no split, q, solid angle, masked')!;
    expect(v.xAxis).toEqual({ name: 'q', unit: 'Å⁻¹' });
    for (let k = 0; k < 64; k++) expect(Math.abs(v.y[k] - c.intensity[k])).toBeLessThan(2e-5 * c.intensity[k] + 1e-9);
    // Masking the whole upper half changes the pattern; masking nothing does not.
    const data = new Uint8Array(img.width * img.height);
    const none: LabelsValue = { kind: 'labels', frames: 1, width: img.width, height: img.height, data, classes: ['keep', 'mask'], meta: img.meta };
    const same = (await integrate(xrd, img, 'ring.poni', { unit: 'q_A^-1', split: 'none' }, none).result).pattern as SpectrumValue;
    expect(Array.from(same.y)).toEqual(Array.from(v.y));
    const half: LabelsValue = { ...none, data: Uint8Array.from(data, (_, i) => (i < data.length / 2 ? 1 : 0)) };
    const masked = (await integrate(xrd, img, 'ring.poni', { unit: 'q_A^-1', split: 'none' }, half).result).pattern as SpectrumValue;
    expect(Array.from(masked.y)).not.toEqual(Array.from(v.y));
  });

  it('a two-frame stack → spectra, frame 2 = frame 1 / 2', async () => {
    const img = await load(xrd, 'ring_f32_be.edf');
    const v = (await integrate(xrd, img, 'ring.poni').result).pattern as SpectraValue;
    expect([v.kind, v.frames, v.points]).toEqual(['spectra', 2, 64]);
    for (let k = 0; k < 64; k++) expect(v.y[64 + k]).toBeCloseTo(v.y[k] / 2, 9);
    expect(v.frameLabels).toEqual(['time 0', 'time 1']);
  });

  it('refuses a missing or broken .poni, a q pattern without wavelength and a mask of another size', async () => {
    const img = await load(xrd, 'ring_int32.edf');
    const ctx = fakeContext(xrd);
    const p = { ...defaultParams(azimuthalIntegrateNode.params) };
    await expect(azimuthalIntegrateNode.run({ image: img }, p as never, ctx)).rejects.toThrow(/^geometry: expected a \.poni file/);
    const bad = fakeContext(xrd);
    bad.files.read = async () => new TextEncoder().encode('Distance: 0.1\nPoni1: 0\nPoni2: 0\nRot1: 0\nRot2: 0\nRot3: x\n');
    bad.files.hash = async () => '0'.repeat(64);
    await expect(azimuthalIntegrateNode.run({ image: img }, { ...p, geometry: [{ name: 'b.poni' }] } as never, bad)).rejects.toThrow(
      /^b\.poni, line 6: Rot3: expected a number, got "x"/,
    );
    const noWl = fakeContext(xrd);
    noWl.files.read = async () => new TextEncoder().encode('Detector: Pilatus1M\nDistance: 0.1\nPoni1: 0\nPoni2: 0\nRot1: 0\nRot2: 0\nRot3: 0\n');
    noWl.files.hash = async () => '0'.repeat(64);
    await expect(azimuthalIntegrateNode.run({ image: img }, { ...p, unit: 'q_A^-1', geometry: [{ name: 'n.poni' }] } as never, noWl)).rejects.toThrow(
      /^wavelength: n\.poni gives no Wavelength and the image none: expected a wavelength in Å for q/,
    );
    const small: LabelsValue = { kind: 'labels', frames: 1, width: 3, height: 3, data: new Uint8Array(9), classes: [], meta: img.meta };
    await expect(integrate(xrd, img, 'ring.poni', {}, small).result).rejects.toThrow(/^input "mask": 3×3, expected the image size 170×150/);
  });

  it.skipIf(!hasShared)('the real CeO2 Pilatus 1M image with Dioptas\' settings reproduces Dioptas\' pattern', async () => {
    const img = await load(dioptas, 'CeO2_Pilatus1M.tif');
    const { result } = integrate(dioptas, img, 'CeO2_Pilatus1M.poni', { npt: 1512, polarizationFactor: 0.99, flipRows: true, maskNegative: false });
    const v = (await result).pattern as SpectrumValue;
    const [d] = parsePattern(readFileSync(path.join(dioptas, 'CeO2_Pilatus1M.xy'), 'utf8'), 'CeO2_Pilatus1M.xy');
    for (let k = 3; k < 1512; k++) {
      expect(Math.abs(v.x[k] - d.x[k])).toBeLessThan(1e-4 * (d.x[1] - d.x[0]));
      expect(Math.abs(v.y[k] - d.y[k])).toBeLessThan(2e-4 * Math.max(1, d.y[k]));
    }
  });
});
