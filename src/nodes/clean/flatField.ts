/**
 * clean.flat-field: flat/dark-field correction of projections, T = (P − D)/(F − D), optionally −ln T.
 */
import { defineNode, NodeInputError, requireInput } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import { deriveMeta, type ImageValue, type StackValue } from '../../runtime/values';
import { combineFrames } from '../../ops/intensity/combineFrames';
import { flatFieldDenominator } from '../../ops/intensity/flatFieldDenominator';
import { flatFieldCorrect } from '../../ops/intensity/flatFieldCorrect';
import { forEachFrame } from '../../ops/stack/forEachFrame';

const params = defineParams({
  combine: {
    type: 'enum',
    label: 'Combine flats/darks',
    description: 'How several flat (and dark) frames become one: mean (lowest noise) or median (ignores a zinger or speck in one frame).',
    default: 'mean',
    options: [
      { value: 'mean', label: 'mean', description: 'pixel-wise mean, as tomopy.normalize' },
      { value: 'median', label: 'median', description: 'pixel-wise median' },
    ],
  },
  epsilon: {
    type: 'number',
    label: 'Min. F − D',
    description:
      'Pixels where flat − dark is below this (dead pixels, a flat darker than the dark) use this value instead, as tomopy does (1e-6); the node warns with their count.',
    default: 1e-6,
    min: 0,
    exclusiveMin: true,
    advanced: true,
  },
  minusLog: {
    type: 'boolean',
    label: '−log (absorption)',
    description: 'Output the attenuation −ln T for absorption tomography instead of the transmission T. Transmissions ≤ 1e-6 are raised to 1e-6 first.',
    default: false,
  },
});

type Frames = ImageValue | StackValue;

export const flatFieldNode = defineNode({
  type: 'clean.flat-field',
  version: 1,
  category: 'clean',
  title: 'Flat/dark-field correction',
  help:
    'Normalises projections by the open-beam (flat) and dark frames: T = (P − D)/(F − D) per pixel, where F and D ' +
    'are the mean (or median) of the flat and dark frames, in float32 arithmetic as tomopy.prep.normalize.normalize. ' +
    'Where F − D is below the minimum (default 1e-6, as tomopy) it is clipped to that minimum and a warning gives the ' +
    'number of such pixels. Optionally −ln T (tomopy.minus_log). Without darks, D = 0.',
  inputs: [
    { name: 'projections', label: 'Projections', kinds: ['image', 'stack'], required: true },
    { name: 'flats', label: 'Flats', kinds: ['image', 'stack'], required: true, description: 'Open-beam frame(s), same size as the projections.' },
    { name: 'darks', label: 'Darks', kinds: ['image', 'stack'], description: 'Beam-off frame(s); optional (D = 0).' },
  ],
  outputs: [{ name: 'corrected', label: 'Corrected', kinds: ['image', 'stack'] }],
  params,
  async run(inputs, p, ctx) {
    const v = requireInput(inputs, 'projections', ['image', 'stack']);
    const flats = requireInput(inputs, 'flats', ['image', 'stack']);
    const darks = inputs.darks ? requireInput(inputs, 'darks', ['image', 'stack']) : undefined;
    const { width, height } = v;
    const sameSize = (port: string, f: Frames) => {
      if (f.width !== width || f.height !== height)
        throw new NodeInputError(`input "${port}": frames are ${f.width}×${f.height}, expected the projections' size ${width}×${height}`);
    };
    sameSize('flats', flats);
    if (darks) sameSize('darks', darks);
    const frames = v.kind === 'stack' ? v.frames : 1;
    const plane = width * height;
    const method = p.combine === 'median' ? 'median' : 'mean';
    const out = new Float32Array(frames * plane);
    await ctx.progress(0, `combining flats${darks ? ' and darks' : ''} (${method})`);
    try {
      const flat = combineFrames(flats.data, width, height, { method });
      const dark = darks ? combineFrames(darks.data, width, height, { method }) : undefined;
      const { denominator, clipped } = flatFieldDenominator(flat, dark, width, height, { epsilon: p.epsilon });
      if (clipped > 0) {
        ctx.warn(`${clipped} of ${plane} pixels have flat − dark < ${p.epsilon} (dead pixels or a flat darker than the dark): clipped to ${p.epsilon}`);
      }
      await forEachFrame(
        v.data,
        width,
        height,
        (frame, f) => {
          flatFieldCorrect(frame, denominator, width, height, { dark, minusLog: p.minusLog, out: out.subarray(f * plane, (f + 1) * plane) });
        },
        (done, n) => ctx.progress(done / n, `projection ${done}/${n}`),
      );
    } catch (err) {
      if (err instanceof RangeError) throw new NodeInputError(err.message);
      throw err;
    }
    const meta = deriveMeta(v.meta, flats.meta, ...(darks ? [darks.meta] : []));
    const valueAxis = p.minusLog ? { name: 'attenuation', unit: '' } : { name: 'transmission', unit: '' };
    return { corrected: { ...v, dtype: 'f32', data: out, valueAxis, meta } };
  },
});
