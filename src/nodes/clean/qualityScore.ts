/**
 * clean.quality-score: no-reference quality features of every frame, unsupervised flagging of
 * outlier frames, and a cleaned stack with the flagged frames kept, dropped or repaired.
 */
import { defineNode, NodeInputError, requireInput } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import { deriveMeta, type StackValue, type TableColumn, type TableValue } from '../../runtime/values';
import { BASIC_QUALITY_FEATURES } from '../../ops/quality/frameQualityFeatures';
import { BRISQUE_FEATURE_NAMES } from '../../ops/quality/brisqueFeatures';
import { robustZScoreOutliers } from '../../ops/quality/robustZScoreOutliers';
import { kMeansOutliers } from '../../ops/quality/kMeansOutliers';
import { repairFlaggedFrames } from '../../ops/quality/repairFlaggedFrames';
import { percentileRange } from '../../ops/image/percentileRange';
import { allocFloat64 } from '../../runtime/alloc';
import { mapFrames } from '../../workers/pool/mapFrames';
import { assertImageData } from '../../ops/image/assertImageData';
import { qualityScorePlot } from './qualityScorePlot';

const UNITS: Record<string, 'value' | 'value²' | ''> = {
  noiseImmerkaer: 'value',
  noiseWavelet: 'value',
  laplacianVariance: 'value²',
  mean: 'value',
  rmsContrast: 'value',
};

/**
 * Features the "basic" rule looks at. Michelson contrast is scored but not used: it is blind to a
 * uniformly darker frame (scale-invariant) and ill-defined on signed data such as attenuation.
 */
const FLAG_FEATURES = ['noiseImmerkaer', 'noiseWavelet', 'laplacianVariance', 'mean', 'rmsContrast'] as const;

const params = defineParams({
  rule: {
    type: 'enum',
    label: 'Flagging rule',
    description: 'How outlier frames are found from the features, without a reference or training.',
    default: 'zscore',
    options: [
      { value: 'zscore', label: 'robust z-score', description: 'median/MAD per feature (Iglewicz–Hoaglin); any |z| above the threshold flags' },
      { value: 'kmeans', label: '2-means clustering', description: 'robustly standardised feature vectors in 2 clusters; the smaller is flagged when well separated, then the rest is clustered again' },
      { value: 'none', label: 'none', description: 'score only, flag nothing' },
    ],
  },
  features: {
    type: 'enum',
    label: 'Features used',
    description:
      'Which features the rule looks at. Basic (noise, sharpness, mean, contrast) catches blurred, noisy and dark frames; ' +
      'BRISQUE statistics describe texture changes but vary more between good frames.',
    default: 'basic',
    options: [
      { value: 'basic', label: 'basic', description: 'noise σ (Immerkær, wavelet), Laplacian variance, mean, RMS contrast' },
      { value: 'brisque', label: 'BRISQUE', description: 'the 36 BRISQUE statistics' },
      { value: 'all', label: 'all', description: 'basic, Michelson contrast and BRISQUE' },
    ],
  },
  threshold: {
    type: 'number',
    label: 'z threshold',
    description: 'Robust z-score: a frame is flagged when a feature is more than this many robust standard deviations from the median. 3.5 is the usual choice; lower flags more.',
    default: 3.5,
    min: 0,
    exclusiveMin: true,
    max: 100,
    step: 0.5,
  },
  separation: {
    type: 'number',
    label: 'Cluster separation',
    description: '2-means: the smaller cluster is flagged only when its centre is farther than this many RMS radii of the larger cluster. Higher flags less.',
    default: 4,
    min: 0,
    exclusiveMin: true,
    max: 100,
    advanced: true,
  },
  brisque: {
    type: 'boolean',
    label: 'BRISQUE statistics',
    description: 'Compute the 36 BRISQUE statistics (about half the time). Needed when the rule uses them.',
    default: true,
  },
  action: {
    type: 'enum',
    label: 'Flagged frames',
    description: 'What the cleaned output does with flagged frames.',
    default: 'keep',
    options: [
      { value: 'keep', label: 'keep', description: 'unchanged (only the table marks them)' },
      { value: 'drop', label: 'drop', description: 'removed; the remaining frames keep their coordinates' },
      { value: 'repair', label: 'repair', description: 'replaced by the mean of the nearest good frame before and after' },
    ],
  },
});

/** The message when the rule would use BRISQUE features that are switched off, else null. */
function brisqueMissing(p: { brisque: boolean; features: string; rule: string }): string | null {
  return !p.brisque && p.features !== 'basic' && p.rule !== 'none'
    ? `features: "${p.features}" needs the BRISQUE statistics; switch "brisque" on or use "basic"`
    : null;
}

export const qualityScoreNode = defineNode({
  type: 'clean.quality-score',
  version: 1,
  category: 'clean',
  title: 'Quality score',
  help:
    'Scores every frame without a reference: noise σ by Immerkær (CVIU 1996) and by wavelet MAD (as ' +
    'skimage.restoration.estimate_sigma: db2 HH detail, median/0.6745), sharpness as the variance of the Laplacian ' +
    '(scipy.ndimage.laplace, reflect), mean, RMS contrast (std) and Michelson contrast on the 1st/99th percentiles, ' +
    'and the 36 BRISQUE statistics (Mittal et al., IEEE TIP 2012: MSCN with a 7×7 Gaussian σ 7/6, C = 1 on ' +
    'intensities mapped to 0–255 by the stack\'s 0.5/99.5 percentiles; GGD and AGGD moment-matching fits at two ' +
    'scales). Outlier frames are flagged by robust z-scores (median/MAD, Iglewicz & Hoaglin) or by repeated 2-means ' +
    'clustering of the robustly standardised features. ' +
    'The preview plots the robust z-scores of the features over the frame axis with the flagged frames marked; the ' +
    'scores table (one row per frame, with flag and reason) also plots with view.plot. The cleaned output keeps, drops ' +
    'or repairs the flagged frames; meta.attrs.droppedFrames / repairedFrames list their input indices.',
  inputs: [{ name: 'image', label: 'Stack', kinds: ['stack', 'image'], required: true }],
  outputs: [
    { name: 'scores', label: 'Scores', kinds: ['table'] },
    { name: 'cleaned', label: 'Cleaned', kinds: ['stack', 'image'] },
  ],
  params,
  preview(_inputs, p, _frame, outputs) {
    const t = outputs?.scores;
    if (!t || t.kind !== 'table') return null;
    // The feature columns of the table (between the coordinate and the flag); BRISQUE ones only when computed.
    const present = t.columns.slice(2, -2).map((c) => c.name);
    const wanted: readonly string[] = p.features === 'basic' ? FLAG_FEATURES : p.features === 'brisque' ? BRISQUE_FEATURE_NAMES : present;
    const used = p.rule === 'none' ? [] : wanted.filter((n) => present.includes(n));
    return qualityScorePlot(t, { plotted: FLAG_FEATURES, used, threshold: p.rule === 'zscore' ? p.threshold : null });
  },
  check(p) {
    const message = brisqueMissing(p);
    return message ? [{ param: 'features', message }] : [];
  },
  async run(inputs, p, ctx) {
    const v = requireInput(inputs, 'image', ['stack', 'image']);
    const missing = brisqueMissing(p);
    if (missing) throw new NodeInputError(missing);
    const { width, height } = v;
    const frames = v.kind === 'stack' ? v.frames : 1;
    const plane = width * height;
    let names: string[] = [];
    let feats: Float64Array = new Float64Array(0);
    try {
      for (let f = 0; f < frames; f++) assertImageData(`frame ${f}`, v.data.subarray(f * plane, (f + 1) * plane), width, height);
      // One 0–255 mapping for the whole series, so BRISQUE's C = 1 means the same in every frame.
      const [lo, hi] = percentileRange(v.data, { low: 0.5, high: 99.5, maxSamples: 1 << 20 });
      const scale = hi > lo ? 255 / (hi - lo) : 1;
      await ctx.progress(0, `scoring ${frames} frame${frames > 1 ? 's' : ''}`);
      names = p.brisque ? [...BASIC_QUALITY_FEATURES, ...BRISQUE_FEATURE_NAMES] : [...BASIC_QUALITY_FEATURES];
      // Frames scored in parallel on the frame pool when there is one (src/workers/pool), each into its row.
      feats = allocFloat64(frames * names.length);
      await mapFrames('quality.features', { brisque: p.brisque, offset: lo, scale }, v.data, null, width, height, {
        values: feats,
        signal: ctx.signal,
        onFrame: (done, n) => ctx.progress((0.9 * done) / n, `frame ${done}/${n}`),
      });
    } catch (err) {
      if (err instanceof RangeError) throw new NodeInputError(err.message);
      throw err;
    }
    const cols = names.length;
    const selNames = p.features === 'basic' ? [...FLAG_FEATURES] : p.features === 'brisque' ? [...BRISQUE_FEATURE_NAMES] : names;
    const selIdx = selNames.map((n) => names.indexOf(n));
    const m = selIdx.length;
    const sel = new Float64Array(frames * m);
    for (let f = 0; f < frames; f++) for (let k = 0; k < m; k++) sel[f * m + k] = feats[f * cols + selIdx[k]];
    let flags: Uint8Array = new Uint8Array(frames);
    let reasons = new Array<string>(frames).fill('');
    if (p.rule === 'zscore') ({ flags, reasons } = robustZScoreOutliers(sel, frames, m, { threshold: p.threshold, names: selNames }));
    else if (p.rule === 'kmeans') {
      if (frames < 3) throw new NodeInputError(`rule: 2-means clustering needs at least 3 frames, the input has ${frames}; use "zscore"`);
      ({ flags, reasons } = kMeansOutliers(sel, frames, m, { separation: p.separation, names: selNames }));
    }
    let nFlagged = 0;
    for (let f = 0; f < frames; f++) nFlagged += flags[f];
    await ctx.progress(0.95, `${nFlagged} of ${frames} frames flagged`);

    const axis = v.kind === 'stack' ? v.frameAxis : { name: 'frame', unit: '' };
    const coords = v.kind === 'stack' ? v.frameCoords : new Float64Array([0]);
    const columns: TableColumn[] = [
      { name: 'frame', unit: '', data: Float64Array.from({ length: frames }, (_, i) => i) },
      { name: axis.name === 'frame' ? 'coord' : axis.name, unit: axis.unit, data: Float64Array.from(coords) },
      ...names.map((name, j) => {
        const u = UNITS[name];
        const unit = u === 'value' ? v.valueAxis.unit : u === 'value²' && v.valueAxis.unit ? `${v.valueAxis.unit}²` : '';
        return { name, unit, data: Float64Array.from({ length: frames }, (_, f) => feats[f * cols + j]) };
      }),
      { name: 'flag', unit: '', data: Float64Array.from(flags) },
      { name: 'reason', unit: '', text: reasons },
    ];
    const scores: TableValue = { kind: 'table', rows: frames, columns, meta: deriveMeta(v.meta) };

    let repaired;
    try {
      // Nothing to change in a float32 stack: hand the input's pixels on (values are immutable), not a
      // copy — the copy was most of this node's peak memory (bench/memoryCases.ts).
      const unchanged = (p.action === 'keep' || nFlagged === 0) && v.data instanceof Float32Array;
      repaired = unchanged
        ? { data: v.data as Float32Array, kept: Array.from({ length: frames }, (_, f) => f) }
        : repairFlaggedFrames(v.data, plane, flags, { action: p.action as 'keep' | 'drop' | 'repair' });
    } catch (err) {
      if (err instanceof RangeError) throw new NodeInputError(`action: ${err.message}`);
      throw err;
    }
    if (repaired.kept.length === 0) throw new NodeInputError(`action: every frame (${frames}) is flagged, nothing is left after dropping; use "keep"`);
    const meta = deriveMeta(v.meta);
    // Which input frames were removed or replaced, so downstream results can say so.
    const touched = Array.from(flags.keys()).filter((f) => flags[f] === 1);
    if (p.action !== 'keep' && touched.length) meta.attrs = { ...meta.attrs, [p.action === 'drop' ? 'droppedFrames' : 'repairedFrames']: touched.join(',') };
    await ctx.progress(1);
    if (v.kind === 'image') return { scores, cleaned: { ...v, dtype: 'f32', data: repaired.data, meta } };
    const cleaned: StackValue = {
      ...v,
      dtype: 'f32',
      frames: repaired.kept.length,
      data: repaired.data,
      frameCoords: Float64Array.from(repaired.kept, (f) => v.frameCoords[f]),
      meta,
    };
    return { scores, cleaned };
  },
});
