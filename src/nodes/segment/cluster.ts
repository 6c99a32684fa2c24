/**
 * segment.cluster: unsupervised classification of pixels by k-means or a Gaussian mixture on the
 * intensity and optional local features; classes ordered by mean intensity.
 */
import { defineNode, NodeInputError, requireInput } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import { deriveMeta, type LabelsValue, type TableValue } from '../../runtime/values';
import { forEachFrame } from '../../ops/stack/forEachFrame';
import { localFeatures } from '../../ops/segment/localFeatures';
import { standardizeFeatures } from '../../ops/segment/standardizeFeatures';
import { kmeans } from '../../ops/segment/kmeans';
import { gaussianMixture } from '../../ops/segment/gaussianMixture';

const params = defineParams({
  method: {
    type: 'enum',
    label: 'Method',
    description: 'k-means: hard clusters of similar values. Gaussian mixture: each class a Gaussian of its own spread (and, with features, shape); better for phases of unequal noise.',
    default: 'kmeans',
    options: [
      { value: 'kmeans', label: 'k-means', description: "Lloyd's algorithm, k-means++ seeding (as sklearn.cluster.KMeans)" },
      { value: 'gmm', label: 'Gaussian mixture', description: 'EM from a k-means start (as sklearn.mixture.GaussianMixture)' },
    ],
  },
  classes: {
    type: 'integer',
    label: 'Classes',
    description: 'Number of phases to find (e.g. 3 for pore / carbon-binder / active material).',
    default: 3,
    min: 2,
    max: 16,
  },
  classNames: {
    type: 'string',
    label: 'Class names',
    description: 'Optional names from darkest to brightest class, separated by commas (e.g. "pore, binder, NMC"). Empty: class 0, class 1, …',
    default: '',
    placeholder: 'class 0, class 1, …',
  },
  covariance: {
    type: 'enum',
    label: 'Covariance',
    description: 'Gaussian mixture: full covariance (features may correlate) or diagonal (independent features, fewer parameters). Same for intensity only.',
    default: 'full',
    options: [
      { value: 'full', label: 'full' },
      { value: 'diag', label: 'diagonal' },
    ],
  },
  sigmas: {
    type: 'string',
    label: 'Feature scales σ',
    description: 'Comma-separated scales in pixels for local features (e.g. "1, 3"); empty: intensity only. Features are z-scored before clustering.',
    default: '',
    pattern: '\\s*(\\d+(\\.\\d+)?\\s*(,\\s*\\d+(\\.\\d+)?\\s*)*)?',
    placeholder: '1, 3',
  },
  smoothed: {
    type: 'boolean',
    label: 'Smoothed intensity',
    description: 'Feature: Gaussian-smoothed intensity at each σ (denoises the intensity).',
    default: true,
  },
  gradient: {
    type: 'boolean',
    label: 'Gradient magnitude',
    description: 'Feature: gradient magnitude of the smoothed image at each σ (edges, interfaces).',
    default: false,
  },
  laplacian: {
    type: 'boolean',
    label: 'Laplacian of Gaussian',
    description: 'Feature: Laplacian of the smoothed image at each σ (blobs and thin features).',
    default: false,
  },
  seed: {
    type: 'integer',
    label: 'Seed',
    description: 'Seed of the k-means++ initialisation: the same seed gives the same classes.',
    default: 0,
    min: 0,
    max: 4294967295,
    advanced: true,
  },
  maxIter: {
    type: 'integer',
    label: 'Max iterations',
    description: 'Upper bound on Lloyd / EM iterations (k-means stops earlier when centres stop moving, EM when the log-likelihood settles).',
    default: 100,
    min: 1,
    max: 10000,
    advanced: true,
  },
});

function namesOf(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

function sigmasOf(text: string): number[] {
  return namesOf(text).map(Number);
}

export const clusterNode = defineNode({
  type: 'segment.cluster',
  version: 1,
  category: 'segment',
  title: 'Cluster (k-means / GMM)',
  help:
    'Unsupervised phase segmentation. Each pixel is described by its intensity and, optionally, local features at ' +
    'scales σ (Gaussian-smoothed intensity as skimage.filters.gaussian, gradient magnitude and Laplacian of the ' +
    'smoothed image); with features, each is z-scored. k-means: Lloyd\'s algorithm with k-means++ seeding (Arthur & ' +
    'Vassilvitskii 2007; as sklearn.cluster.KMeans, n_init=1). Gaussian mixture: EM with full or diagonal ' +
    'covariances from the k-means labels (as sklearn.mixture.GaussianMixture, tol 1e-3, reg_covar 1e-6). Classes are ' +
    'ordered by mean intensity, so class 0 is the darkest. On a stack, one model is fitted to all frames together ' +
    '(features are computed per frame, 2-D).',
  inputs: [{ name: 'image', label: 'Image', kinds: ['image', 'stack'], required: true }],
  outputs: [
    { name: 'labels', label: 'Labels', kinds: ['labels'] },
    { name: 'classes', label: 'Classes', kinds: ['table'] },
  ],
  params,
  check(p) {
    const issues: { param: string; message: string }[] = [];
    const names = namesOf(p.classNames);
    if (names.length > 0 && names.length !== p.classes) {
      issues.push({ param: 'classNames', message: `classNames: ${names.length} names given, expected ${p.classes} (one per class)` });
    }
    const sig = sigmasOf(p.sigmas);
    if (sig.some((s) => !(s > 0) || !Number.isFinite(s))) issues.push({ param: 'sigmas', message: `sigmas: "${p.sigmas}", expected positive numbers separated by commas` });
    if (sig.length > 0 && !p.smoothed && !p.gradient && !p.laplacian) {
      issues.push({ param: 'sigmas', message: 'sigmas: scales given but no feature selected (smoothed, gradient or laplacian)' });
    }
    return issues;
  },
  async run(inputs, p, ctx) {
    const v = requireInput(inputs, 'image', ['image', 'stack']);
    const problems = clusterNode.check!(p);
    if (problems.length > 0) throw new NodeInputError(problems[0].message);
    const frames = v.kind === 'stack' ? v.frames : 1;
    const plane = v.width * v.height;
    const sigmas = sigmasOf(p.sigmas);
    const featureOpts = { sigmas, smoothed: p.smoothed, gradient: p.gradient, laplacian: p.laplacian };
    let x: Float32Array | undefined;
    let d = 1;
    let featureNames: string[] = ['intensity'];
    try {
      if (sigmas.length === 0) {
        x = v.data instanceof Float32Array ? v.data : Float32Array.from(v.data);
      } else {
        await ctx.progress(0, `features, ${frames} frame${frames > 1 ? 's' : ''}`);
        await forEachFrame(
          v.data,
          v.width,
          v.height,
          (frame, f) => {
            const r = localFeatures(frame, v.width, v.height, featureOpts);
            if (!x) {
              d = r.features;
              featureNames = r.names;
              x = new Float32Array(frames * plane * d);
            }
            x.set(r.data, f * plane * d);
          },
          (done, n) => ctx.progress((0.5 * done) / n, `features: frame ${done}/${n}`),
        );
        standardizeFeatures(x!, d, { out: x });
      }
      await ctx.progress(0.5, `${p.method === 'kmeans' ? 'k-means' : 'Gaussian mixture'}, ${p.classes} classes on ${featureNames.length} feature${d > 1 ? 's' : ''}`);
      const fit =
        p.method === 'kmeans'
          ? kmeans(x!, d, { k: p.classes, seed: p.seed, maxIter: p.maxIter })
          : gaussianMixture(x!, d, { k: p.classes, seed: p.seed, maxIter: p.maxIter, covariance: p.covariance === 'diag' ? 'diag' : 'full' });
      if ('converged' in fit && !fit.converged) ctx.warn(`Gaussian mixture did not converge in ${p.maxIter} iterations; raise maxIter`);
      await ctx.progress(0.95, 'class table');
      const given = namesOf(p.classNames);
      const labels: LabelsValue = {
        kind: 'labels',
        frames,
        width: v.width,
        height: v.height,
        data: fit.labels,
        classes: given.length > 0 ? given : Array.from({ length: p.classes }, (_, i) => `class ${i}`),
        meta: deriveMeta(v.meta),
      };
      if (v.pixelSize) labels.pixelSize = v.pixelSize;
      // Per-class pixel count and mean raw intensity.
      const count = new Float64Array(p.classes);
      const sum = new Float64Array(p.classes);
      for (let i = 0; i < fit.labels.length; i++) {
        count[fit.labels[i]]++;
        sum[fit.labels[i]] += v.data[i];
      }
      const table: TableValue = {
        kind: 'table',
        rows: p.classes,
        columns: [
          { name: 'class', unit: '', data: Float64Array.from(count, (_, i) => i) },
          { name: 'name', unit: '', text: labels.classes },
          { name: 'pixels', unit: '', data: count },
          { name: 'fraction', unit: '', data: count.map((c) => c / fit.labels.length) },
          { name: 'mean intensity', unit: v.valueAxis.unit, data: sum.map((s, i) => (count[i] > 0 ? s / count[i] : NaN)) },
          ...('weights' in fit ? [{ name: 'mixture weight', unit: '', data: fit.weights }] : []),
        ],
        meta: deriveMeta(v.meta),
      };
      await ctx.progress(1);
      return { labels, classes: table };
    } catch (err) {
      if (err instanceof RangeError) throw new NodeInputError(`${v.kind}: ${err.message}`);
      throw err;
    }
  },
});
