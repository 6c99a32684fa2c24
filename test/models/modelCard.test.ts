// The bundled segmentation models (public/models: LRCS-Net and U-Net): their cards, ONNX files, the index the studio's
// model picker reads, the inference reference in test/fixtures/cnn, and an independent TypeScript
// check of the card's multi-Otsu baseline and class naming on the real slices (../shared/data).
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reduceStats } from '../../src/ops/array/reduceStats';
import { parseModelCard } from '../../src/ops/cnn/parseModelCard';
import { trainIouMetrics } from '../../src/ops/cnn/trainIouMetrics';
import { thresholdMultiOtsu } from '../../src/ops/image/thresholdMultiOtsu';
import { readTiff } from '../../src/ops/io/tiff/readTiff';

const repo = path.resolve(__dirname, '../..');
const models = path.join(repo, 'public/models');
const readJson = (p: string): Record<string, unknown> => JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>;

interface PhaseMetrics {
  'iou.mean': number;
  pixelAccuracy: number;
  [k: string]: number;
}
interface Card {
  name: string;
  format: string;
  file: string;
  classes: string[];
  inputShape: number[];
  multipleOf: number;
  normalization: { method: string };
  classMeanGreyLevels: { pooled: number[] };
  training: { slices: string[]; validation: string[]; seed: number; epochs: number; torch: string };
  metrics: { slice: string; cnn: PhaseMetrics; multiOtsu: PhaseMetrics & { thresholds: number[] } };
  dataRecipe: string;
}

const index = readJson(path.join(models, 'index.json')) as { models: { name: string; card: string; title: string; description: string }[] };
const cardFile = path.join(models, 'lrcs-nmc.json');
const card = readJson(cardFile) as unknown as Card;

describe('bundled model index (public/models/index.json)', () => {
  it('lists every bundled model with an existing card of the same name, a title and a description', () => {
    expect(index.models.length).toBeGreaterThanOrEqual(1);
    for (const m of index.models) {
      expect(m.title.length).toBeGreaterThan(0);
      expect(m.description.length).toBeGreaterThan(0);
      const c = readJson(path.join(models, m.card));
      expect(c.name).toBe(m.name);
    }
    expect(index.models.map((m) => m.card)).toEqual(['lrcs-nmc.json', 'unet-nmc.json']);
  });
});

for (const entry of index.models) describe(`model card public/models/${entry.card}`, () => {
  const card = readJson(path.join(models, entry.card)) as unknown as Card;
  it('parses as a model description with 3 classes, z-score input, NCHW with free H, W multiples of 8', () => {
    const d = parseModelCard(card as unknown as Record<string, unknown>, entry.card);
    expect(d.name).toBe(entry.name);
    expect(d.classes).toHaveLength(3);
    expect([...d.classes].sort()).toEqual(['NMC', 'carbon-binder', 'pores']);
    expect(d.normalization).toEqual({ method: 'zscore' });
    expect(d.inputShape).toEqual([1, 1, -1, -1]);
    expect(d.multipleOf).toBe(8);
    expect(card.format).toBe('onnx');
    // nested metrics are flattened with dots (what the inference node shows)
    expect(d.metrics['cnn.iou.mean']).toBe(card.metrics.cnn['iou.mean']);
  });

  it('names an existing ONNX file ≤ 3 MB whose graph has the input "input" and the output "probabilities"', () => {
    const onnx = path.join(models, card.file);
    expect(existsSync(onnx)).toBe(true);
    const size = statSync(onnx).size;
    expect(size).toBeGreaterThan(10_000);
    expect(size).toBeLessThanOrEqual(3 * 1024 * 1024);
    const bytes = readFileSync(onnx);
    expect(bytes[0]).toBe(0x08); // ModelProto field 1 (ir_version), varint: an ONNX protobuf
    expect(bytes.includes(Buffer.from('probabilities'))).toBe(true);
    expect(bytes.includes(Buffer.from('input'))).toBe(true);
  });

  it('was validated on a slice not used in training, and records a reproducible recipe', () => {
    expect(card.training.validation).toEqual([card.metrics.slice]);
    for (const s of card.training.validation) expect(card.training.slices).not.toContain(s);
    expect(Number.isInteger(card.training.seed)).toBe(true);
    expect(card.dataRecipe).toMatch(/scripts\/models\/train_segmentpy\.py/);
  });

  it('per-phase IoUs are consistent with the mean, and the CNN beats multi-Otsu by > 0.05 mean IoU', () => {
    for (const m of [card.metrics.cnn, card.metrics.multiOtsu]) {
      const ious = card.classes.map((c) => m[`iou.${c}`]);
      for (const v of ious) expect(v).toBeGreaterThanOrEqual(0);
      for (const v of ious) expect(v).toBeLessThanOrEqual(1);
      expect(Math.abs(ious.reduce((a, b) => a + b, 0) / 3 - m['iou.mean'])).toBeLessThan(1e-3);
    }
    expect(card.metrics.cnn['iou.mean']).toBeGreaterThan(card.metrics.multiOtsu['iou.mean'] + 0.05);
    expect(card.metrics.cnn.pixelAccuracy).toBeGreaterThan(card.metrics.multiOtsu.pixelAccuracy);
    // every phase clearly above multi-Otsu, not only the mean
    for (const c of card.classes) expect(card.metrics.cnn[`iou.${c}`], c).toBeGreaterThan(card.metrics.multiOtsu[`iou.${c}`] + 0.1);
  });

  it('is scored on the same slice, classes and multi-Otsu baseline as lrcs-nmc.json (checked against the data below)', () => {
    const base = readJson(cardFile) as unknown as Card;
    expect([card.metrics.slice, card.classes]).toEqual([base.metrics.slice, base.classes]);
    for (const c of card.classes) expect(card.metrics.multiOtsu[`iou.${c}`]).toBeCloseTo(base.metrics.multiOtsu[`iou.${c}`], 3);
  });
});

describe('inference reference test/fixtures/cnn/nmc394_crop.json', () => {
  const dir = path.join(repo, 'test/fixtures/cnn');
  const ref = readJson(path.join(dir, 'nmc394_crop.json')) as {
    crop: { row: number; col: number; height: number; width: number };
    input: { file: string };
    output: { file: string; shape: number[] };
    classes: string[];
    maxAbsTorchVsOnnxGraph: number;
  };
  const f32 = (f: string) => {
    const b = readFileSync(path.join(dir, f));
    return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  };
  it('holds a 64×64 crop and 3×64×64 probabilities that sum to 1 per pixel, with the card’s classes', () => {
    const { height: h, width: w } = ref.crop;
    expect(f32(ref.input.file)).toHaveLength(h * w);
    const p = f32(ref.output.file);
    expect(ref.output.shape).toEqual([1, 3, h, w]);
    expect(p).toHaveLength(3 * h * w);
    let worst = 0;
    for (let i = 0; i < h * w; i++) worst = Math.max(worst, Math.abs(p[i] + p[h * w + i] + p[2 * h * w + i] - 1));
    expect(worst).toBeLessThan(1e-5);
    expect(ref.classes).toEqual(card.classes);
    expect(ref.maxAbsTorchVsOnnxGraph).toBeLessThan(1e-4);
  });
});

// ---------------------------------------------------------------- real data (../shared/data)
const nmcDir = path.resolve(repo, '../shared/data/ct/segmentpy-nmc');
const hasData = existsSync(path.join(nmcDir, '394.tif'));
if (!hasData) console.warn(`SKIPPED: bundled model card vs the real NMC slices — ${nmcDir} not found`);

const slice = (name: string) => readTiff(new Uint8Array(readFileSync(path.join(nmcDir, name))), name);

describe.skipIf(!hasData)('model card vs the real NMC slices (../shared/data/ct/segmentpy-nmc)', () => {
  it('multi-Otsu on slice 394 (thresholdMultiOtsu, classes by grey level) reproduces the card’s IoUs within 0.01', () => {
    const img = slice('394.tif');
    const lab = slice('394_label.tif');
    expect(lab.width * lab.height).toBe(img.width * img.height);
    const { thresholds } = thresholdMultiOtsu(img.data, { classes: 3 });
    const rec = card.metrics.multiOtsu.thresholds;
    const { min, max } = reduceStats(img.data);
    const span = max - min; // thresholds are bin centres: they agree to within one of 256 bins
    for (let k = 0; k < 2; k++) expect(Math.abs(thresholds[k] - rec[k])).toBeLessThan(span / 256);
    // darkest region → pores, middle → carbon-binder, brightest → NMC, as label values of the card
    const byLevel = ['pores', 'carbon-binder', 'NMC'].map((n) => card.classes.indexOf(n));
    const pred = new Uint8Array(img.data.length);
    for (let i = 0; i < pred.length; i++) {
      const v = img.data[i];
      pred[i] = byLevel[v >= thresholds[1] ? 2 : v >= thresholds[0] ? 1 : 0];
    }
    const m = trainIouMetrics(pred, lab.data, 3);
    card.classes.forEach((c, k) => expect(Math.abs(m.iou[k] - card.metrics.multiOtsu[`iou.${c}`])).toBeLessThan(0.01));
    expect(Math.abs(m.meanIou - card.metrics.multiOtsu['iou.mean'])).toBeLessThan(0.01);
    expect(Math.abs(m.accuracy - card.metrics.multiOtsu.pixelAccuracy)).toBeLessThan(0.01);
  });

  it('the class names follow the grey levels: pooled z-scored mean per label, darkest = pores, brightest = NMC', () => {
    const sums = new Float64Array(3);
    const counts = new Float64Array(3);
    for (const s of ['1', '100', '103', '394']) {
      const img = slice(`${s}.tif`).data;
      const lab = slice(`${s}_label.tif`).data;
      const { sum, sumSquares, count } = reduceStats(img);
      const mean = sum / count;
      const std = Math.sqrt(sumSquares / count - mean * mean);
      for (let i = 0; i < img.length; i++) {
        sums[lab[i]] += (img[i] - mean) / std;
        counts[lab[i]]++;
      }
    }
    const pooled = Array.from(sums, (s, k) => s / counts[k]);
    pooled.forEach((p, k) => expect(p).toBeCloseTo(card.classMeanGreyLevels.pooled[k], 3));
    const order = [0, 1, 2].sort((a, b) => pooled[a] - pooled[b]);
    expect(order.map((k) => card.classes[k])).toEqual(['pores', 'carbon-binder', 'NMC']);
  });

  it('the reference crop is 394.tif at the recorded position', () => {
    const img = slice('394.tif');
    const ref = readJson(path.join(repo, 'test/fixtures/cnn/nmc394_crop.json')) as {
      crop: { row: number; col: number; height: number; width: number };
    };
    const b = readFileSync(path.join(repo, 'test/fixtures/cnn/nmc394_crop.f32'));
    const crop = new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
    const { row, col, height, width } = ref.crop;
    expect(crop).toHaveLength(height * width);
    let differ = 0;
    for (let r = 0; r < height; r++)
      for (let c = 0; c < width; c++) if (crop[r * width + c] !== img.data[(row + r) * img.width + col + c]) differ++;
    expect(differ).toBe(0);
  });
});
