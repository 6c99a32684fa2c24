/**
 * segment.pixel-classifier: ilastik-style supervised pixel classification. The user paints
 * scribbles per class on frames in the preview; multiscale pixel features (Gaussian, gradient,
 * Laplacian, difference of Gaussians, structure-tensor and Hessian eigenvalues) of the scribbled
 * pixels train a random forest, which then labels every pixel of every frame.
 *
 * State: a small LRU of feature blocks (module-level, below), so that repainting — which changes
 * only the scribbles — does not recompute features and the prediction appears live.
 */
import { defineNode, NodeInputError, requireInput, type RunContext } from '../../runtime/nodeDefinition';
import { defineParams, type ParamValues } from '../../runtime/params';
import { deriveMeta, type ImageValue, type LabelsValue, type StackValue, type Value } from '../../runtime/values';
import { FEATURE_FAMILIES, FEATURE_SCALES, FEATURES_PER_FAMILY, pixelFeatures, type FeatureFamily } from '../../ops/features/pixelFeatures';
import { rasterizeScribbles, type ScribbleStroke } from '../../ops/scribbles/rasterizeScribbles';
import { trainRandomForest } from '../../ops/classify/trainRandomForest';
import { predictRandomForest } from '../../ops/classify/predictRandomForest';
import { gatherSamples } from '../../ops/classify/gatherSamples';
import { seededUniform } from '../../ops/segment/assertSamples';

const SCALE_PATTERN = '\\s*(?:0\\.7|1|1\\.0|1\\.6|3\\.5|5|5\\.0|10|10\\.0)(?:\\s*,\\s*(?:0\\.7|1|1\\.0|1\\.6|3\\.5|5|5\\.0|10|10\\.0))*\\s*';

/** JSON Schema of the stored scribbles: an ordered list of strokes (later ones paint over earlier). */
export const SCRIBBLES_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    required: ['class', 'frame', 'radius', 'points'],
    additionalProperties: false,
    properties: {
      class: { type: 'integer', minimum: 0, maximum: 255, description: 'Class 1…K painted, 0 = eraser.' },
      frame: { type: 'integer', minimum: 0, description: 'Frame of a stack (0 for an image).' },
      radius: { type: 'number', minimum: 0, maximum: 500, description: 'Brush radius in pixels.' },
      points: {
        type: 'array',
        minItems: 2,
        items: { type: 'integer' },
        description: 'Flat x0, y0, x1, y1, … in full-resolution pixels (columns, rows).',
      },
    },
  },
} as const;

const familyParam = (label: string, description: string) =>
  ({ type: 'boolean', label, description, default: true }) as const;

const params = defineParams({
  classes: {
    type: 'string',
    label: 'Classes',
    description: 'Names of the classes, separated by commas (2 to 12), e.g. "pores, carbon-binder, NMC". Scribbles of class k paint the k-th name.',
    default: 'pores, carbon-binder, NMC',
    pattern: '[^,]+(,[^,]+)+',
  },
  scales: {
    type: 'string',
    label: 'Scales σ',
    description: 'Feature scales in pixels, a subset of ilastik\'s 0.7, 1.0, 1.6, 3.5, 5.0, 10.0, separated by commas. Small σ: edges and fine texture; large σ: context. Each scale adds up to 8 features.',
    default: '0.7, 1.6, 3.5, 5',
    pattern: SCALE_PATTERN,
  },
  gaussian: familyParam('Gaussian smoothing', 'Feature: the image smoothed at each scale (intensity).'),
  gradient: familyParam('Gradient magnitude', 'Feature: magnitude of the Gaussian gradient (edges).'),
  laplacian: familyParam('Laplacian of Gaussian', 'Feature: Laplacian of Gaussian (blobs, ridges).'),
  dog: familyParam('Difference of Gaussians', 'Feature: G(σ) − G(0.66σ), as ilastik (band-pass).'),
  structure: familyParam('Structure tensor', 'Features: the two eigenvalues of the structure tensor (gradient at σ, smoothed at σ/2): texture orientation strength.'),
  hessian: familyParam('Hessian eigenvalues', 'Features: the two eigenvalues of the Hessian of Gaussian (curvature: tubes, plates, blobs).'),
  trees: {
    type: 'integer',
    label: 'Trees',
    description: 'Trees of the random forest. More give smoother probabilities but predict more slowly (time grows linearly).',
    default: 16,
    min: 1,
    max: 200,
  },
  maxDepth: {
    type: 'integer',
    label: 'Max depth',
    description: 'Largest depth of a tree. Deeper trees fit the scribbles more closely.',
    default: 12,
    min: 1,
    max: 30,
    advanced: true,
  },
  samplesPerClass: {
    type: 'integer',
    label: 'Samples per class',
    description: 'At most this many scribbled pixels per class train the forest (a seeded random subset of longer scribbles), which bounds training time.',
    default: 5000,
    min: 10,
    max: 200000,
    advanced: true,
  },
  seed: {
    type: 'integer',
    label: 'Seed',
    description: 'Seed of the random draws (bootstrap, features per split, sample subset): equal seeds give equal results.',
    default: 0,
    min: 0,
    max: 4294967295,
    advanced: true,
  },
  probabilities: {
    type: 'boolean',
    label: 'Output probabilities',
    description: 'Also output the class probabilities as a stack (one frame per class, per input frame). Costs 4 bytes per pixel and class.',
    default: false,
  },
  scribbles: {
    type: 'json',
    label: 'Scribbles',
    description: 'Strokes painted in the preview: select this node and paint on the image with the brush of a class.',
    default: [],
    schema: SCRIBBLES_SCHEMA,
  },
});

type P = ParamValues<typeof params>;

function classNames(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

function scalesOf(text: string): number[] {
  return [...new Set(classNames(text).map(Number))].sort((a, b) => a - b);
}

function familiesOf(p: P): FeatureFamily[] {
  return FEATURE_FAMILIES.filter((f) => p[f]);
}

// --- Feature cache ----------------------------------------------------------------------------
// Feature blocks of (input value, frame, feature selection), least recently used first. Values
// are immutable and the engine hands the same object to every run while the upstream is
// unchanged, so the value's identity is its content key here.

const CACHE_BYTES = 1 << 30;
const valueIds = new WeakMap<object, number>();
let nextValueId = 1;
const featureCache = new Map<string, { block: Float32Array; count: number }>();

function valueId(v: object): number {
  let id = valueIds.get(v);
  if (id === undefined) {
    id = nextValueId++;
    valueIds.set(v, id);
  }
  return id;
}

function cacheGet(key: string): { block: Float32Array; count: number } | undefined {
  const hit = featureCache.get(key);
  if (hit) {
    featureCache.delete(key);
    featureCache.set(key, hit);
  }
  return hit;
}

function cachePut(key: string, entry: { block: Float32Array; count: number }): void {
  featureCache.set(key, entry);
  let bytes = 0;
  for (const e of featureCache.values()) bytes += e.block.byteLength;
  for (const [k, e] of featureCache) {
    if (bytes <= CACHE_BYTES || featureCache.size <= 1) break;
    featureCache.delete(k);
    bytes -= e.block.byteLength;
  }
}

/** Number of cached feature blocks (tests). */
export function pixelClassifierCacheSize(): number {
  return featureCache.size;
}

/** Features of one frame, scale by scale with progress between; from the cache when present. */
async function frameFeatures(
  v: ImageValue | StackValue,
  frame: number,
  scales: number[],
  families: FeatureFamily[],
  ctx: RunContext,
  progress: [number, number],
  cache: boolean,
  scratch?: Float32Array,
): Promise<{ block: Float32Array; count: number }> {
  const key = `${valueId(v)}|${frame}|${scales.join(',')}|${families.join(',')}`;
  const hit = cache ? cacheGet(key) : undefined;
  if (hit) return hit;
  const plane = v.width * v.height;
  const pixels = v.data.subarray(frame * plane, (frame + 1) * plane);
  const perScale = families.reduce((n, f) => n + FEATURES_PER_FAMILY[f], 0);
  // Frames that are not cached reuse the caller's scratch block (one allocation per run).
  const size = perScale * scales.length * plane;
  const block = !cache && scratch?.length === size ? scratch : new Float32Array(size);
  for (let s = 0; s < scales.length; s++) {
    await ctx.progress(progress[0] + ((progress[1] - progress[0]) * s) / scales.length, `frame ${frame + 1}: features σ=${scales[s]}`);
    pixelFeatures(pixels, v.width, v.height, {
      scales: [scales[s]],
      families,
      out: block.subarray(s * perScale * plane, (s + 1) * perScale * plane),
    });
  }
  // Scale by scale into consecutive rows: the same block as all scales at once.
  const entry = { block, count: perScale * scales.length };
  if (cache) cachePut(key, entry);
  return entry;
}

export const pixelClassifierNode = defineNode({
  type: 'segment.pixel-classifier',
  version: 1,
  category: 'segment',
  title: 'Pixel classifier',
  help:
    'Supervised pixel classification in the spirit of ilastik (Sommer et al. 2011; Berg et al., Nat. Methods 2019): paint a ' +
    'few scribbles per class on the image in the preview (select this node; brush, eraser, class list), and a random forest ' +
    '(Breiman 2001: Gini, bootstrap, √features per split) trained on multiscale pixel features of the scribbled pixels labels ' +
    'every pixel. Features per scale σ as ilastik: Gaussian smoothing, gradient magnitude, Laplacian of Gaussian, difference ' +
    'of Gaussians (σ, 0.66σ), structure-tensor eigenvalues (σ, σ/2) and Hessian-of-Gaussian eigenvalues, with nearest-edge ' +
    'Gaussians truncated at 4σ (as scipy.ndimage). On a stack the forest trains on the scribbled frames and predicts every ' +
    'frame. Outputs: the predicted labels (class 0 = first name), optionally the class probabilities, and the scribbles as a ' +
    'label image (0 = unlabelled, k = k-th class) for training a CNN.',
  inputs: [{ name: 'image', label: 'Image', kinds: ['image', 'stack'], required: true }],
  outputs: [
    { name: 'labels', label: 'Labels', kinds: ['labels'] },
    { name: 'probabilities', label: 'Probabilities', kinds: ['stack'], description: 'When "Output probabilities" is on.' },
    { name: 'scribbles', label: 'Scribbles', kinds: ['labels'], description: '0 = unlabelled, 1…K = the painted class.' },
  ],
  params,
  check(p) {
    const issues: { param: string; message: string }[] = [];
    const names = classNames(p.classes);
    if (names.length < 2 || names.length > 12) issues.push({ param: 'classes', message: `classes: ${names.length} names given, expected 2 to 12` });
    if (!FEATURE_FAMILIES.some((f) => p[f])) issues.push({ param: 'gaussian', message: 'features: no feature family selected, expected at least one' });
    const strokes = p.scribbles as ScribbleStroke[];
    const bad = Array.isArray(strokes) ? strokes.findIndex((s) => s.class > names.length) : -1;
    if (bad >= 0) issues.push({ param: 'scribbles', message: `scribbles[${bad}]: class ${strokes[bad].class}, but only ${names.length} classes are named` });
    return issues;
  },
  async run(inputs, p, ctx) {
    const v = requireInput(inputs, 'image', ['image', 'stack']);
    const names = classNames(p.classes);
    const K = names.length;
    if (K < 2 || K > 12) throw new NodeInputError(`classes: ${K} names given ("${p.classes}"), expected 2 to 12 separated by commas`);
    const families = familiesOf(p);
    if (families.length === 0) throw new NodeInputError('features: no feature family selected, expected at least one');
    const scales = scalesOf(p.scales);
    for (const s of scales) {
      if (!FEATURE_SCALES.includes(s as never)) throw new NodeInputError(`scales: ${s} is not one of ${FEATURE_SCALES.join(', ')}`);
    }
    const strokes = p.scribbles as ScribbleStroke[];
    const frames = v.kind === 'stack' ? v.frames : 1;
    const { width: w, height: h } = v;
    const plane = w * h;
    strokes.forEach((s, i) => {
      if (s.class > K) throw new NodeInputError(`scribbles[${i}]: class ${s.class}, but only ${K} classes are named (${names.join(', ')})`);
      if (s.frame >= frames) throw new NodeInputError(`scribbles[${i}]: frame ${s.frame}, but the input has ${frames} frame${frames > 1 ? 's' : ''}`);
    });
    const mask = rasterizeScribbles(strokes, w, h, frames);

    // Scribbled pixels per class (seeded subset of at most samplesPerClass each), by frame.
    const byClass: number[][] = Array.from({ length: K }, () => []);
    for (let i = 0; i < mask.length; i++) if (mask[i]) byClass[mask[i] - 1].push(i);
    const painted = byClass.map((l, k) => `${names[k]} ${l.length} px`).join(', ');
    if (byClass.filter((l) => l.length > 0).length < 2) {
      throw new NodeInputError(
        `scribbles: paint at least two classes (select this node and paint on the image in the preview); painted so far: ${painted}`,
      );
    }
    const rand = seededUniform(p.seed);
    const chosen: number[] = [];
    for (const list of byClass) {
      if (list.length <= p.samplesPerClass) chosen.push(...list);
      else {
        // Partial Fisher–Yates: a seeded subset without repeats.
        for (let j = 0; j < p.samplesPerClass; j++) {
          const r = j + Math.floor(rand() * (list.length - j));
          [list[j], list[r]] = [list[r], list[j]];
          chosen.push(list[j]);
        }
      }
    }
    chosen.sort((a, b) => a - b);
    const trainFrames = [...new Set(chosen.map((i) => Math.floor(i / plane)))];

    let labelsOut: Uint8Array;
    let probs: Float32Array | undefined;
    try {
      // Training samples, frame by frame (features of scribbled frames are cached).
      let count = 0;
      const parts: { x: Float32Array; n: number }[] = [];
      for (let t = 0; t < trainFrames.length; t++) {
        const f = trainFrames[t];
        const idx = chosen.filter((i) => Math.floor(i / plane) === f).map((i) => i - f * plane);
        const span: [number, number] = [(0.4 * t) / trainFrames.length, (0.4 * (t + 1)) / trainFrames.length];
        const feats = await frameFeatures(v, f, scales, families, ctx, span, true);
        count = feats.count;
        parts.push({ x: gatherSamples(feats.block, plane, idx), n: idx.length });
      }
      const m = chosen.length;
      const x = new Float32Array(count * m);
      let off = 0;
      for (const part of parts) {
        for (let f = 0; f < count; f++) x.set(part.x.subarray(f * part.n, (f + 1) * part.n), f * m + off);
        off += part.n;
      }
      const y = new Uint8Array(m);
      for (let j = 0; j < m; j++) y[j] = mask[chosen[j]] - 1;
      await ctx.progress(0.4, `training ${p.trees} trees on ${m} pixels × ${count} features`);
      const model = trainRandomForest(x, y, K, { trees: p.trees, maxDepth: p.maxDepth, seed: p.seed });

      labelsOut = new Uint8Array(frames * plane);
      probs = p.probabilities ? new Float32Array(frames * K * plane) : undefined;
      const rowsPerBlock = Math.max(1, Math.floor(262144 / w));
      let scratch: Float32Array | undefined;
      for (let f = 0; f < frames; f++) {
        const base = 0.45 + (0.55 * f) / frames;
        const step = 0.55 / frames;
        const cached = trainFrames.includes(f);
        const feats = await frameFeatures(v, f, scales, families, ctx, [base, base + step / 2], cached, scratch);
        if (!cached) scratch = feats.block;
        const out = labelsOut.subarray(f * plane, (f + 1) * plane);
        const prob = probs?.subarray(f * K * plane, (f + 1) * K * plane);
        for (let y0 = 0; y0 < h; y0 += rowsPerBlock) {
          await ctx.progress(base + step / 2 + (step / 2) * (y0 / h), `frame ${f + 1}/${frames}: predicting`);
          predictRandomForest(model, feats.block, plane, { out, probabilities: prob, from: y0 * w, to: Math.min(h, y0 + rowsPerBlock) * w });
        }
      }
    } catch (err) {
      if (err instanceof RangeError) throw new NodeInputError(`${v.kind}: ${err.message}`);
      throw err;
    }
    await ctx.progress(1, `labelled ${frames} frame${frames > 1 ? 's' : ''}; scribbles: ${painted}`);

    const labels: LabelsValue = { kind: 'labels', frames, width: w, height: h, data: labelsOut, classes: names, meta: deriveMeta(v.meta) };
    const scribbles: LabelsValue = {
      kind: 'labels',
      frames,
      width: w,
      height: h,
      data: mask,
      classes: ['unlabelled', ...names],
      meta: deriveMeta(v.meta),
    };
    if (v.pixelSize) labels.pixelSize = scribbles.pixelSize = v.pixelSize;
    const result: Record<string, Value> = { labels, scribbles };
    if (probs) {
      const probability: StackValue = {
        kind: 'stack',
        frames: frames * K,
        width: w,
        height: h,
        dtype: 'f32',
        data: probs,
        frameAxis: { name: frames > 1 ? 'frame·class' : 'class', unit: '' },
        frameCoords: Float64Array.from({ length: frames * K }, (_, i) => i),
        valueAxis: { name: 'probability', unit: '' },
        meta: deriveMeta(v.meta),
      };
      if (v.pixelSize) probability.pixelSize = v.pixelSize;
      result.probabilities = probability;
    }
    return result;
  },
});
