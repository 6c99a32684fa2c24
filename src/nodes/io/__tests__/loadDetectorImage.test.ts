import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultParams, validateParams } from '../../../runtime/params';
import type { ImageValue, StackValue } from '../../../runtime/values';
import { loadDetectorImageNode } from '../loadDetectorImage';
import { fakeContext } from './fakeContext';

const repo = path.resolve(__dirname, '../../../..');
const xrd = path.join(repo, 'test/fixtures/xrd');
const dioptas = path.resolve(repo, '../shared/data/xrd/dioptas');
const hasShared = existsSync(dioptas);
if (!hasShared) console.warn(`SKIPPED: io.load-detector-image on the real Pilatus file — ${dioptas} not found`);

const run = (dir: string, names: string[], over: Record<string, unknown> = {}) => {
  const ctx = fakeContext(dir);
  const params = { ...defaultParams(loadDetectorImageNode.params), files: names.map((name) => ({ name })), ...over };
  return { ctx, result: loadDetectorImageNode.run({}, params as never, ctx) };
};

describe('io.load-detector-image', () => {
  it('declares a valid schema', () => expect(validateParams(loadDetectorImageNode.params, {}).issues).toEqual([]));

  it('Pilatus TIFF → image with the header\'s pixel size, wavelength, distance and the camera model', async () => {
    const { ctx, result } = run(xrd, ['ring_pilatus.tif']);
    const v = (await result).image as ImageValue;
    expect([v.kind, v.width, v.height, v.dtype]).toEqual(['image', 170, 150, 'f32']);
    expect(v.pixelSize).toEqual({ x: 172, y: 172, unit: 'µm' });
    expect(v.meta.attrs).toMatchObject({ format: 'pilatus-tiff', detector: 'PILATUS 100K-S (synthetic)', wavelength: 0.7, detectorDistance: 0.08, exposureTime: 1.5 });
    expect(ctx.warnings).toEqual(['ring_pilatus.tif: signed 32-bit integers converted to 32-bit float (exact up to 2^24 = 16777216)']);
  });

  it('EDF: one block → image with header metadata; two blocks → a stack; TIFF and EDF of the same counts agree', async () => {
    const e = (await run(xrd, ['ring_int32.edf']).result).image as ImageValue;
    const t = (await run(xrd, ['ring_pilatus.tif']).result).image as ImageValue;
    expect(e.meta.attrs).toMatchObject({ format: 'edf', title: 'synthetic powder rings', exposureTime: 1.5 });
    expect(Array.from(e.data)).toEqual(Array.from(t.data));
    const s = (await run(xrd, ['ring_f32_be.edf']).result).image as StackValue;
    expect([s.kind, s.frames, s.width, s.height]).toEqual(['stack', 2, 170, 150]);
    expect(Array.from(s.frameCoords)).toEqual([0, 1]);
  });

  it('several files → stack; different sizes and broken files refused naming the file', async () => {
    const s = (await run(xrd, ['ring_pilatus.tif', 'ring_int32.edf']).result).image as StackValue;
    expect([s.frames, s.frameAxis.name]).toEqual([2, 'time']);
    await expect(run(xrd, ['ring_int32.edf', 'tiny.edf']).result).rejects.toThrow(/ENOENT|tiny\.edf/);
    const ctx = fakeContext(xrd);
    ctx.files.read = async () => new TextEncoder().encode('{\nDataType = FloatValue ;\nDim_1 = 4 ;\nDim_2 = 4 ;\n}\n');
    ctx.files.hash = async () => '0'.repeat(64);
    const params = { ...defaultParams(loadDetectorImageNode.params), files: [{ name: 'cut.edf' }] };
    await expect(loadDetectorImageNode.run({}, params as never, ctx)).rejects.toThrow(/^cut\.edf: block 1: data needs bytes .* \(truncated\?\)/);
    await expect(run(xrd, []).result).rejects.toThrow(/^files: expected at least one detector image/);
  });

  it.skipIf(!hasShared)('the real Pilatus 1M TIFF: 981×1043, camera model, pixel size and exposure from its header', async () => {
    const v = (await run(dioptas, ['CeO2_Pilatus1M.tif']).result).image as ImageValue;
    expect([v.width, v.height]).toEqual([981, 1043]);
    expect(v.pixelSize).toEqual({ x: 172, y: 172, unit: 'µm' });
    expect(v.meta.attrs).toMatchObject({ format: 'pilatus-tiff', detector: 'PILATUS 1M-F', exposureTime: 3, detectorDistance: 0.21143, beamX: 498.18, beamY: 515.77 });
  });
});
