/**
 * clean.normalize-xanes: Larch-style pre-edge subtraction and normalisation of each spectrum,
 * with a table of the parameters actually used (e0, edge step, ranges) per spectrum.
 */
import { defineNode, NodeInputError, requireInput } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import { deriveMeta, type SpectraValue, type SpectrumValue, type TableValue } from '../../runtime/values';
import { preEdge, type PreEdgeResult } from '../../ops/spectrum/preEdge';

const params = defineParams({
  output: {
    type: 'enum',
    label: 'Output',
    description: 'flat: normalised and flattened above e0 (the usual XANES view); norm: (μ − pre-edge) / edge step.',
    default: 'flat',
    options: [
      { value: 'flat', label: 'flattened' },
      { value: 'norm', label: 'normalised' },
    ],
  },
  e0: {
    type: 'number',
    label: 'E0',
    description: 'Edge energy. Auto: maximum of dμ/dE with glitch checks (Larch find_e0).',
    default: null,
    unit: 'eV',
    nullable: true,
    nullLabel: 'auto',
  },
  pre1: {
    type: 'number',
    label: 'pre-edge start',
    description: 'Start of the pre-edge fit range, relative to E0 (negative). Auto: the second energy point, rounded to 5 eV.',
    default: null,
    unit: 'eV',
    nullable: true,
    nullLabel: 'auto',
  },
  pre2: {
    type: 'number',
    label: 'pre-edge end',
    description: 'End of the pre-edge fit range, relative to E0. Auto: pre1 / 2.',
    default: null,
    unit: 'eV',
    nullable: true,
    nullLabel: 'auto',
  },
  norm1: {
    type: 'number',
    label: 'post-edge start',
    description: 'Start of the post-edge fit range, relative to E0. Auto: min(25, norm2/15) rounded to 5 eV.',
    default: null,
    unit: 'eV',
    nullable: true,
    nullLabel: 'auto',
  },
  norm2: {
    type: 'number',
    label: 'post-edge end',
    description: 'End of the post-edge fit range, relative to E0. Auto: the last energy point (rounded to 5 eV).',
    default: null,
    unit: 'eV',
    nullable: true,
    nullLabel: 'auto',
  },
  nnorm: {
    type: 'integer',
    label: 'post-edge degree',
    description: 'Degree of the post-edge polynomial. Auto: 2, or 1 when the range is under 300 eV, 0 under 30 eV.',
    default: null,
    min: 0,
    max: 5,
    nullable: true,
    nullLabel: 'auto',
    advanced: true,
  },
  nvict: {
    type: 'number',
    label: 'Victoreen exponent',
    description: 'The pre-edge line is fitted to μ·E^nvict (0: plain line).',
    default: 0,
    min: 0,
    max: 4,
    advanced: true,
  },
  step: {
    type: 'number',
    label: 'edge step',
    description: 'Edge jump used to normalise. Auto: post-edge minus pre-edge curve at E0.',
    default: null,
    exclusiveMin: true,
    min: 0,
    nullable: true,
    nullLabel: 'auto',
    advanced: true,
  },
});

export const normalizeXanesNode = defineNode({
  type: 'clean.normalize-xanes',
  version: 1,
  category: 'clean',
  title: 'Normalize XANES',
  help:
    'Pre-edge subtraction and edge-step normalisation of XANES spectra as Larch pre_edge does (M. Newville, ' +
    'J. Phys.: Conf. Ser. 430 (2013) 012007): E0 from the derivative maximum, a line fitted to the pre-edge, ' +
    'a polynomial to the post-edge, edge step = their difference at E0. "flat" also removes the post-edge ' +
    'curvature so the spectrum is ~1 above the edge. Each spectrum of a series is normalised on its own; the ' +
    'table output lists E0, edge step and the ranges used per spectrum. Energies in eV (keV is converted).',
  inputs: [{ name: 'spectra', label: 'Spectra', kinds: ['spectrum', 'spectra'], required: true }],
  outputs: [
    { name: 'spectra', label: 'Normalised', kinds: ['spectrum', 'spectra'] },
    { name: 'table', label: 'Parameters', kinds: ['table'] },
  ],
  params,
  check(p) {
    const issues: { param: string; message: string }[] = [];
    if (p.pre1 !== null && p.pre2 !== null && p.pre1 >= p.pre2)
      issues.push({ param: 'pre2', message: `pre2: expected > pre1 (${p.pre1} eV), got ${p.pre2} eV` });
    if (p.norm1 !== null && p.norm2 !== null && p.norm1 >= p.norm2)
      issues.push({ param: 'norm2', message: `norm2: expected > norm1 (${p.norm1} eV), got ${p.norm2} eV` });
    return issues;
  },
  async run(inputs, p, ctx) {
    const v = requireInput(inputs, 'spectra', ['spectrum', 'spectra']);
    const unit = v.xAxis.unit.toLowerCase();
    if (unit !== 'ev' && unit !== 'kev')
      throw new NodeInputError(
        `input "spectra": x axis "${v.xAxis.name}" is in "${v.xAxis.unit}": expected an energy in eV (or keV)`,
      );
    const toEv = unit === 'kev' ? 1000 : 1;
    const x = toEv === 1 ? v.x : v.x.map((e) => e * toEv);
    if (toEv !== 1) ctx.warn(`energies converted from keV to eV for normalisation`);
    const frames = v.kind === 'spectra' ? v.frames : 1;
    const points = x.length;
    const yOut = new Float64Array(frames * points);
    const results: PreEdgeResult[] = [];
    const label = (f: number) => (v.kind === 'spectra' ? (v.frameLabels[f] ?? `frame ${f + 1}`) : (v.meta.sources[0]?.name ?? 'spectrum'));
    for (let f = 0; f < frames; f++) {
      await ctx.progress(f / frames, `normalising ${f + 1}/${frames}`);
      const y = v.kind === 'spectra' ? v.y.subarray(f * points, (f + 1) * points) : v.y;
      let r: PreEdgeResult;
      try {
        r = preEdge(x, y, {
          e0: p.e0,
          pre1: p.pre1,
          pre2: p.pre2,
          norm1: p.norm1,
          norm2: p.norm2,
          nnorm: p.nnorm,
          nvict: p.nvict,
          step: p.step,
        });
      } catch (err) {
        throw new NodeInputError(`${label(f)}: ${(err as Error).message}`);
      }
      if (p.e0 !== null && r.e0 !== x[nearest(x, p.e0)])
        ctx.warn(`${label(f)}: e0 = ${p.e0} eV is outside the data; found ${r.e0} eV instead`);
      yOut.set(p.output === 'norm' ? r.norm : r.flat, f * points);
      results.push(r);
    }
    const meta = deriveMeta(v.meta);
    const yAxis = { name: p.output === 'norm' ? 'normalized μ(E)' : 'flattened μ(E)', unit: '' };
    const xAxis = toEv === 1 ? v.xAxis : { name: v.xAxis.name, unit: 'eV' };
    const out: SpectrumValue | SpectraValue =
      v.kind === 'spectra'
        ? { ...v, x: Float64Array.from(x), y: yOut, time: Float64Array.from(v.time), frameLabels: [...v.frameLabels], xAxis, yAxis, meta }
        : { kind: 'spectrum', x: Float64Array.from(x), y: yOut, xAxis, yAxis, meta };
    const col = (name: string, unit: string, get: (r: PreEdgeResult) => number) => ({
      name,
      unit,
      data: Float64Array.from(results, get),
    });
    const table: TableValue = {
      kind: 'table',
      rows: frames,
      columns: [
        { name: 'spectrum', unit: '', text: Array.from({ length: frames }, (_, f) => label(f)) },
        ...(v.kind === 'spectra' ? [{ name: 'time', unit: 's', data: Float64Array.from(v.time) }] : []),
        col('e0', 'eV', (r) => r.e0),
        col('edge_step', '', (r) => r.edgeStep),
        col('pre1', 'eV', (r) => r.pre1),
        col('pre2', 'eV', (r) => r.pre2),
        col('norm1', 'eV', (r) => r.norm1),
        col('norm2', 'eV', (r) => r.norm2),
        col('nnorm', '', (r) => r.nnorm),
      ],
      meta: deriveMeta(v.meta),
    };
    await ctx.progress(1);
    return { spectra: out, table };
  },
});

function nearest(x: Float64Array, v: number): number {
  let best = 0;
  for (let i = 1; i < x.length; i++) if (Math.abs(x[i] - v) < Math.abs(x[best] - v)) best = i;
  return best;
}
