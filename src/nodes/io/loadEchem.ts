/**
 * io.load-echem: reads potentiostat / cycler files (BioLogic .mpt and .mpr, Maccor text, delimited
 * text with a column mapping guessed from the names and shown as lists in the inspector) into one electrochemistry table — time (s), potential (V), current
 * (mA), charge (mAh), cycle, step — with the absolute start time as `meta.timeOrigin`. Several files
 * of one cell (a run and its continuation) are joined in time order.
 */
import { defineNode, NodeInputError, type RunContext } from '../../runtime/nodeDefinition';
import { defineParams, type EnumParam } from '../../runtime/params';
import type { SourceFile, TableValue, ValueMeta } from '../../runtime/values';
import { parseTimeStamp } from '../../ops/io/columns/parseTimeStamp';
import { concatEchemRuns, type EchemRun } from '../../ops/io/echem/concatEchemRuns';
import type { EchemCsvRole } from '../../ops/io/echem/guessEchemMapping';
import { NO_COLUMN, type EchemCsvMapping } from '../../ops/io/echem/parseEchemCsv';
import { readEchemCsvColumns } from '../../ops/io/echem/readEchemCsvColumns';
import { readEchemFile, sniffEchemFormat, type EchemFormat } from '../../ops/io/echem/readEchemFile';
import { standardEchemColumns } from '../../ops/io/echem/standardEchemColumns';

/** A column role: empty = guessed from the names; after a run the inspector lists the file's columns. */
const csvColumn = (label: string, description: string, optional: boolean, advanced = false) =>
  ({
    type: 'string',
    label,
    description: `${description} Empty: guessed from the column names${optional ? `; "${NO_COLUMN}": not in the file` : ''}.`,
    default: '',
    placeholder: 'auto (from the column names)',
    advanced,
  }) as const;

const unitChoice = (label: string, description: string, units: string[]): EnumParam => ({
  type: 'enum',
  label,
  description,
  default: 'auto',
  advanced: true,
  options: [
    { value: 'auto', label: 'auto', description: 'from the column name, e.g. "Current(A)"; the first unit listed when the name has none' },
    ...units.map((u) => ({ value: u, label: u === 'uA' ? 'µA' : u })),
  ],
});

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
    description: 'Reader to use. Auto recognises EC-Lab text and binary files, Maccor and Neware exports by their content; other text is read as delimited text with the column mapping below (guessed from the column names).',
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
  timeColumn: csvColumn('Time column', "CSV: the column of the test time (after a run: a list of the file's columns).", false),
  potentialColumn: csvColumn('Potential column', 'CSV: the column of the cell potential.', false),
  currentColumn: csvColumn('Current column', 'CSV: the column of the current.', false),
  chargeColumn: csvColumn('Charge column', 'CSV: net charge or charge capacity; none: integrated from the current.', true),
  dischargeColumn: csvColumn('Discharge column', 'CSV: a discharge capacity subtracted from the charge column (cyclers that write both).', true),
  cycleColumn: csvColumn('Cycle column', 'CSV: the cycle number; none: all rows cycle 0.', true),
  stepColumn: csvColumn('Step column', 'CSV: the step number; none: all rows step 0.', true),
  indexColumn: csvColumn('Row-number column', 'CSV: a row counter; a jump warns that rows are missing from the export.', true, true),
  timeUnit: unitChoice('Time unit', 'CSV: unit of the time column.', ['s', 'min', 'h']),
  potentialUnit: unitChoice('Potential unit', 'CSV: unit of the potential column (converted to V).', ['V', 'mV']),
  currentUnit: unitChoice('Current unit', 'CSV: unit of the current column (converted to mA).', ['mA', 'A', 'uA']),
  chargeUnit: unitChoice('Charge unit', 'CSV: unit of the charge columns (converted to mAh).', ['mAh', 'Ah', 'C']),
  badRows: {
    type: 'enum',
    label: 'Bad rows',
    description: 'CSV: rows with an empty, infinite or non-numeric cell in a mapped column.',
    default: 'refuse',
    advanced: true,
    options: [
      { value: 'refuse', label: 'refuse', description: 'the file is refused, listing the lines and columns' },
      { value: 'drop', label: 'drop with a warning', description: 'those rows are left out; the warning lists them' },
    ],
  },
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

/** Parameter of each CSV column role. */
const ROLE_PARAMS: [EchemCsvRole, string][] = [
  ['time', 'timeColumn'],
  ['potential', 'potentialColumn'],
  ['current', 'currentColumn'],
  ['charge', 'chargeColumn'],
  ['discharge', 'dischargeColumn'],
  ['cycle', 'cycleColumn'],
  ['step', 'stepColumn'],
  ['index', 'indexColumn'],
];
const REQUIRED_ROLES = new Set<EchemCsvRole>(['time', 'potential', 'current']);

function mappingOf(p: Record<string, unknown>): EchemCsvMapping {
  const unit = <T extends string>(v: unknown) => (v === 'auto' ? undefined : (v as T));
  const m: EchemCsvMapping = {
    timeUnit: unit(p.timeUnit),
    potentialUnit: unit(p.potentialUnit),
    currentUnit: unit(p.currentUnit),
    chargeUnit: unit(p.chargeUnit),
    badRows: p.badRows === 'drop' ? 'drop' : 'refuse',
  };
  for (const [role, param] of ROLE_PARAMS) m[role] = String(p[param] ?? '');
  return m;
}

/** v1 → v2: v1 read an empty column as "none" and fixed units s/mA/mAh; v2 guesses both from the names. */
function migrateV1(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { timeUnit: 's', currentUnit: 'mA', chargeUnit: 'mAh', ...params };
  const mapped = ['timeColumn', 'potentialColumn', 'currentColumn'].some((k) => typeof params[k] === 'string' && (params[k] as string).trim() !== '');
  if (mapped)
    for (const k of ['chargeColumn', 'dischargeColumn', 'cycleColumn', 'stepColumn', 'indexColumn'])
      if (typeof out[k] !== 'string' || (out[k] as string).trim() === '') out[k] = NO_COLUMN;
  return out;
}

const UNITS = { time: 's', potential: 'V', current: 'mA', charge: 'mAh', cycle: '', step: '' } as const;

/** The file's columns as the choices of each column parameter, "auto" naming the guess (before reading, so a refusal still shows them). */
function offerColumns(bytes: Uint8Array, fileName: string, mapping: EchemCsvMapping, ctx: RunContext): void {
  const cols = readEchemCsvColumns(bytes, fileName, mapping);
  if (!cols || !ctx.offerChoices) return;
  const names = cols.names.filter((n) => n !== '');
  for (const [role, param] of ROLE_PARAMS) {
    const auto = cols.guessed[role];
    const options = [{ value: '', label: auto ? `auto: ${auto}` : REQUIRED_ROLES.has(role) ? 'auto: not found — choose' : 'auto: none' }];
    if (!REQUIRED_ROLES.has(role)) options.push({ value: NO_COLUMN, label: 'none' });
    ctx.offerChoices(param, { options: [...options, ...names.map((n) => ({ value: n, label: n }))] });
  }
}

export const loadEchemNode = defineNode({
  type: 'io.load-echem',
  version: 2,
  category: 'io',
  title: 'Load electrochemistry',
  help:
    'Reads potentiostat and cycler records into a table of time (s), potential (V), current (mA), charge (mAh), cycle and step, ' +
    'with the absolute start time (meta.timeOrigin) used by register.sync-echem. BioLogic EC-Lab .mpt text (all layouts, decimal ' +
    'commas, "Acquisition started on") and binary .mpr (the reverse-engineered layout of galvani/yadg, checked column by column ' +
    'against the .mpt export of the same runs); Maccor text exports (Amp-hr signed by the step state, as cellpy); Neware BTS CSV (Chg./DChg. Cap. per step → net charge); any delimited ' +
    'text (`;`, tab or `,`, decimal commas; a declared header block such as cellpy\'s "number of headers" is skipped) with a column mapping ' +
    'guessed from the names (test_time, Voltage(V), Current(A), Cycle_Index …) and offered as lists of the file\'s columns after a run; units ' +
    'from the names; bad cells refused listing line and column (or dropped with a warning), a truncated last row dropped with a warning, ' +
    'missing rows and skipped cycles warned. EC-Lab columns: ' +
    'Ewe → potential, I or <I> → current (from dq/Δt when only dq is stored), (Q-Qo) → charge, cycle number, Ns → step. Several ' +
    'files are joined in time order: time shifted by the start-time difference, charge and cycle numbers continued.',
  inputs: [],
  outputs: [{ name: 'table', label: 'Echem table', kinds: ['table'] }],
  params,
  migrate: (from, params) => (from < 2 ? migrateV1(params) : params),
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
      if (i === 0 && (p.format === 'csv' || (p.format === 'auto' && sniffEchemFormat(bytes) === 'csv'))) offerColumns(bytes, ref.name, csv, ctx);
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
