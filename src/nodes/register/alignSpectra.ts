/**
 * register.align-spectra: energy shift of every spectrum of a series against a reference spectrum
 * (a frame of the series or a second input), by cross-correlation of derivatives; outputs the
 * shifted spectra on the original axis and a table of shifts.
 */
import { defineNode, NodeInputError, requireInput } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import { deriveMeta, type SpectraValue, type SpectrumValue, type TableValue } from '../../runtime/values';
import { alignEnergy } from '../../ops/spectrum/alignEnergy';
import { interpolateLinear } from '../../ops/spectrum/interpolateLinear';

const params = defineParams({
  reference: {
    type: 'integer',
    label: 'Reference frame',
    description: 'Index (0-based) of the spectrum of the series the others are aligned to; ignored when a reference spectrum is connected.',
    default: 0,
    min: 0,
  },
  maxShift: {
    type: 'number',
    label: 'Largest shift',
    description: 'Shifts are searched within ± this (x unit, eV for XAS). A few eV covers monochromator drift.',
    default: 5,
    min: 0,
    exclusiveMin: true,
    unit: 'eV',
  },
  step: {
    type: 'number',
    label: 'Grid step',
    description: 'Spacing of the fine common grid the derivatives are correlated on; auto = a quarter of the finest x step. Precision is well below it (parabolic refinement).',
    default: null,
    nullable: true,
    nullLabel: 'auto',
    min: 0,
    exclusiveMin: true,
    unit: 'eV',
    advanced: true,
  },
  rangeMin: {
    type: 'number',
    label: 'Compare from',
    description: 'Lower end of the x range compared (e.g. just below the edge); auto = start of the common range.',
    default: null,
    nullable: true,
    nullLabel: 'auto',
    unit: 'eV',
  },
  rangeMax: {
    type: 'number',
    label: 'Compare to',
    description: 'Upper end of the x range compared (e.g. 50–100 eV above the edge, where the shape is sharpest); auto = end of the common range.',
    default: null,
    nullable: true,
    nullLabel: 'auto',
    unit: 'eV',
  },
});

export const alignSpectraNode = defineNode({
  type: 'register.align-spectra',
  version: 1,
  category: 'register',
  title: 'Align spectra (energy shift)',
  help:
    'Finds the energy shift of each spectrum of a series against a reference spectrum: both are resampled onto a ' +
    'common fine grid, differentiated, and their normalised cross-correlation is maximised over ± the largest shift, ' +
    'with parabolic sub-step refinement (energy calibration by derivative matching, as done against a reference foil). ' +
    'Each spectrum is then moved by its shift (linear interpolation on the original x axis; the end values are kept ' +
    'beyond the measured range). The table gives per frame the shift s with spectrum(E) ≈ reference(E − s) and the correlation.',
  inputs: [
    { name: 'spectra', label: 'Spectra', kinds: ['spectra', 'spectrum'], required: true },
    { name: 'reference', label: 'Reference', kinds: ['spectrum', 'spectra'], description: 'Optional reference spectrum (first frame of a series); otherwise the reference frame of the input.' },
  ],
  outputs: [
    { name: 'spectra', label: 'Aligned', kinds: ['spectra', 'spectrum'] },
    { name: 'shifts', label: 'Shifts', kinds: ['table'] },
  ],
  params,
  check(p) {
    return p.rangeMin !== null && p.rangeMax !== null && !(p.rangeMin < p.rangeMax)
      ? [{ param: 'rangeMax', message: `rangeMax: expected > rangeMin (${p.rangeMin}), got ${p.rangeMax}` }]
      : [];
  },
  async run(inputs, p, ctx) {
    const v = requireInput(inputs, 'spectra', ['spectra', 'spectrum']);
    const frames = v.kind === 'spectra' ? v.frames : 1;
    const points = v.x.length;
    let xRef: Float64Array;
    let yRef: Float64Array;
    if (inputs.reference) {
      const r = requireInput(inputs, 'reference', ['spectrum', 'spectra']);
      xRef = r.x;
      yRef = r.kind === 'spectra' ? r.y.subarray(0, r.points) : r.y;
    } else {
      if (p.reference >= frames) {
        throw new NodeInputError(`reference: expected a frame index 0..${frames - 1} (the series has ${frames} spectra), got ${p.reference}`);
      }
      xRef = v.x;
      yRef = v.y.subarray(p.reference * points, (p.reference + 1) * points);
    }
    const range: [number, number] | null =
      p.rangeMin === null && p.rangeMax === null ? null : [p.rangeMin ?? -Infinity, p.rangeMax ?? Infinity];
    const shift = new Float64Array(frames);
    const corr = new Float64Array(frames);
    const y = new Float64Array(frames * points);
    const moved = new Float64Array(points);
    const last = v.x[points - 1];
    for (let f = 0; f < frames; f++) {
      await ctx.progress(f / frames, `spectrum ${f + 1}/${frames}`);
      const yf = v.y.subarray(f * points, (f + 1) * points);
      try {
        const r = alignEnergy(xRef, yRef, v.x, yf, { maxShift: p.maxShift, step: p.step, range });
        shift[f] = r.shift;
        corr[f] = r.correlation;
        // aligned(E) = spectrum(E + s), end values kept outside the measured range.
        for (let i = 0; i < points; i++) moved[i] = Math.min(Math.max(v.x[i] + r.shift, v.x[0]), last);
        interpolateLinear(v.x, yf, moved, y.subarray(f * points, (f + 1) * points));
      } catch (e) {
        if (e instanceof RangeError) throw new NodeInputError(`spectrum ${f}: ${e.message}`);
        throw e;
      }
    }
    await ctx.progress(1);
    const meta = deriveMeta(v.meta, ...(inputs.reference ? [inputs.reference.meta] : []));
    const out: SpectrumValue | SpectraValue =
      v.kind === 'spectra'
        ? { ...v, x: Float64Array.from(v.x), y, time: Float64Array.from(v.time), frameLabels: [...v.frameLabels], meta }
        : { ...v, x: Float64Array.from(v.x), y, meta };
    const shifts: TableValue = {
      kind: 'table',
      rows: frames,
      columns: [
        { name: 'frame', unit: '', data: Float64Array.from({ length: frames }, (_, i) => i) },
        ...(v.kind === 'spectra' ? [{ name: 'label', unit: '' as const, text: [...v.frameLabels] }] : []),
        { name: 'shift', unit: v.xAxis.unit, data: shift },
        { name: 'correlation', unit: '', data: corr },
      ],
      meta: deriveMeta(v.meta),
    };
    return { spectra: out, shifts };
  },
});
