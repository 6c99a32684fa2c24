/**
 * clean.intensity-drift: removes beam-intensity / detector-gain drift along a series of frames by
 * normalising every frame's intensity to a reference frame (mean, percentile, percentile range or
 * histogram matching).
 */
import { defineNode, NodeInputError, requireInput } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import { deriveMeta, type StackValue, type TableValue } from '../../runtime/values';
import { intensityLevels, type IntensityLevelsOptions } from '../../ops/intensity/intensityLevels';
import { rescaleLevels } from '../../ops/intensity/rescaleLevels';
import { matchHistograms } from '../../ops/intensity/matchHistograms';
import { cumulativeHistogram } from '../../ops/intensity/cumulativeHistogram';

const params = defineParams({
  method: {
    type: 'enum',
    label: 'Method',
    description: 'How each frame is brought to the reference frame\'s intensity.',
    default: 'mean',
    options: [
      { value: 'mean', label: 'mean', description: 'multiply each frame so its mean equals the reference\'s (pure gain)' },
      { value: 'percentile', label: 'percentile', description: 'multiply so that the chosen percentile equals the reference\'s (robust to a few bright or dark regions)' },
      { value: 'range', label: 'percentile range', description: 'affine map of the low and high percentiles onto the reference\'s (gain and offset)' },
      { value: 'histogram', label: 'histogram matching', description: 'skimage.exposure.match_histograms to the reference frame (non-linear)' },
    ],
  },
  reference: {
    type: 'integer',
    label: 'Reference frame',
    description: 'Index (0-based) of the frame whose intensity the others are brought to.',
    default: 0,
    min: 0,
  },
  percentile: {
    type: 'number',
    label: 'Percentile',
    description: 'Percentile method: which percentile is matched (50 = median).',
    default: 50,
    min: 0,
    max: 100,
    unit: '%',
  },
  low: {
    type: 'number',
    label: 'Low percentile',
    description: 'Percentile range method: lower level.',
    default: 1,
    min: 0,
    max: 100,
    unit: '%',
  },
  high: {
    type: 'number',
    label: 'High percentile',
    description: 'Percentile range method: upper level (must exceed the low percentile).',
    default: 99,
    min: 0,
    max: 100,
    unit: '%',
  },
});

export const intensityDriftNode = defineNode({
  type: 'clean.intensity-drift',
  version: 1,
  category: 'clean',
  title: 'Intensity drift correction',
  help:
    'Fixes beam-intensity or detector-gain drift along a time series of frames. Mean / percentile: each frame is ' +
    'multiplied so that its mean (or percentile, as np.percentile) equals the reference frame\'s. Percentile range: the ' +
    'low and high percentiles are mapped onto the reference\'s (gain and offset, for a drifting dark level too). ' +
    'Histogram matching: as skimage.exposure.match_histograms against the reference frame. The table gives per frame ' +
    'the gain and offset applied (NaN for histogram matching) and the mean before and after.',
  inputs: [{ name: 'stack', label: 'Series', kinds: ['stack'], required: true }],
  outputs: [
    { name: 'stack', label: 'Corrected', kinds: ['stack'] },
    { name: 'factors', label: 'Factors', kinds: ['table'] },
  ],
  params,
  check(p) {
    return p.method === 'range' && !(p.low < p.high)
      ? [{ param: 'high', message: `high: expected > low (${p.low}), got ${p.high}` }]
      : [];
  },
  async run(inputs, p, ctx) {
    const v = requireInput(inputs, 'stack', ['stack']);
    const { width, height, frames } = v;
    if (p.reference >= frames) {
      throw new NodeInputError(`reference: expected a frame index 0..${frames - 1} (the series has ${frames} frames), got ${p.reference}`);
    }
    if (p.method === 'range' && !(p.low < p.high)) throw new NodeInputError(`high: expected > low (${p.low}), got ${p.high}`);
    const plane = width * height;
    const frameOf = (f: number) => v.data.subarray(f * plane, (f + 1) * plane);
    const out = new Float32Array(frames * plane);
    const gain = new Float64Array(frames).fill(NaN);
    const offset = new Float64Array(frames).fill(NaN);
    const before = new Float64Array(frames);
    const after = new Float64Array(frames);
    const mean = (a: typeof v.data | Float32Array) => intensityLevels(a)[1];
    const levelOpts: IntensityLevelsOptions = {
      method: p.method === 'percentile' ? 'percentile' : p.method === 'range' ? 'range' : 'mean',
      percentile: p.percentile,
      low: p.low,
      high: p.high,
    };
    try {
      const refFrame = frameOf(p.reference);
      const refLevels = p.method === 'histogram' ? null : intensityLevels(refFrame, levelOpts);
      const referenceCdf = p.method === 'histogram' ? cumulativeHistogram(refFrame) : undefined;
      for (let f = 0; f < frames; f++) {
        await ctx.progress(f / frames, `frame ${f + 1}/${frames}`);
        const src = frameOf(f);
        const dst = out.subarray(f * plane, (f + 1) * plane);
        try {
          if (refLevels) {
            const r = rescaleLevels(src, intensityLevels(src, levelOpts), refLevels, { out: dst });
            gain[f] = r.gain;
            offset[f] = r.offset;
          } else matchHistograms(src, null, { referenceCdf, out: dst });
        } catch (e) {
          if (e instanceof RangeError) throw new RangeError(`frame ${f}: ${e.message}`);
          throw e;
        }
        before[f] = mean(src);
        after[f] = mean(dst);
      }
    } catch (err) {
      if (err instanceof RangeError) throw new NodeInputError(err.message);
      throw err;
    }
    await ctx.progress(1);
    const stack: StackValue = { ...v, dtype: 'f32', data: out, meta: deriveMeta(v.meta) };
    const factors: TableValue = {
      kind: 'table',
      rows: frames,
      columns: [
        { name: 'frame', unit: '', data: Float64Array.from({ length: frames }, (_, i) => i) },
        { name: v.frameAxis.name === 'frame' ? 'coord' : v.frameAxis.name, unit: v.frameAxis.unit, data: Float64Array.from(v.frameCoords) },
        { name: 'gain', unit: '', data: gain },
        { name: 'offset', unit: v.valueAxis.unit, data: offset },
        { name: 'mean before', unit: v.valueAxis.unit, data: before },
        { name: 'mean after', unit: v.valueAxis.unit, data: after },
      ],
      meta: deriveMeta(v.meta),
    };
    return { stack, factors };
  },
});
