/**
 * clean.denoise-spectra: wavelet-shrinkage denoising of a spectrum or of every frame of a series.
 */
import { defineNode, NodeInputError, requireInput } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import { deriveMeta, type SpectraValue, type SpectrumValue } from '../../runtime/values';
import { waveletDenoise } from '../../ops/spectrum/waveletDenoise';
import { WAVELET_DENOISE_NAMES } from '../../ops/spectrum/waveletDenoiseFilters';

const params = defineParams({
  wavelet: {
    type: 'enum',
    label: 'Wavelet',
    description: 'Orthogonal wavelet. db4 and sym8 suit smooth spectra with edges; longer filters (sym8, db8) give smoother results.',
    default: 'db4',
    options: WAVELET_DENOISE_NAMES.map((w) => ({ value: w, label: w })),
  },
  method: {
    type: 'enum',
    label: 'Threshold',
    description: 'BayesShrink adapts one threshold per level (keeps more detail); VisuShrink uses the universal threshold σ·√(2 ln n) (smoother).',
    default: 'BayesShrink',
    options: [
      { value: 'BayesShrink', label: 'BayesShrink', description: 'Chang, Yu & Vetterli 2000' },
      { value: 'VisuShrink', label: 'VisuShrink', description: 'Donoho & Johnstone 1994' },
    ],
  },
  sigma: {
    type: 'number',
    label: 'Noise σ',
    description: 'Noise standard deviation in y units. Auto: estimated per spectrum from the finest wavelet details (median absolute value / 0.6745).',
    default: null,
    nullable: true,
    nullLabel: 'auto',
    min: 0,
  },
  levels: {
    type: 'integer',
    label: 'Levels',
    description: 'Decomposition levels. Auto: the maximum for the length and filter, minus 3 (at least 1), as skimage.',
    default: null,
    nullable: true,
    nullLabel: 'auto',
    min: 1,
    max: 20,
    advanced: true,
  },
});

export const denoiseSpectraNode = defineNode({
  type: 'clean.denoise-spectra',
  version: 1,
  category: 'clean',
  title: 'Denoise spectra (wavelet)',
  help:
    'Wavelet shrinkage of each spectrum on its point index, as skimage.restoration.denoise_wavelet(y, sigma, wavelet, ' +
    "mode='soft', method) in 1-D: pywt.wavedec (mode 'symmetric'), soft thresholding of every detail level (BayesShrink " +
    'or VisuShrink), pywt.waverec. The noise σ is estimated per spectrum unless given. x is unchanged.',
  inputs: [{ name: 'spectra', label: 'Spectra', kinds: ['spectrum', 'spectra'], required: true }],
  outputs: [{ name: 'spectra', label: 'Denoised', kinds: ['spectrum', 'spectra'] }],
  params,
  async run(inputs, p, ctx) {
    const v = requireInput(inputs, 'spectra', ['spectrum', 'spectra']);
    const points = v.x.length;
    const frames = v.kind === 'spectra' ? v.frames : 1;
    if (v.y.length !== frames * points) throw new NodeInputError(`input "spectra": y has ${v.y.length} values, expected frames·points = ${frames}·${points}`);
    const y = new Float64Array(frames * points);
    await ctx.progress(0, `wavelet ${p.wavelet} ${p.method}, ${frames} spectr${frames > 1 ? 'a' : 'um'}`);
    for (let f = 0; f < frames; f++) {
      try {
        waveletDenoise(v.y.subarray(f * points, (f + 1) * points), {
          wavelet: p.wavelet,
          method: p.method as 'BayesShrink' | 'VisuShrink',
          sigma: p.sigma,
          levels: p.levels,
          out: y.subarray(f * points, (f + 1) * points),
        });
      } catch (err) {
        if (err instanceof RangeError) throw new NodeInputError(frames > 1 ? `frame ${f}: ${err.message}` : err.message);
        throw err;
      }
      await ctx.progress((f + 1) / frames, `spectrum ${f + 1}/${frames}`);
    }
    const meta = deriveMeta(v.meta);
    const out: SpectrumValue | SpectraValue =
      v.kind === 'spectra'
        ? { ...v, x: Float64Array.from(v.x), y, time: Float64Array.from(v.time), frameLabels: [...v.frameLabels], meta }
        : { ...v, x: Float64Array.from(v.x), y, meta };
    return { spectra: out };
  },
});
