/**
 * clean.remove-rings: stripe (ring-artefact) removal on sinograms — algotom's sorting, filtering,
 * fitting, large-stripe, dead-stripe and combined methods, Münch's wavelet–FFT — and on
 * reconstructed slices by the polar approach; a table counts stripe columns before and after.
 */
import { defineNode, NodeInputError, requireInput } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import { deriveMeta, type TableValue } from '../../runtime/values';
import { allocFloat32, allocFloat64 } from '../../runtime/alloc';
import { mapFrames } from '../../workers/pool/mapFrames';

const SINOGRAM_METHODS = [
  { value: 'sorting', label: 'sorting-based', description: 'algotom remove_stripe_based_sorting: sort each column, median across columns (size), un-sort. Small/medium stripes. Params: size.' },
  { value: 'filtering', label: 'filtering-based', description: 'algotom remove_stripe_based_filtering: low/high split along angles (σ), sorting + median (size) on the low part. Params: sigma, size.' },
  { value: 'fitting', label: 'fitting-based', description: 'algotom remove_stripe_based_fitting: polynomial fit along angles (order), 2-D Fourier Gaussian filter (fitSigma); for low-contrast sinograms. Params: order, fitSigma.' },
  { value: 'large', label: 'large stripes', description: 'algotom remove_large_stripe: detect wide partial stripes (snr) and replace them; normalise columns. Params: snr, largeSize, dropRatio.' },
  { value: 'dead', label: 'dead stripes', description: 'algotom remove_dead_stripe: interpolate unresponsive/fluctuating columns, then a large-stripe pass. Params: snr, largeSize.' },
  { value: 'all', label: 'all (dead → large → sorting)', description: 'algotom remove_all_stripe: the three in sequence. Params: snr, largeSize, dropRatio, size.' },
  { value: 'wavelet-fft', label: 'Münch wavelet–FFT', description: 'tomopy remove_stripe_fw: damp the vertical-detail wavelet bands along angles. Params: level, wavelet, waveletSigma, pad.' },
] as const;

const params = defineParams({
  method: {
    type: 'enum',
    label: 'Method',
    description: 'Sinogram methods work on sinograms (angle down the rows, detector across). "polar" works on reconstructed square slices: rings become stripes in polar coordinates, removed by the polar method.',
    default: 'all',
    options: [
      ...SINOGRAM_METHODS,
      { value: 'polar', label: 'polar (reconstructed slices)', description: 'algotom post-processing: slice → polar, stripe removal (polarMethod), → Cartesian, circle mask. Params: polarMethod and its params.' },
    ],
  },
  size: {
    type: 'integer',
    label: 'Median size',
    description: 'sorting, filtering, all (sm_size): median window across detector columns; larger removes wider stripes but blurs more.',
    default: 21,
    min: 3,
    max: 201,
    parity: 'odd',
    unit: 'px',
  },
  sigma: {
    type: 'number',
    label: 'σ (filtering)',
    description: 'filtering: σ of the Gaussian window (frequency bins) that keeps the low frequencies of each column.',
    default: 3,
    min: 0,
    exclusiveMin: true,
    max: 100,
    step: 0.5,
  },
  order: {
    type: 'integer',
    label: 'Fit order',
    description: 'fitting: order of the polynomial fitted along angles.',
    default: 2,
    min: 1,
    max: 5,
  },
  fitSigma: {
    type: 'number',
    label: 'σ (fitting)',
    description: 'fitting: σ across columns of the Fourier Gaussian window; smaller is stronger.',
    default: 10,
    min: 0,
    exclusiveMin: true,
    max: 200,
    step: 1,
  },
  snr: {
    type: 'number',
    label: 'SNR',
    description: 'large, dead, all: detection ratio of a stripe over the noise; larger is less sensitive.',
    default: 3,
    min: 1,
    max: 100,
    step: 0.1,
  },
  largeSize: {
    type: 'integer',
    label: 'Large-stripe size',
    description: 'large, dead, all (la_size): median window across columns; about twice the widest stripe.',
    default: 51,
    min: 3,
    max: 401,
    parity: 'odd',
    unit: 'px',
  },
  dropRatio: {
    type: 'number',
    label: 'Drop ratio',
    description: 'large, all: fraction of the sorted angles left out (half at each end) when measuring stripes.',
    default: 0.1,
    min: 0,
    max: 0.8,
    step: 0.05,
    advanced: true,
  },
  level: {
    type: 'integer',
    label: 'Wavelet levels',
    description: 'wavelet-fft: decomposition levels; auto = ⌈log2(max(height, width))⌉ as tomopy.',
    default: null,
    nullable: true,
    nullLabel: 'auto',
    min: 1,
    max: 20,
  },
  wavelet: {
    type: 'enum',
    label: 'Wavelet',
    description: 'wavelet-fft: Daubechies wavelet (tomopy default db5; algotom uses db9).',
    default: 'db5',
    options: Array.from({ length: 10 }, (_, i) => ({ value: `db${i + 1}`, label: `db${i + 1}` })),
  },
  waveletSigma: {
    type: 'number',
    label: 'σ (wavelet)',
    description: 'wavelet-fft: σ of the damping 1 − exp(−k²/2σ²) along angles; larger removes more.',
    default: 2,
    min: 0,
    exclusiveMin: true,
    max: 50,
    step: 0.5,
  },
  pad: {
    type: 'boolean',
    label: 'Pad angles',
    description: 'wavelet-fft: zero-pad the angle axis by 1/8 against wrap-around (tomopy pad=True).',
    default: true,
  },
  polarMethod: {
    type: 'enum',
    label: 'Polar: stripe method',
    description: 'polar: the sinogram method applied to the slice in polar coordinates (with the params above).',
    default: 'sorting',
    options: [...SINOGRAM_METHODS],
  },
  countThreshold: {
    type: 'number',
    label: 'Stripe-count threshold',
    description: 'For the table only: a column is counted as a stripe when its mean differs from the median of its 21 neighbours by more than this fraction.',
    default: 0.005,
    min: 0,
    max: 1,
    step: 0.001,
    advanced: true,
  },
});

export const removeRingsNode = defineNode({
  type: 'clean.remove-rings',
  version: 1,
  category: 'clean',
  title: 'Remove rings / stripes',
  help:
    'Removes stripe artefacts from sinograms (angle down the rows, detector across), which are the rings of ' +
    'reconstructed slices, or rings from reconstructed square slices (method "polar"); each frame of a stack ' +
    'separately. Methods of N. T. Vo et al., Opt. Express 26 (2018) 28396, as algotom prep/removal.py: ' +
    'sorting-based (size), filtering-based (sigma, size), fitting-based (order, fitSigma), large stripes (snr, ' +
    'largeSize, dropRatio), dead stripes (snr, largeSize), all = dead → large → sorting (snr, largeSize, size); ' +
    'Münch et al., Opt. Express 17 (2009) 8567 wavelet–FFT as tomopy remove_stripe_fw (level, wavelet, ' +
    'waveletSigma, pad); polar: slice → polar coordinates about the centre, the polarMethod, → Cartesian, circle ' +
    'mask (algotom post-processing; the rotation axis must be the slice centre). Output is 32-bit float. The ' +
    'table gives per frame the number of stripe columns before and after (column mean off the median of its 21 ' +
    'neighbours by more than countThreshold; in polar coordinates for "polar").',
  inputs: [{ name: 'image', label: 'Sinogram / slice', kinds: ['image', 'stack'], required: true }],
  outputs: [
    { name: 'image', label: 'Cleaned', kinds: ['image', 'stack'] },
    { name: 'stripes', label: 'Stripe counts', kinds: ['table'] },
  ],
  params,
  async run(inputs, p, ctx) {
    const v = requireInput(inputs, 'image', ['image', 'stack']);
    const { width, height } = v;
    const frames = v.kind === 'stack' ? v.frames : 1;
    if (p.method === 'polar' && width !== height) {
      throw new NodeInputError(`method "polar": expects square reconstructed slices, got ${width}×${height}`);
    }
    if (p.method !== 'polar' && (height < 8 || width < 8)) {
      throw new NodeInputError(`image: a sinogram of ${width}×${height} is too small, expected at least 8×8 (angles × detector columns)`);
    }
    // Shared memory where possible, so the frame pool writes frames (and their counts) in place.
    const out = allocFloat32(v.data.length);
    const counts = allocFloat64(2 * frames); // per frame: stripes before, after
    await ctx.progress(0, `${p.method === 'polar' ? `polar + ${p.polarMethod}` : p.method}, ${frames} frame${frames > 1 ? 's' : ''}`);
    try {
      await mapFrames('rings.frame', p, v.data, out, width, height, {
        values: counts,
        signal: ctx.signal,
        onFrame: (done, n) => ctx.progress(done / n, `frame ${done}/${n}`),
      });
    } catch (err) {
      if (err instanceof RangeError) throw new NodeInputError(err.message);
      throw err;
    }
    const before = Float64Array.from({ length: frames }, (_, f) => counts[2 * f]);
    const after = Float64Array.from({ length: frames }, (_, f) => counts[2 * f + 1]);
    const stripes: TableValue = {
      kind: 'table',
      rows: frames,
      columns: [
        { name: 'frame', unit: '', data: Float64Array.from({ length: frames }, (_, i) => i) },
        { name: 'stripes before', unit: '', data: before },
        { name: 'stripes after', unit: '', data: after },
      ],
      meta: deriveMeta(v.meta),
    };
    return { image: { ...v, dtype: 'f32', data: out, meta: deriveMeta(v.meta) }, stripes };
  },
});
