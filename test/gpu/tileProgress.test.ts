// Cancel and progress of the tiled WebGPU paths (TileRunOptions): every kernel that goes through
// host memory in tiles, boxes, rounds or bands checks the signal before each piece and reports
// each one done, ending at the total.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceArray, TileRunOptions } from '../../src/compute/computeBackend';
import { resetBackends, setGpuSource } from '../../src/compute/selectBackend';
import { AbortError } from '../../src/runtime/nodeDefinition';
import { gpu, randomF32, useBackends } from './gpuTestSetup';

// 4 KiB bindings (1024 values): every input below is over the limit, so each run is tiled.
const backends = useBackends(4096);

const [w, h] = [40, 37]; // 1480 values
const [vw, vh, vd] = [15, 13, 9]; // 1755 voxels
const image = randomF32(w * h, 3, 100);
const volume = randomF32(vw * vh * vd, 7, 100);
const psf = [0, 0.125, 0, 0.125, 0.5, 0.125, 0, 0.125, 0];

const runs: [string, (o: TileRunOptions) => Promise<DeviceArray>][] = [
  ['medianFilter3d', (o) => backends.tiled.medianFilter3d(volume, vw, vh, vd, o)],
  ['gaussianFilter3d', (o) => backends.tiled.gaussianFilter3d(volume, vw, vh, vd, { sigma: 1, ...o })],
  ['gaussianFilter3d (two round trips)', (o) => backends.tiled.gaussianFilter3d(volume, vw, vh, vd, { sigma: 3, ...o })],
  ['gaussianFilter2d', (o) => backends.tiled.gaussianFilter2d(image, w, h, { sigma: 1.5, ...o })],
  ['medianFilter2d', (o) => backends.tiled.medianFilter2d(image, w, h, { size: 5, ...o })],
  ['nlMeansDenoise2d', (o) => backends.tiled.nlMeansDenoise2d(image, w, h, { h: 10, patchSize: 3, patchDistance: 2, ...o })],
  ['richardsonLucy', (o) => backends.tiled.richardsonLucy(image, w, h, { psf, psfWidth: 3, psfHeight: 3, numIter: 4, ...o })],
  ['bilinearShift2d', (o) => backends.tiled.bilinearShift2d(image, w, h, { dy: 1.25, dx: -2.5, ...o })],
  ['fft2d', (o) => backends.tiled.fft2d(image, h, w, o)],
  ['fft3d', (o) => backends.tiled.fft3d(volume, vd, vh, vw, o)],
];

describe.skipIf(!gpu)('tiled GPU kernels: cancel and progress', () => {
  it.each(runs)('%s: progress counts every piece and reaches the total', async (_, run) => {
    const seen: [number, number][] = [];
    const r = await run({ onProgress: (done, total) => void seen.push([done, total]) });
    r.dispose();
    expect(seen.length).toBeGreaterThan(1);
    const total = seen[0][1];
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => [i + 1, total]));
  });

  it.each(runs)('%s: an aborted signal stops it with AbortError, before or between pieces', async (_, run) => {
    const live = backends.tiled.pool.live;
    const before = new AbortController();
    before.abort();
    await expect(run({ signal: before.signal })).rejects.toBeInstanceOf(AbortError);
    const mid = new AbortController();
    const seen: number[] = [];
    const onProgress = (done: number) => {
      seen.push(done);
      if (done === 1) mid.abort();
    };
    await expect(run({ signal: mid.signal, onProgress })).rejects.toBeInstanceOf(AbortError);
    expect(seen).toEqual([1]); // the second piece never started
    expect(backends.tiled.pool.live).toBe(live); // scratch buffers released on the way out
  });
});

beforeAll(() => {
  if (gpu) setGpuSource(gpu);
});
afterAll(() => resetBackends());
