/** Shared by the real-slice tests: random-forest pixel classification of a labelled NMC nano-CT
 *  slice from a few hundred labelled pixels per class, against multi-Otsu on the same slice. */
import { readFileSync } from 'node:fs';
import { readTiff } from '../../io/tiff/readTiff';
import { pixelFeatures } from '../../features/pixelFeatures';
import { trainRandomForest } from '../trainRandomForest';
import { predictRandomForest } from '../predictRandomForest';
import { gatherSamples } from '../gatherSamples';
import { thresholdMultiOtsu } from '../../image/thresholdMultiOtsu';
import { digitize } from '../../image/digitize';
import { trainIouMetrics } from '../../cnn/trainIouMetrics';
import { seededUniform } from '../../segment/assertSamples';

export interface RealSliceResult {
  forestIou: number[];
  otsuIou: number[];
  forestMean: number;
  otsuMean: number;
}

const PERMS = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];

/**
 * `perClass` pixels drawn (seeded) from each class of the manual labels are the "scribbles"; the
 * forest is scored on the whole slice. Multi-Otsu's classes are matched to the label classes by
 * the permutation with the best mean IoU (the most favourable reading of multi-Otsu).
 */
export function realSliceCase(imagePath: string, labelPath: string, perClass: number): RealSliceResult {
  const img = readTiff(new Uint8Array(readFileSync(imagePath)), imagePath);
  const lab = readTiff(new Uint8Array(readFileSync(labelPath)), labelPath);
  const { width: w, height: h } = img;
  const n = w * h;
  const truth = Uint8Array.from(lab.data.subarray(0, n));
  const K = 3;
  const feats = pixelFeatures(img.data.subarray(0, n), w, h, { scales: [0.7, 1.6, 3.5, 5.0] });
  // Stratified seeded sample of labelled pixels.
  const rand = seededUniform(7);
  const picks: number[] = [];
  const byClass: number[][] = [[], [], []];
  for (let i = 0; i < n; i++) byClass[truth[i]].push(i);
  for (const list of byClass) for (let j = 0; j < perClass; j++) picks.push(list[Math.floor(rand() * list.length)]);
  const x = gatherSamples(feats.data, n, picks);
  const y = Uint8Array.from(picks, (p) => truth[p]);
  const model = trainRandomForest(x, y, K, { trees: 32, seed: 1 });
  const pred = predictRandomForest(model, feats.data, n);
  const forest = trainIouMetrics(pred, truth, K);
  const otsu0 = digitize(img.data.subarray(0, n), thresholdMultiOtsu(img.data.subarray(0, n), { classes: K }).thresholds);
  let best = { iou: [0, 0, 0], mean: -1 };
  for (const perm of PERMS) {
    const r = trainIouMetrics(Uint8Array.from(otsu0, (c) => perm[c]), truth, K);
    if (r.meanIou > best.mean) best = { iou: Array.from(r.iou), mean: r.meanIou };
  }
  return { forestIou: Array.from(forest.iou), otsuIou: best.iou, forestMean: forest.meanIou, otsuMean: best.mean };
}
