/**
 * register.sync-echem: one clock for a series (spectra, stack or spectrum with per-frame time) and
 * its electrochemistry: each frame gets the interpolated potential, current, charge and state of
 * charge. Preview: the voltage curve with the frames marked on it.
 */
import { defineNode, NodeInputError, requireInput } from '../../runtime/nodeDefinition';
import { defineParams, type ParamValues } from '../../runtime/params';
import type { Preview } from '../../runtime/engineApi';
import { decimateMinMax } from '../../runtime/preview/decimateMinMax';
import { deriveMeta, type TableColumn, type TableValue, type Value } from '../../runtime/values';
import { clockOffset } from '../../ops/sync/clockOffset';
import { syncToEchem, type SyncToEchemResult } from '../../ops/sync/syncToEchem';
import { numericColumn } from '../../ops/table/numericColumn';
import { stateOfCharge } from '../../ops/table/stateOfCharge';

const params = defineParams({
  mode: {
    type: 'enum',
    label: 'Clock',
    description: 'How frame times are put on the echem clock.',
    default: 'timestamps',
    options: [
      {
        value: 'timestamps',
        label: 'time stamps',
        description: 'by the absolute start times of both (meta.timeOrigin from the file headers), plus the offset below',
      },
      { value: 'offset', label: 'offset', description: 'echem time = frame time + offset (files without absolute times)' },
    ],
  },
  offset: {
    type: 'number',
    label: 'Offset',
    description:
      'Seconds added to every frame time. Mode "offset": the echem time of the series\' t = 0. Mode "time stamps": a correction ' +
      'for clocks that differ (e.g. beamline and potentiostat PCs), usually 0.',
    default: 0,
    unit: 's',
  },
  socEmpty: {
    type: 'number',
    label: 'SoC empty at',
    description: 'Charge (mAh) at 0 % state of charge, when the echem table has no "soc" column. Auto: the lowest charge of the record.',
    default: null,
    nullable: true,
    nullLabel: 'auto (lowest)',
    unit: 'mAh',
    advanced: true,
  },
  socFull: {
    type: 'number',
    label: 'SoC full at',
    description: 'Charge (mAh) at 100 % state of charge, when the echem table has no "soc" column. Auto: the highest charge of the record.',
    default: null,
    nullable: true,
    nullLabel: 'auto (highest)',
    unit: 'mAh',
    advanced: true,
  },
});

type P = ParamValues<typeof params>;

const TIME_UNITS: Record<string, number> = { s: 1, min: 60, h: 3600, ms: 1e-3 };

interface Synced {
  frameTime: Float64Array;
  labels: string[] | null;
  offset: number;
  echemTime: Float64Array;
  potential: Float64Array;
  result: SyncToEchemResult;
  warnings: string[];
}

/** Frame times (s since the series' timeOrigin) and labels of a series value. */
function framesOf(v: Value): { time: Float64Array; labels: string[] | null } {
  if (v.kind === 'spectra') return { time: v.time, labels: v.frameLabels };
  if (v.kind === 'spectrum') return { time: new Float64Array(1), labels: v.meta.sources.length === 1 ? [v.meta.sources[0].name] : null };
  if (v.kind === 'stack') {
    const scale = TIME_UNITS[v.frameAxis.unit];
    if (v.frameAxis.name !== 'time' || scale === undefined)
      throw new NodeInputError(
        `input "series": the stack's frames are along "${v.frameAxis.name}" (${v.frameAxis.unit || 'no unit'}): expected frames along time (s, min or h)`,
      );
    return { time: v.frameCoords.map((t) => t * scale), labels: null };
  }
  throw new NodeInputError(`input "series": expected spectra, a stack or a spectrum, got ${v.kind}`);
}

function sync(series: Value, echem: TableValue, p: P): Synced {
  const warnings: string[] = [];
  const { time: frameTime, labels } = framesOf(series);
  let offset = p.offset;
  if (p.mode === 'timestamps') {
    const so = series.meta.timeOrigin;
    const eo = echem.meta.timeOrigin;
    if (!so || !eo)
      throw new NodeInputError(
        `mode "time stamps": ${!so ? 'the series' : 'the echem table'} has no absolute start time (meta.timeOrigin)${!so && !eo ? ', nor has the echem table' : ''}: expected both, or use mode "offset"`,
      );
    const c = clockOffset(so, eo);
    warnings.push(...c.warnings);
    offset += c.seconds;
  }
  const what = 'input "echem"';
  const echemTime = numericColumn(echem, 'time', what);
  const potential = numericColumn(echem, 'potential', what);
  const charge = numericColumn(echem, 'charge', what);
  const values: Record<string, Float64Array> = { potential, current: numericColumn(echem, 'current', what), charge };
  if (echem.columns.some((c) => c.name === 'soc')) values.soc = numericColumn(echem, 'soc', what);
  else {
    try {
      values.soc = stateOfCharge(charge, { empty: p.socEmpty, full: p.socFull }).soc;
    } catch (err) {
      warnings.push(`state of charge not computed: ${(err as Error).message.replace(/^stateOfCharge: /, '')}`);
      values.soc = new Float64Array(charge.length).fill(NaN);
    }
  }
  const result = syncToEchem(frameTime, offset, { time: echemTime, values });
  const outside = result.inRange.length - result.inRange.reduce((s, v) => s + v, 0);
  if (outside > 0) {
    const n = echemTime.length;
    warnings.push(
      `${outside} of ${frameTime.length} frames fall outside the echem record (${echemTime[0]} to ${echemTime[n - 1]} s on its clock; offset ${offset} s): their values are NaN and "in range" 0`,
    );
  }
  return { frameTime, labels, offset, echemTime, potential, result, warnings };
}

function syncPreview(inputs: Record<string, Value | undefined>, p: P): Preview | null {
  const series = inputs.series;
  const echem = inputs.echem;
  if (!series || !echem || echem.kind !== 'table') return null;
  const s = sync(series, echem, p);
  const hours = (a: Float64Array) => a.map((t) => t / 3600);
  const inside: number[] = [];
  s.result.inRange.forEach((v, i) => v && inside.push(i));
  return {
    type: 'plot',
    xAxis: { name: 'echem time', unit: 'h' },
    yAxis: { name: 'potential', unit: 'V' },
    series: [
      { label: 'potential', ...decimateMinMax(hours(s.echemTime), s.potential, { maxPoints: 2000 }) },
      {
        label: 'frames',
        style: 'markers',
        x: Float64Array.from(inside, (i) => s.result.echemTime[i] / 3600),
        y: Float64Array.from(inside, (i) => s.result.values.potential[i]),
      },
    ],
    ...(echem.meta.timeOrigin ? { timeOrigin: echem.meta.timeOrigin } : {}),
  };
}

export const syncEchemNode = defineNode({
  type: 'register.sync-echem',
  version: 1,
  category: 'register',
  title: 'Sync to electrochemistry',
  help:
    'Puts the frames of a series (operando spectra, a time stack) on the clock of the electrochemistry (io.load-echem): by ' +
    'the absolute start times in both files (e.g. "#Time at start=" of the XANES headers and "Acquisition started on" of the ' +
    'EC-Lab file; zone-less stamps are instrument clocks, taken as the same zone), or by a user offset. Each frame gets the ' +
    'potential, current, charge and state of charge interpolated linearly in time (as numpy.interp) at its time stamp; frames ' +
    'outside the record get NaN and "in range" 0. SoC: the "soc" column of the echem table (clean.echem-derived) or coulomb ' +
    'counting between the given or detected limits. The preview shows the voltage curve with the frames marked on it.',
  inputs: [
    { name: 'series', label: 'Series', kinds: ['spectra', 'stack', 'spectrum'], required: true, description: 'frames with times since meta.timeOrigin' },
    { name: 'echem', label: 'Echem table', kinds: ['table'], required: true, description: 'from io.load-echem' },
  ],
  outputs: [{ name: 'table', label: 'Per frame', kinds: ['table'] }],
  params,
  preview: syncPreview,
  async run(inputs, p, ctx) {
    const series = requireInput(inputs, 'series', ['spectra', 'stack', 'spectrum']);
    const echem = requireInput(inputs, 'echem', ['table']);
    await ctx.progress(0, 'matching clocks');
    let s: Synced;
    try {
      s = sync(series, echem, p);
    } catch (err) {
      if (err instanceof NodeInputError) throw err;
      throw new NodeInputError((err as Error).message.replace(/^(syncToEchem|clockOffset|stateOfCharge): /, ''));
    }
    for (const w of s.warnings) ctx.warn(w);
    const n = s.frameTime.length;
    const r = s.result;
    const columns: TableColumn[] = [{ name: 'frame', unit: '', data: Float64Array.from({ length: n }, (_, i) => i) }];
    if (s.labels) columns.push({ name: 'label', unit: '', text: s.labels });
    columns.push(
      { name: 'time', unit: 's', data: Float64Array.from(s.frameTime) },
      { name: 'echem time', unit: 's', data: r.echemTime },
      { name: 'potential', unit: 'V', data: r.values.potential },
      { name: 'current', unit: 'mA', data: r.values.current },
      { name: 'charge', unit: 'mAh', data: r.values.charge },
      { name: 'soc', unit: '%', data: r.values.soc },
      { name: 'in range', unit: '', data: Float64Array.from(r.inRange) },
    );
    const meta = deriveMeta(series.meta, echem.meta);
    meta.attrs = { ...meta.attrs, clockOffset: s.offset, echemTimeOrigin: echem.meta.timeOrigin ?? null };
    await ctx.progress(1);
    return { table: { kind: 'table', rows: n, columns, meta } };
  },
});
