/**
 * register.affine-mi: affine (or rigid + scale) registration of a moving image, or of every frame
 * of a stack, onto a fixed image of another modality by maximising mutual information.
 */
import { defineNode, NodeInputError, requireInput } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import { deriveMeta, type TableValue } from '../../runtime/values';
import { mutualInformationAffine } from '../../ops/image/mutualInformationAffine';
import { warpAffine } from '../../ops/image/warpAffine';
import { warpOutputParams } from './warpOutputParams';

const params = defineParams({
  model: {
    type: 'enum',
    label: 'Transform',
    description: 'Rigid + scale (rotation, one scale, shift: 4 parameters, robust) or full affine (adds anisotropic scale and shear: 6 parameters).',
    default: 'rigid-scale',
    options: [
      { value: 'rigid-scale', label: 'rigid + scale', description: 'rotation, isotropic scale, translation' },
      { value: 'affine', label: 'affine', description: 'any 2×2 matrix and translation' },
    ],
  },
  bins: {
    type: 'integer',
    label: 'Histogram bins',
    description: 'Bins of the joint histogram (Mattes Parzen windows). 32 suits most images; fewer for small or noisy images.',
    default: 32,
    min: 8,
    max: 256,
  },
  levels: {
    type: 'integer',
    label: 'Pyramid levels',
    description: 'Resolutions used, coarsest first (each halves the size): more levels catch larger motions.',
    default: 3,
    min: 1,
    max: 6,
  },
  maxEvaluations: {
    type: 'integer',
    label: 'Evaluations per level',
    description: 'Budget of the Nelder–Mead optimiser at each level.',
    default: 400,
    min: 20,
    max: 5000,
    advanced: true,
  },
  ...warpOutputParams,
});

export const affineMINode = defineNode({
  type: 'register.affine-mi',
  version: 1,
  category: 'register',
  title: 'Affine registration (mutual information)',
  help:
    'Registers images of different modalities (e.g. X-ray CT onto an SEM or fluorescence map) by maximising their ' +
    'mutual information (Viola & Wells 1997; Maes et al. 1997) with a Mattes Parzen-window joint histogram, ' +
    'coarse to fine over a pyramid, each level optimised by Nelder–Mead. MI needs no linear relation between the ' +
    'intensities, only that one predicts the other. Outputs the moving image warped onto the fixed grid and the ' +
    'inverse map per frame as columns a–f (row_moving = a·row + b·col + c, col_moving = d·row + e·col + f), with ' +
    'the rotation, scale and MI before/after.',
  inputs: [
    { name: 'fixed', label: 'Fixed', kinds: ['image'], required: true },
    { name: 'moving', label: 'Moving', kinds: ['image', 'stack'], required: true },
  ],
  outputs: [
    { name: 'registered', label: 'Registered', kinds: ['image', 'stack'] },
    { name: 'matrix', label: 'Matrix', kinds: ['table'] },
  ],
  params,
  async run(inputs, p, ctx) {
    const fx = requireInput(inputs, 'fixed', ['image']);
    const mv = requireInput(inputs, 'moving', ['image', 'stack']);
    if (fx.width !== mv.width || fx.height !== mv.height) {
      throw new NodeInputError(`moving: expected frames of the fixed image's size ${fx.width}×${fx.height}, got ${mv.width}×${mv.height}`);
    }
    const { width, height } = fx;
    const plane = width * height;
    const frames = mv.kind === 'stack' ? mv.frames : 1;
    const out = new Float32Array(frames * plane);
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'angle', 'scale', 'miBefore', 'miAfter'] as const;
    const cols = names.map(() => new Float64Array(frames));
    for (let f = 0; f < frames; f++) {
      await ctx.progress(f / frames, `frame ${f + 1}/${frames}: optimising MI`);
      const mov = mv.data.subarray(f * plane, (f + 1) * plane);
      try {
        const r = mutualInformationAffine(fx.data, mov, width, height, {
          model: p.model === 'affine' ? 'affine' : 'rigid-scale',
          bins: p.bins,
          levels: p.levels,
          maxEvaluations: p.maxEvaluations,
        });
        warpAffine(mov, width, height, { matrix: r.matrix, order: p.interpolation === 'bicubic' ? 3 : 1, fill: p.fill, out: out.subarray(f * plane, (f + 1) * plane) });
        [...r.matrix, r.angle, r.scale, r.miBefore, r.miAfter].forEach((v, k) => (cols[k][f] = v));
      } catch (e) {
        if (e instanceof RangeError) throw new NodeInputError(`frame ${f}: ${e.message}`);
        throw e;
      }
    }
    await ctx.progress(1);
    const meta = deriveMeta(mv.meta, fx.meta);
    const units: Record<string, string> = { c: 'px', f: 'px', angle: 'deg', miBefore: 'nat', miAfter: 'nat' };
    const table: TableValue = {
      kind: 'table',
      rows: frames,
      columns: [
        { name: 'frame', unit: '', data: Float64Array.from({ length: frames }, (_, i) => i) },
        ...names.map((name, k) => ({ name, unit: units[name] ?? '', data: cols[k] })),
      ],
      meta,
    };
    return {
      registered: { ...mv, dtype: 'f32', data: out, pixelSize: fx.pixelSize, meta },
      matrix: table,
    };
  },
});
