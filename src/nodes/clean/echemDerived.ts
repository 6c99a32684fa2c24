/**
 * clean.echem-derived: quantities derived from an electrochemistry table — capacity per cycle,
 * differential capacity dQ/dV (binned on the potential, smoothed), or state of charge.
 */
import { defineNode, NodeInputError, requireInput } from '../../runtime/nodeDefinition';
import { defineParams, type ParamValues } from '../../runtime/params';
import type { Preview } from '../../runtime/engineApi';
import { decimateMinMax } from '../../runtime/preview/decimateMinMax';
import { tablePlotPreview } from '../../runtime/preview/tablePlotPreview';
import { deriveMeta, type TableValue, type Value } from '../../runtime/values';
import { capacityPerCycle } from '../../ops/table/capacityPerCycle';
import { dqdvBinned, type DqdvCurve } from '../../ops/table/dqdvBinned';
import { numericColumn } from '../../ops/table/numericColumn';
import { stateOfCharge } from '../../ops/table/stateOfCharge';

const params = defineParams({
  quantity: {
    type: 'enum',
    label: 'Quantity',
    description: 'What to derive from the record.',
    default: 'capacity',
    options: [
      { value: 'capacity', label: 'capacity per cycle', description: 'charge and discharge capacity (mAh) and coulombic efficiency (%) of every cycle' },
      { value: 'dqdv', label: 'dQ/dV', description: 'differential capacity per cycle and direction, binned on the potential and smoothed' },
      { value: 'soc', label: 'state of charge', description: 'the record with a "soc" column (%) from the charge between two limits' },
    ],
  },
  binWidth: {
    type: 'number',
    label: 'Bin width',
    description: 'dQ/dV: width of the potential bins. Smaller resolves sharper peaks but is noisier; 2–10 mV is usual.',
    default: 0.005,
    min: 0,
    exclusiveMin: true,
    max: 1,
    unit: 'V',
  },
  sigma: {
    type: 'number',
    label: 'Smoothing σ',
    description: 'dQ/dV: width of the Gaussian smoothing, in bins (0 = none).',
    default: 2,
    min: 0,
    max: 100,
    unit: 'bins',
  },
  socEmpty: {
    type: 'number',
    label: 'Empty at',
    description: 'State of charge: charge (mAh) at 0 %. Auto: the lowest charge of the record.',
    default: null,
    nullable: true,
    nullLabel: 'auto (lowest)',
    unit: 'mAh',
  },
  socFull: {
    type: 'number',
    label: 'Full at',
    description: 'State of charge: charge (mAh) at 100 %. Auto: the highest charge of the record.',
    default: null,
    nullable: true,
    nullLabel: 'auto (highest)',
    unit: 'mAh',
  },
});

type P = ParamValues<typeof params>;

interface Derived {
  table: TableValue;
  curves?: DqdvCurve[];
}

function derive(echem: TableValue, p: P): Derived {
  const what = 'input "echem"';
  const charge = numericColumn(echem, 'charge', what);
  const meta = deriveMeta(echem.meta);
  if (p.quantity === 'capacity') {
    const cap = capacityPerCycle(charge, numericColumn(echem, 'cycle', what));
    return {
      table: {
        kind: 'table',
        rows: cap.cycle.length,
        columns: [
          { name: 'cycle', unit: '', data: cap.cycle },
          { name: 'charge capacity', unit: 'mAh', data: cap.charge },
          { name: 'discharge capacity', unit: 'mAh', data: cap.discharge },
          { name: 'coulombic efficiency', unit: '%', data: cap.efficiency },
        ],
        meta,
      },
    };
  }
  if (p.quantity === 'dqdv') {
    const curves = dqdvBinned(numericColumn(echem, 'potential', what), charge, numericColumn(echem, 'cycle', what), {
      binWidth: p.binWidth,
      sigma: p.sigma,
    });
    const rows = curves.reduce((s, c) => s + c.potential.length, 0);
    const cols = { potential: new Float64Array(rows), dqdv: new Float64Array(rows), cycle: new Float64Array(rows), direction: new Float64Array(rows) };
    let r = 0;
    for (const c of curves) {
      cols.potential.set(c.potential, r);
      cols.dqdv.set(c.dqdv, r);
      cols.cycle.fill(c.cycle, r, r + c.potential.length);
      cols.direction.fill(c.direction, r, r + c.potential.length);
      r += c.potential.length;
    }
    return {
      curves,
      table: {
        kind: 'table',
        rows,
        columns: [
          { name: 'potential', unit: 'V', data: cols.potential },
          { name: 'dQ/dV', unit: 'mAh/V', data: cols.dqdv },
          { name: 'cycle', unit: '', data: cols.cycle },
          { name: 'direction', unit: '', data: cols.direction },
        ],
        meta,
      },
    };
  }
  const soc = stateOfCharge(charge, { empty: p.socEmpty, full: p.socFull });
  meta.attrs = { ...meta.attrs, socEmpty: soc.empty, socFull: soc.full };
  return {
    table: {
      kind: 'table',
      rows: echem.rows,
      columns: [...echem.columns.filter((c) => c.name !== 'soc'), { name: 'soc', unit: '%', data: soc.soc }],
      meta,
    },
  };
}

function derivedPreview(inputs: Record<string, Value | undefined>, p: P): Preview | null {
  const v = inputs.echem;
  if (!v || v.kind !== 'table') return null;
  const d = derive(v, p);
  if (d.curves) {
    const shown = d.curves.slice(0, 40);
    return {
      type: 'plot',
      xAxis: { name: 'potential', unit: 'V' },
      yAxis: { name: 'dQ/dV', unit: 'mAh/V' },
      series: shown.map((c) => ({
        label: `cycle ${c.cycle} ${c.direction > 0 ? 'charge' : 'discharge'}`,
        ...decimateMinMax(c.potential, c.dqdv, { maxPoints: 2000 }),
      })),
    };
  }
  return p.quantity === 'capacity'
    ? tablePlotPreview(d.table, 'cycle', 'charge capacity, discharge capacity')
    : tablePlotPreview(d.table, 'time', 'soc');
}

export const echemDerivedNode = defineNode({
  type: 'clean.echem-derived',
  version: 1,
  category: 'clean',
  title: 'Echem derived quantities',
  help:
    'From an electrochemistry table (io.load-echem): capacity per cycle — the sums of the positive and negative charge ' +
    'increments in each cycle and their ratio (coulombic efficiency), as cycler software reports them; dQ/dV — every charge ' +
    'increment summed into potential bins of the chosen width, separately per cycle and direction, divided by the bin width ' +
    'and smoothed with a Gaussian of σ bins (the histogram method, Dubarry et al., J. Power Sources 219, 2012; discharge ' +
    'negative); state of charge — coulomb counting 100·(Q − Q_empty)/(Q_full − Q_empty) with given or detected (lowest / ' +
    'highest charge) limits, not clipped. Checked against numpy on a real GITT record.',
  inputs: [{ name: 'echem', label: 'Echem table', kinds: ['table'], required: true }],
  outputs: [{ name: 'table', label: 'Table', kinds: ['table'] }],
  params,
  check: (p) =>
    p.socEmpty !== null && p.socFull !== null && p.socEmpty === p.socFull
      ? [{ param: 'socFull', message: `socFull: equals socEmpty (${p.socEmpty} mAh): expected a different charge` }]
      : [],
  preview: derivedPreview,
  async run(inputs, p, ctx) {
    const echem = requireInput(inputs, 'echem', ['table']);
    await ctx.progress(0, `deriving ${p.quantity}`);
    let d: Derived;
    try {
      d = derive(echem, p);
    } catch (err) {
      throw new NodeInputError((err as Error).message.replace(/^(capacityPerCycle|dqdvBinned|stateOfCharge): /, ''));
    }
    await ctx.progress(1);
    return { table: d.table };
  },
});
