import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { trainSegmenter, type TrainProgress } from '../trainSegmenter';
import { decodeTfjsArtifacts } from '../tfjsArtifacts';
import { twoPhase } from './twoPhase';
import { readTiff } from '../../io/tiff/readTiff';

describe('trainSegmenter', () => {
  it('learns a synthetic two-phase image: loss decreases, validation IoU above 0.9 for both phases (U-Net, seeded)', async () => {
    const { image, labels } = twoPhase(96, 128, 7);
    const epochs: TrainProgress[] = [];
    const steps: TrainProgress[] = [];
    const res = await trainSegmenter(
      { image, labels, width: 96, height: 128, frames: 1 },
      { architecture: 'u-net', classes: 2, channels: 4, kernel: 3, patch: 32, batch: 4, epochs: 4, stepsPerEpoch: 10, lr: 1e-2, seed: 1, backends: ['wasm'], validationFraction: 0.25 },
      (p) => void (p.phase === 'epoch' ? epochs : steps).push(p),
    );
    expect(res.backend).toBe('wasm');
    expect(steps).toHaveLength(40);
    expect(epochs).toHaveLength(4);
    expect(epochs[3].loss).toBeLessThan(epochs[0].loss);
    expect(res.valIou[0]).toBeGreaterThan(0.9);
    expect(res.valIou[1]).toBeGreaterThan(0.9);
    expect(res.bestEpoch).toBeGreaterThan(0);
    expect(decodeTfjsArtifacts(res.bytes).weightSpecs!.length).toBeGreaterThan(0);
  });

  it('stops on abort before the next batch and still returns the best model so far', async () => {
    const { image, labels } = twoPhase(64, 96, 3);
    const ctrl = new AbortController();
    const epochs: TrainProgress[] = [];
    let stepsAfterAbort = 0;
    const res = await trainSegmenter(
      { image, labels, width: 64, height: 96, frames: 1 },
      { architecture: 'u-net', classes: 2, channels: 2, patch: 32, batch: 2, epochs: 10, stepsPerEpoch: 3, seed: 2, backends: ['wasm'] },
      (p) => {
        if (ctrl.signal.aborted && p.phase === 'step') stepsAfterAbort++;
        if (p.phase === 'epoch') {
          epochs.push(p);
          if (p.epoch === 2) ctrl.abort();
        }
      },
      ctrl.signal,
    );
    expect(res.stopped).toBe(true);
    expect(stepsAfterAbort).toBe(0);
    expect(res.history).toHaveLength(2);
    const best = epochs.reduce((a, b) => (b.valMeanIou! > a.valMeanIou! ? b : a));
    expect(res.bestEpoch).toBe(best.epoch);
    expect(Array.from(res.valIou)).toEqual(Array.from(best.valIou!));
    expect(res.bytes.length).toBeGreaterThan(100);
  });

  it('trains from scribbles (labels start at 1, 0 unlabelled) and refuses labels beyond the classes', async () => {
    const { image, labels } = twoPhase(64, 96, 11);
    const scribbles = new Uint8Array(labels.length);
    for (let i = 0; i < labels.length; i += 7) scribbles[i] = labels[i] + 1; // every 7th pixel painted
    const res = await trainSegmenter(
      { image, labels: scribbles, width: 64, height: 96, frames: 1 },
      { architecture: 'u-net', classes: 2, channels: 4, patch: 32, batch: 4, epochs: 3, stepsPerEpoch: 8, lr: 1e-2, seed: 1, labelsStartAt: 1, backends: ['wasm'], augment: false },
    );
    expect(res.history[2].loss).toBeLessThan(res.history[0].loss);
    expect(res.valMeanIou).toBeGreaterThan(0.7);
    await expect(
      trainSegmenter({ image, labels: scribbles, width: 64, height: 96, frames: 1 }, { classes: 1, labelsStartAt: 1, patch: 32, backends: ['wasm'] }),
    ).rejects.toThrow(/labels: value 2 at pixel \d+ is class 1, but there are 1 classes/);
    await expect(trainSegmenter({ image, labels, width: 64, height: 95, frames: 1 }, { patch: 32 })).rejects.toThrow(/image: expected/);
  });
});

const FIX = path.resolve(__dirname, '../../../../test/fixtures/image');

describe('trainSegmenter on the real NMC nano-CT slice 1 (SegmentPy image and labels, test/fixtures/image/nmc_1*.tif)', () => {
  it('U-Net on a 160×192 crop: loss decreases and validation mean IoU beats a fixed bar above the trivial one (seeded)', async () => {
    const img = readTiff(new Uint8Array(await readFile(path.join(FIX, 'nmc_1.tif'))), 'nmc_1.tif');
    const lab = readTiff(new Uint8Array(await readFile(path.join(FIX, 'nmc_1_label.tif'))), 'nmc_1_label.tif');
    const w = 192;
    const h = 160;
    const image = new Float32Array(w * h);
    const labels = new Uint8Array(w * h);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        image[y * w + x] = img.data[(100 + y) * img.width + 150 + x];
        labels[y * w + x] = lab.data[(100 + y) * lab.width + 150 + x];
      }
    const counts = [0, 0, 0];
    for (let i = labels.length - 48 * w; i < labels.length; i++) counts[labels[i]]++;
    const res = await trainSegmenter(
      { image, labels, width: w, height: h, frames: 1 },
      { architecture: 'u-net', classes: 3, channels: 4, patch: 32, batch: 4, epochs: 4, stepsPerEpoch: 10, lr: 1e-2, seed: 1, backends: ['wasm'] },
    );
    console.log('NMC crop', counts, res.history.map((e) => [e.loss.toFixed(3), e.valMeanIou!.toFixed(3), Array.from(e.valIou!, (v) => v.toFixed(3)).join('/')]));
    expect(res.history[3].loss).toBeLessThan(res.history[0].loss);
    expect(res.valMeanIou).toBeGreaterThan(0.35);
    expect(res.valIou[1]).toBeGreaterThan(0.3);
  });
});
