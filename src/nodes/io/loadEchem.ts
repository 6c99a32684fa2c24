/**
 * io.load-echem: reads potentiostat / cycler files (BioLogic .mpt and .mpr, Maccor text, delimited
 * text with a column mapping) into one electrochemistry table — time (s), potential (V), current
 * (mA), charge (mAh), cycle, step — with the absolute start time as `meta.timeOrigin`. Several files
 * of one cell (a run and its continuation) are joined in time order.
 */
import { defineNode, NodeInputError } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import type { SourceFile, TableValue, ValueMeta } from '../../runtime/values';
import { parseTimeStamp } from '../../ops/io/columns/parseTimeStamp';
import { concatEchemRuns, type EchemRun } from '../../ops/io/echem/concatEchemRuns';
import type { EchemCsvMapping } from '../../ops/io/echem/parseEchemCsv';
import { readEchemFile, type EchemFormat } from '../../ops/io/echem/readEchemFile';
import { standardEchemColumns } from '../../ops/io/echem/standardEchemColumns';

const csvColumn = (label: string, description: string, placeholder: string, advanced = true) =>
  ({ type: 'string', label, description, default: '', placeholder, advanced }) as const;

const unitChoice = (label: string, description: string, unit: string, units: string[]) =>
  ({ type: 'enum', label, description, default: unit, advanced: true, options: units.map((u) => ({ value: u, label: u === 'uA' ? 'µA' : u })) }) as const;

const params = defineParams({
  files: {
    type: 'files',
    label: 'Files',
    description: 'One record, or several records of the same cell (a run and its continuation), joined in time order by their start times.',
    accept: ['.mpt', '.mpr', '.txt', '.csv', '.tsv'],
    multiple: true,
    default: [],
  },
  format: {
    type: 'enum',
    label: 'Format',
    description: 'Reader to use. Auto recognises EC-Lab text and binary files, Maccor and Neware exports by their content; other text needs the column mapping below.',
    default: 'auto',
    options: [
      { value: 'auto', label: 'auto', description: 'by content; delimited text with the mapping otherwise' },
      { value: 'biologic-mpt', label: 'EC-Lab .mpt', description: 'BioLogic EC-Lab text export (any locale)' },
      { value: 'biologic-mpr', label: 'EC-Lab .mpr', description: 'BioLogic EC-Lab binary file' },
      { value: 'maccor', label: 'Maccor', description: 'Maccor text export (Rec#, Cyc#, Step, TestTime …)' },
      { value: 'neware', label: 'Neware', description: 'Neware BTS record CSV (DataPoint, Cycle Index, Step Index …)' },
      { value: 'csv', label: 'CSV (mapped)', description: 'delimited text (, ; or tab) with the column mapping below' },
    ],
  },
  timeColumn: csvColumn('Time column', 'CSV: name of the time column in the header row.', 'e.g. test_time', false),
  potentialColumn: csvColumn('Potential column', 'CSV: name of the cell potential column (V).', 'e.g. voltage', false),
  currentColumn: csvColumn('Current column', 'CSV: name of the current column.', 'e.g. current', false),
  chargeColumn: csvColumn('Charge column', 'CSV: net charge or charge capacity column; empty: integrated from the current.', 'integrate current'),
  dischargeColumn: csvColumn('Discharge column', 'CSV: a discharge-capacity column subtracted from the charge column (cyclers that write both).', 'none'),
  cycleColumn: csvColumn('Cycle column', 'CSV: cycle number column; empty: all rows cycle 0.', 'none'),
  stepColumn: csvColumn('Step column', 'CSV: step number column; empty: all rows step 0.', 'none'),
  indexColumn: csvColumn('Row-number column', 'CSV: a row counter that must go up by 1 per row (refuses files with missing rows).', 'none'),
  timeUnit: unitChoice('Time unit', 'CSV: unit of the time column.', 's', ['s', 'min', 'h']),
  currentUnit: unitChoice('Current unit', 'CSV: unit of the current column (converted to mA).', 'mA', ['A', 'mA', 'uA']),
  chargeUnit: unitChoice('Charge unit', 'CSV: unit of the charge columns (converted to mAh).', 'mAh', ['Ah', 'mAh', 'C']),
  startTime: {
    type: 'string',
    label: 'Start time',
    description:
      'Absolute time of t = 0 for files that do not say it (CSV), as ISO 8601 (2022-07-26T22:38:30). Empty: the time in the file. ' +
      'Given for a file that has one, it replaces it (one file only).',
    default: '',
    pattern: '|\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:?\\d{2})?',
    placeholder: 'from the file',
  },
});

function mappingOf(p: {
  timeColumn: string;
  potentialColumn: string;
  currentColumn: string;
  chargeColumn: string;
  dischargeColumn: string;
  cycleColumn: string;
  stepColumn: string;
  indexColumn: string;
  timeUnit: string;
  currentUnit: string;
  chargeUnit: string;
}): EchemCsvMapping | undefined {
  if (!p.timeColumn.trim() && !p.potentialColumn.trim() && !p.currentColumn.trim()) return undefined;
  return {
    time: p.timeColumn,
    potential: p.potentialColumn,
    current: p.currentColumn,
    charge: p.chargeColumn,
    discharge: p.dischargeColumn,
    cycle: p.cycleColumn,
    step: p.stepColumn,
    index: p.indexColumn,
    timeUnit: p.timeUnit as EchemCsvMapping['timeUnit'],
    currentUnit: p.currentUnit as EchemCsvMapping['currentUnit'],
    chargeUnit: p.chargeUnit as EchemCsvMapping['chargeUnit'],
  };
}

const UNITS = { time: 's', potential: 'V', current: 'mA', charge: 'mAh', cycle: '', step: '' } as const;

export const loadEchemNode = defineNode({
  type: 'io.load-echem',
  version: 1,
  category: 'io',
  title: 'Load electrochemistry',
  help:
    'Reads potentiostat and cycler records into a table of time (s), potential (V), current (mA), charge (mAh), cycle and step, ' +
    'with the absolute start time (meta.timeOrigin) used by register.sync-echem. BioLogic EC-Lab .mpt text (all layouts, decimal ' +
    'commas, "Acquisition started on") and binary .mpr (the reverse-engineered layout of galvani/yadg, checked column by column ' +
    'against the .mpt export of the same runs); Maccor text exports (Amp-hr signed by the step state, as cellpy); Neware BTS CSV (Chg./DChg. Cap. per step → net charge); any delimited ' +
    'text with a column mapping (bad cells, truncated rows and missing rows refused naming file, line and column). EC-Lab columns: ' +
    'Ewe → potential, I or <I> → current (from dq/Δt when only dq is stored), (Q-Qo) → charge, cycle number, Ns → step. Several ' +
    'files are joined in time order: time shifted by the start-time difference, charge and cycle numbers continued.',
  inputs: [],
  outputs: [{ name: 'table', label: 'Echem table', kinds: ['table'] }],
  params,
  async run(_inputs, p, ctx) {
    if (p.files.length === 0) throw new NodeInputError('files: expected at least one file, got none');
    const csv = mappingOf(p);
    let given: ReturnType<typeof parseTimeStamp> | null = null;
    if (p.startTime.trim()) {
      given = parseTimeStamp(p.startTime);
      if ('error' in given) throw new NodeInputError(`startTime: ${given.error}`);
      if (p.files.length > 1) throw new NodeInputError(`startTime: given for ${p.files.length} files: expected one file (each file of a join needs its own start time)`);
    }
    const runs: EchemRun[] = [];
    const sources: SourceFile[] = [];
    const formats = new Set<string>();
    const header: Record<string, string> = {};
    for (let i = 0; i < p.files.length; i++) {
      const ref = p.files[i];
      await ctx.progress((0.9 * i) / p.files.length, `reading ${ref.name}`);
      const bytes = await ctx.files.read(ref);
      sources.push({ name: ref.name, sha256: await ctx.files.hash(ref), size: bytes.byteLength });
      try {
        const file = readEchemFile(bytes, ref.name, { format: p.format as EchemFormat, csv });
        const std = standardEchemColumns(file);
        for (const w of [...file.warnings, ...std.warnings]) ctx.warn(w);
        if (file.rows === 0) ctx.warn(`${ref.name}: no data rows`);
        formats.add(file.format);
        if (i === 0) Object.assign(header, file.header);
        runs.push({ label: ref.name, startTime: given && !('error' in given) ? given : file.startTime, columns: std.columns });
      } catch (err) {
        throw new NodeInputError((err as Error).message.replace(/^(readEchemFile|standardEchemColumns): /, ''));
      }
    }
    await ctx.progress(0.92, 'joining');
    let joined;
    try {
      joined = concatEchemRuns(runs);
    } catch (err) {
      throw new NodeInputError(`files: ${(err as Error).message.replace(/^concatEchemRuns: /, '')}`);
    }
    for (const w of joined.warnings) ctx.warn(w);
    if (!joined.startTime) ctx.warn(`${p.files.map((f) => f.name).join(', ')}: no start time in the file: set "startTime" to synchronise with other data`);
    const c = joined.columns;
    let maxCycle = 0;
    for (const v of c.cycle) if (v > maxCycle) maxCycle = v;
    const attrs: ValueMeta['attrs'] = { format: [...formats].join(', '), records: runs.length, cycles: maxCycle + 1 };
    if (header.technique) attrs.technique = header.technique;
    if (header.Device) attrs.device = header.Device;
    const table: TableValue = {
      kind: 'table',
      rows: c.time.length,
      columns: (Object.keys(UNITS) as (keyof typeof UNITS)[]).map((k) => ({ name: k, unit: UNITS[k], data: c[k] })),
      meta: {
        sources: joined.order.map((label) => sources[p.files.findIndex((f) => f.name === label)]),
        history: [],
        timeOrigin: joined.startTime?.iso,
        attrs,
      },
    };
    await ctx.progress(1);
    return { table };
  },
});
