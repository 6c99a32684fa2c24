/**
 * register.drift: estimates the translation of every frame of a stack by phase correlation and
 * applies it, giving a registered stack and a table of shifts.
 */
import { defineNode, NodeInputError, requireInput } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import { deriveMeta, type StackValue, type TableValue } from '../../runtime/values';
import { phaseCrossCorrelation } from '../../ops/image/phaseCrossCorrelation';
import { bilinearShift } from '../../ops/image/bilinearShift';
import { fourierShift } from '../../ops/image/fourierShift';
import { hannWindow2d } from '../../ops/image/hannWindow2d';
import { realFft2d } from '../../ops/fft/realFft2d';
import { assertImageData } from '../../ops/image/assertImageData';

const params = defineParams({
  mode: {
    type: 'enum',
    label: 'Register to',
    description: 'Which frame each frame is aligned to. "Reference frame": every frame against one fixed frame.',
    default: 'to-reference',
    options: [{ value: 'to-reference', label: 'reference frame', description: 'every frame against the reference frame' }],
  },
  reference: {
    type: 'integer',
    label: 'Reference frame',
    description: 'Index (0-based) of the frame the others are aligned to. Pick a sharp, typical frame.',
    default: 0,
    min: 0,
  },
  upsampleFactor: {
    type: 'integer',
    label: 'Upsampling',
    description: 'Shifts are found to 1/upsampling of a pixel (Guizar-Sicairos refinement). 10 → 0.1 px; 100 → 0.01 px, slower on big images.',
    default: 10,
    min: 1,
    max: 1000,
  },
  window: {
    type: 'enum',
    label: 'Window',
    description:
      'Taper applied (after subtracting the mean) to both frames before correlating. Hann removes the bias that the ' +
      'frame borders cause for sub-pixel shifts of non-periodic images; none reproduces skimage on raw frames.',
    default: 'hann',
    options: [
      { value: 'hann', label: 'Hann', description: 'separable symmetric Hann window' },
      { value: 'none', label: 'none', description: 'raw frames, as skimage.registration.phase_cross_correlation' },
    ],
  },
  interpolation: {
    type: 'enum',
    label: 'Apply shift by',
    description: 'How frames are moved: bilinear interpolation (pixels shifted in from outside get the fill value) or Fourier shift (exact for band-limited images, content wraps around the edges).',
    default: 'bilinear',
    options: [
      { value: 'bilinear', label: 'bilinear', description: 'as scipy.ndimage.shift(order=1, mode="constant", cval=fill)' },
      { value: 'fourier', label: 'Fourier shift', description: 'as scipy.ndimage.fourier_shift; circular' },
    ],
  },
  fill: {
    type: 'number',
    label: 'Fill value',
    description: 'Bilinear: value of pixels that come from outside the frame after shifting.',
    default: 0,
    advanced: true,
  },
});

export const driftNode = defineNode({
  type: 'register.drift',
  version: 1,
  category: 'register',
  title: 'Drift correction',
  help:
    'Aligns the frames of a stack by translation. Each frame (mean removed, Hann-tapered by default) is ' +
    'phase-correlated with the reference frame as ' +
    'skimage.registration.phase_cross_correlation (normalization "phase", upsampled DFT refinement; ' +
    'Guizar-Sicairos et al., Opt. Lett. 33:156, 2008), then shifted. The shifts table gives per frame the ' +
    'shift (dy, dx in pixels) that was applied to register it onto the reference, and skimage\'s error metric.',
  inputs: [{ name: 'stack', label: 'Stack', kinds: ['stack'], required: true }],
  outputs: [
    { name: 'registered', label: 'Registered', kinds: ['stack'] },
    { name: 'shifts', label: 'Shifts', kinds: ['table'] },
  ],
  params,
  async run(inputs, p, ctx) {
    const v = requireInput(inputs, 'stack', ['stack']);
    if (p.reference >= v.frames) {
      throw new NodeInputError(`reference: expected a frame index 0..${v.frames - 1} (the stack has ${v.frames} frames), got ${p.reference}`);
    }
    const { width, height, frames } = v;
    const plane = width * height;
    const win = p.window === 'hann' ? hannWindow2d(width, height) : null;
    /** Frame prepared for correlation: mean removed and tapered (or the raw frame without a window). */
    const prepare = (frame: typeof v.data, buf: Float64Array): Float64Array | typeof v.data => {
      if (!win) return frame;
      let mean = 0;
      for (let i = 0; i < plane; i++) mean += frame[i];
      mean /= plane;
      for (let i = 0; i < plane; i++) buf[i] = (frame[i] - mean) * win[i];
      return buf;
    };
    const refFrame = v.data.subarray(p.reference * plane, (p.reference + 1) * plane);
    const movBuf = new Float64Array(win ? plane : 0);
    // The reference spectrum is computed once, not per frame.
    let referenceSpectrum: ReturnType<typeof realFft2d>;
    let ref: Float64Array | typeof v.data;
    try {
      assertImageData(`reference frame ${p.reference}`, refFrame, width, height);
      ref = prepare(refFrame, new Float64Array(win ? plane : 0));
      referenceSpectrum = realFft2d(ref, height, width);
    } catch (e) {
      if (e instanceof RangeError) throw new NodeInputError(e.message);
      throw e;
    }
    const out = new Float32Array(v.data.length);
    const dy = new Float64Array(frames);
    const dx = new Float64Array(frames);
    const err = new Float64Array(frames);
    for (let f = 0; f < frames; f++) {
      await ctx.progress(f / frames, `frame ${f + 1}/${frames}`);
      const mov = v.data.subarray(f * plane, (f + 1) * plane);
      const dst = out.subarray(f * plane, (f + 1) * plane);
      try {
        const r = phaseCrossCorrelation(ref, prepare(mov, movBuf), width, height, { upsampleFactor: p.upsampleFactor, referenceSpectrum });
        [dy[f], dx[f]] = r.shift;
        err[f] = r.error;
        if (p.interpolation === 'fourier') fourierShift(mov, width, height, { dy: dy[f], dx: dx[f], out: dst });
        else bilinearShift(mov, width, height, { dy: dy[f], dx: dx[f], fill: p.fill, out: dst });
      } catch (e) {
        if (e instanceof RangeError) throw new NodeInputError(`frame ${f}: ${e.message}`);
        throw e;
      }
    }
    await ctx.progress(1);
    const registered: StackValue = { ...v, dtype: 'f32', data: out, meta: deriveMeta(v.meta) };
    const shifts: TableValue = {
      kind: 'table',
      rows: frames,
      columns: [
        { name: 'frame', unit: '', data: Float64Array.from({ length: frames }, (_, i) => i) },
        // The frame coordinate under its axis name (time, energy, z), kept distinct from the index column.
        { name: v.frameAxis.name === 'frame' ? 'coord' : v.frameAxis.name, unit: v.frameAxis.unit, data: Float64Array.from(v.frameCoords) },
        { name: 'dy', unit: 'px', data: dy },
        { name: 'dx', unit: 'px', data: dx },
        { name: 'error', unit: '', data: err },
      ],
      meta: deriveMeta(v.meta),
    };
    return { registered, shifts };
  },
});
