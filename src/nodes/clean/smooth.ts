/**
 * clean.smooth: Savitzky–Golay smoothing or derivative of a spectrum or of every frame of a series.
 */
import { defineNode, NodeInputError, requireInput } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import { deriveMeta, type SpectraValue, type SpectrumValue } from '../../runtime/values';
import { savitzkyGolay } from '../../ops/spectrum/savitzkyGolay';

const params = defineParams({
  window: {
    type: 'integer',
    label: 'Window',
    description: 'Number of points of the moving window (odd). Wider: smoother, but peaks and edges broaden.',
    default: 11,
    min: 1,
    parity: 'odd',
    unit: 'points',
  },
  polyorder: {
    type: 'integer',
    label: 'Polynomial order',
    description: 'Degree of the polynomial fitted in each window; must be below the window. Higher keeps sharp features.',
    default: 3,
    min: 0,
    max: 10,
  },
  deriv: {
    type: 'integer',
    label: 'Derivative',
    description: '0: smoothed values; 1 or 2: first or second derivative with respect to x.',
    default: 0,
    min: 0,
    max: 2,
  },
  delta: {
    type: 'number',
    label: 'x step',
    description: 'Spacing of x for derivatives. Auto: the x step of the data, which must then be uniform (within 0.1 %).',
    default: null,
    exclusiveMin: true,
    min: 0,
    nullable: true,
    nullLabel: 'auto',
    advanced: true,
  },
});

export const smoothNode = defineNode({
  type: 'clean.smooth',
  version: 1,
  category: 'clean',
  title: 'Smooth (Savitzky–Golay)',
  help:
    'Savitzky–Golay filter (A. Savitzky, M. J. E. Golay, Anal. Chem. 36 (1964) 1627), identical to ' +
    'scipy.signal.savgol_filter with mode "interp": a least-squares polynomial in a moving window, evaluated ' +
    '(or differentiated) at its centre; the first and last half-windows use the fit of the first and last window. ' +
    'The filter works on point indices: for derivatives the x step must be uniform, or be given.',
  inputs: [{ name: 'spectra', label: 'Spectra', kinds: ['spectrum', 'spectra'], required: true }],
  outputs: [{ name: 'spectra', label: 'Smoothed', kinds: ['spectrum', 'spectra'] }],
  params,
  check(p) {
    return p.polyorder >= p.window
      ? [{ param: 'polyorder', message: `polyorder: expected < window (${p.window}), got ${p.polyorder}` }]
      : [];
  },
  async run(inputs, p, ctx) {
    const v = requireInput(inputs, 'spectra', ['spectrum', 'spectra']);
    const x = v.x;
    const points = x.length;
    if (p.window > points)
      throw new NodeInputError(`window: expected ≤ the number of points (${points}), got ${p.window}`);
    if (p.polyorder >= p.window) throw new NodeInputError(`polyorder: expected < window (${p.window}), got ${p.polyorder}`);
    let delta = p.delta ?? 1;
    if (p.deriv > 0 && p.delta === null) {
      // Derivatives need one step: take the data's own, and refuse uneven sampling rather than guess.
      const step = (x[points - 1] - x[0]) / (points - 1);
      for (let i = 1; i < points; i++) {
        const d = x[i] - x[i - 1];
        if (Math.abs(d - step) > 1e-3 * Math.abs(step))
          throw new NodeInputError(
            `delta: x is not uniformly spaced (step ${d} at point ${i}, mean ${step}): resample the spectrum or set delta explicitly for a derivative`,
          );
      }
      delta = step;
    }
    const frames = v.kind === 'spectra' ? v.frames : 1;
    const y = new Float64Array(frames * points);
    for (let f = 0; f < frames; f++) {
      await ctx.progress(f / frames, `smoothing ${f + 1}/${frames}`);
      try {
        savitzkyGolay(v.y.subarray(f * points, (f + 1) * points), {
          windowLength: p.window,
          polyorder: p.polyorder,
          deriv: p.deriv,
          delta,
          out: y.subarray(f * points, (f + 1) * points),
        });
      } catch (err) {
        throw new NodeInputError((err as Error).message);
      }
    }
    const yAxis =
      p.deriv === 0
        ? v.yAxis
        : {
            name: `d${p.deriv > 1 ? p.deriv : ''}(${v.yAxis.name})/d${v.xAxis.name}${p.deriv > 1 ? p.deriv : ''}`,
            unit: v.yAxis.unit || v.xAxis.unit ? `${v.yAxis.unit || '1'}/${v.xAxis.unit || '1'}${p.deriv > 1 ? `^${p.deriv}` : ''}` : '',
          };
    const meta = deriveMeta(v.meta);
    const out: SpectrumValue | SpectraValue =
      v.kind === 'spectra'
        ? { ...v, x: Float64Array.from(x), y, time: Float64Array.from(v.time), frameLabels: [...v.frameLabels], yAxis, meta }
        : { ...v, x: Float64Array.from(x), y, yAxis, meta };
    await ctx.progress(1);
    return { spectra: out };
  },
});
