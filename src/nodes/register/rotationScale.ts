/**
 * register.rotation-scale: rotation + scale (and then translation) of a moving image, or of every
 * frame of a stack, against a reference image, by log-polar phase correlation of magnitude spectra.
 */
import { clearPhaseCorrelationScratch } from '../../ops/image/phaseCorrelationScratch';
import { defineNode, NodeInputError, requireInput } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import { deriveMeta, type TableValue } from '../../runtime/values';
import { logPolarRotationScale } from '../../ops/image/logPolarRotationScale';
import { warpAffine } from '../../ops/image/warpAffine';
import { warpOutputParams } from './warpOutputParams';
import { phaseCrossCorrelation } from '../../ops/image/phaseCrossCorrelation';
import { hannWindow2d } from '../../ops/image/hannWindow2d';

const params = defineParams({
  referenceFrame: {
    type: 'integer',
    label: 'Reference frame',
    description: 'When the reference input is a stack: index (0-based) of its frame used as the reference.',
    default: 0,
    min: 0,
  },
  iterations: {
    type: 'integer',
    label: 'Passes',
    description: "1 is skimage's gallery method; each further pass undoes the estimate and measures what is left, removing its bias towards no rotation/scale.",
    default: 3,
    min: 1,
    max: 10,
  },
  dogSigma: {
    type: 'number',
    label: 'Band-pass σ',
    description: 'Difference of Gaussians (σ, 1.6σ) applied before the spectra; keeps edges and texture, drops slow shading. 0: only the mean removed.',
    default: 1,
    min: 0,
    max: 20,
    unit: 'px',
    advanced: true,
  },
  radiusFraction: {
    type: 'number',
    label: 'Spectrum radius',
    description: 'Part of the spectrum resampled in log-polar, as a fraction of the frame side (0.25 = frequencies up to N/4).',
    default: 0.25,
    min: 0.05,
    max: 0.5,
    advanced: true,
  },
  upsampleFactor: {
    type: 'integer',
    label: 'Upsampling',
    description: 'Log-polar and translation shifts found to 1/upsampling of a row/pixel.',
    default: 10,
    min: 1,
    max: 100,
  },
  translation: {
    type: 'boolean',
    label: 'Also translation',
    description: 'After undoing rotation and scale, find the remaining shift by phase correlation (Hann window) and apply it too.',
    default: true,
  },
  ...warpOutputParams,
});

export const rotationScaleNode = defineNode({
  type: 'register.rotation-scale',
  version: 1,
  category: 'register',
  title: 'Rotation + scale (log-polar)',
  help:
    'Registers a moving image (or every frame of a stack) onto a reference of the same size when it is rotated and ' +
    'scaled, and possibly shifted: band-pass, radial Hann window, |FFT| resampled in log-polar coordinates, where a ' +
    'rotation is a shift along angles and a scaling a shift along log-radius, found by cross-correlation (Reddy & ' +
    'Chatterji, IEEE TIP 1996; skimage gallery "Using polar and log-polar transformations for registration"), ' +
    'repeated on the corrected image; then the translation by phase correlation. The table gives per frame the ' +
    'rotation (degrees, counter-clockwise as displayed) and magnification of the moving image relative to the ' +
    'reference, and the shift applied after undoing them.',
  inputs: [
    { name: 'reference', label: 'Reference', kinds: ['image', 'stack'], required: true },
    { name: 'moving', label: 'Moving', kinds: ['image', 'stack'], required: true },
  ],
  outputs: [
    { name: 'registered', label: 'Registered', kinds: ['image', 'stack'] },
    { name: 'transform', label: 'Transform', kinds: ['table'] },
  ],
  params,
  async run(inputs, p, ctx) {
    // The op keeps its scratch planes for the frames of one stack; free them when the node is done.
    try {
      const r = requireInput(inputs, 'reference', ['image', 'stack']);
      const m = requireInput(inputs, 'moving', ['image', 'stack']);
      if (r.width !== m.width || r.height !== m.height) {
        throw new NodeInputError(`moving: expected frames of the reference size ${r.width}×${r.height}, got ${m.width}×${m.height}`);
      }
      const { width, height } = r;
      const plane = width * height;
      const refFrames = r.kind === 'stack' ? r.frames : 1;
      if (p.referenceFrame >= refFrames) {
        throw new NodeInputError(`referenceFrame: expected a frame index 0..${refFrames - 1} of the reference, got ${p.referenceFrame}`);
      }
      const ref = r.data.subarray(p.referenceFrame * plane, (p.referenceFrame + 1) * plane);
      const frames = m.kind === 'stack' ? m.frames : 1;
      const win = hannWindow2d(width, height);
      const tapered = (img: ArrayLike<number>): Float64Array => {
        let mean = 0;
        for (let i = 0; i < plane; i++) mean += img[i] / plane;
        return Float64Array.from(win, (w, i) => (img[i] - mean) * w);
      };
      const refTapered = p.translation ? tapered(ref) : null;
      const order = p.interpolation === 'bicubic' ? 3 : 1;
      const out = new Float32Array(frames * plane);
      const cols = { angle: new Float64Array(frames), scale: new Float64Array(frames), dy: new Float64Array(frames), dx: new Float64Array(frames) };
      for (let f = 0; f < frames; f++) {
        await ctx.progress(f / frames, `frame ${f + 1}/${frames}`);
        const mov = m.data.subarray(f * plane, (f + 1) * plane);
        const dst = out.subarray(f * plane, (f + 1) * plane);
        try {
          const est = logPolarRotationScale(ref, mov, width, height, {
            iterations: p.iterations,
            dogSigma: p.dogSigma,
            radiusFraction: p.radiusFraction,
            upsampleFactor: p.upsampleFactor,
          });
          const mat = est.matrix.slice();
          if (refTapered) {
            const undone = warpAffine(mov, width, height, { matrix: mat, order, boundary: 'mirror' });
            const t = phaseCrossCorrelation(refTapered, tapered(undone), width, height, { upsampleFactor: p.upsampleFactor });
            [cols.dy[f], cols.dx[f]] = t.shift;
            // out(q) = undone(q − t) = moving(M(q − t)): fold the shift into the offsets.
            mat[2] -= mat[0] * t.shift[0] + mat[1] * t.shift[1];
            mat[5] -= mat[3] * t.shift[0] + mat[4] * t.shift[1];
          }
          warpAffine(mov, width, height, { matrix: mat, order, fill: p.fill, out: dst });
          cols.angle[f] = est.angle;
          cols.scale[f] = est.scale;
        } catch (e) {
          if (e instanceof RangeError) throw new NodeInputError(`frame ${f}: ${e.message}`);
          throw e;
        }
      }
      await ctx.progress(1);
      const meta = deriveMeta(m.meta, r.meta);
      const table: TableValue = {
        kind: 'table',
        rows: frames,
        columns: [
          { name: 'frame', unit: '', data: Float64Array.from({ length: frames }, (_, i) => i) },
          { name: 'angle', unit: 'deg', data: cols.angle },
          { name: 'scale', unit: '', data: cols.scale },
          { name: 'dy', unit: 'px', data: cols.dy },
          { name: 'dx', unit: 'px', data: cols.dx },
        ],
        meta,
      };
      return { registered: { ...m, dtype: 'f32', data: out, meta }, transform: table };
    } finally {
      clearPhaseCorrelationScratch();
    }
  },
});
