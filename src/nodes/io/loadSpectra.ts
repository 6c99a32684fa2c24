/**
 * io.load-spectra: reads XDI or column text files into a spectrum (one file) or a time-ordered
 * spectra series (several files) on a shared x axis, with μ formed as Athena does.
 */
import { defineNode, NodeInputError } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import type { SourceFile, SpectraValue, SpectrumValue, ValueMeta } from '../../runtime/values';
import { decodeText } from '../../ops/io/columns/decodeText';
import { parseSpectrumText } from '../../ops/io/columns/parseSpectrumText';
import type { ColumnFile } from '../../ops/io/columns/types';
import { buildMu, type MuMode, type MuSpectrum } from '../../ops/spectrum/buildMu';
import { spectraFromScans } from '../../ops/spectrum/spectraFromScans';

const params = defineParams({
  files: {
    type: 'files',
    label: 'Files',
    description: 'One file gives a spectrum; several give a series ordered by time stamp or name. XDI or text columns.',
    accept: ['.xdi', '.txt', '.dat', '.xmu', '.nor', '.csv', '.xsp', '.r', '.t'],
    multiple: true,
    default: [],
  },
  xColumn: {
    type: 'string',
    label: 'x column',
    description: 'Column used as x (energy). Empty: "energy", else a column whose name contains "energy", else the first.',
    default: '',
    placeholder: 'auto (energy)',
  },
  mode: {
    type: 'enum',
    label: 'μ from',
    description: 'How μ(E) is formed from the columns (as in Athena).',
    default: 'auto',
    options: [
      { value: 'auto', label: 'auto', description: 'a μ column (mutrans, mufluor, normalized…) if present, else transmission, else fluorescence' },
      { value: 'column', label: 'column', description: 'μ is the column named in "μ column"' },
      { value: 'transmission', label: 'transmission', description: 'μ = ln(I0 / It)' },
      { value: 'fluorescence', label: 'fluorescence', description: 'μ = If / I0' },
    ],
  },
  muColumn: {
    type: 'string',
    label: 'μ column',
    description: 'Mode "column": the column holding μ. Empty: mutrans, mufluor, mu, xmu, normalized, norm or flat.',
    default: '',
    placeholder: 'auto',
  },
  i0Column: {
    type: 'string',
    label: 'I0 column',
    description: 'Incident intensity. Empty: i0 (or io, imon).',
    default: '',
    placeholder: 'i0',
    advanced: true,
  },
  itColumn: {
    type: 'string',
    label: 'It column',
    description: 'Transmitted intensity. Empty: itrans (or it, i1).',
    default: '',
    placeholder: 'itrans',
    advanced: true,
  },
  ifColumn: {
    type: 'string',
    label: 'If column',
    description: 'Fluorescence intensity. Empty: ifluor (or if, ifl, fluor).',
    default: '',
    placeholder: 'ifluor',
    advanced: true,
  },
  order: {
    type: 'enum',
    label: 'Order',
    description: 'Order of the frames of a series: by the time stamp in each header, or by file name (numbers in names compared as numbers).',
    default: 'time',
    options: [
      { value: 'time', label: 'time stamp' },
      { value: 'name', label: 'file name' },
    ],
  },
});

/** Header attributes kept on the value (XDI element/edge, beamline). */
const ATTR_KEYS: Record<string, string> = {
  'element.symbol': 'element',
  'element.edge': 'edge',
  'mono.d_spacing': 'monoDSpacing',
  'mono.name': 'mono',
  'beamline.name': 'beamline',
  'facility.name': 'facility',
  'sample.name': 'sample',
};

function attrsOf(file: ColumnFile): ValueMeta['attrs'] {
  const attrs: ValueMeta['attrs'] = { format: file.format };
  for (const [k, v] of Object.entries(file.header)) {
    const name = ATTR_KEYS[k.toLowerCase()];
    if (name) attrs[name] = v;
  }
  return attrs;
}

export const loadSpectraNode = defineNode({
  type: 'io.load-spectra',
  version: 1,
  category: 'io',
  title: 'Load spectra',
  help:
    'Reads XAS/XRD spectra from XDI 1.0 files (checked against the XDI specification and its bad-file suite) ' +
    'or text column files (beamline exports such as SOLEIL extranormal, Athena column exports, CSV). ' +
    'μ(E) is a named column, ln(I0/It) (transmission) or If/I0 (fluorescence), as in Athena. ' +
    'Several files become a spectra series on a shared x axis (interpolated onto the first file when the axes differ), ' +
    'ordered by the header time stamps, with time in seconds since the earliest one. Headers without a time zone are ' +
    'taken as the beamline clock and kept without a zone.',
  inputs: [],
  outputs: [{ name: 'spectra', label: 'Spectra', kinds: ['spectrum', 'spectra'] }],
  params,
  async run(_inputs, p, ctx) {
    if (p.files.length === 0) throw new NodeInputError('files: expected at least one file, got none');
    const scans: { label: string; mu: MuSpectrum; file: ColumnFile }[] = [];
    const sources: SourceFile[] = [];
    for (let i = 0; i < p.files.length; i++) {
      const ref = p.files[i];
      await ctx.progress(i / p.files.length, `reading ${ref.name}`);
      const bytes = await ctx.files.read(ref);
      const sha256 = await ctx.files.hash(ref);
      sources.push({ name: ref.name, sha256, size: bytes.byteLength });
      const { text } = decodeText(bytes);
      let file: ColumnFile;
      let mu: MuSpectrum;
      try {
        file = parseSpectrumText(text, ref.name);
        mu = buildMu(file, {
          mode: p.mode as MuMode,
          xColumn: p.xColumn.trim(),
          muColumn: p.muColumn.trim(),
          i0Column: p.i0Column.trim(),
          itColumn: p.itColumn.trim(),
          ifColumn: p.ifColumn.trim(),
        });
      } catch (err) {
        throw new NodeInputError((err as Error).message);
      }
      for (const w of [...file.warnings, ...mu.warnings]) ctx.warn(w);
      scans.push({ label: ref.name, mu, file });
    }
    await ctx.progress(0.95, 'assembling');

    const first = scans[0];
    for (const s of scans.slice(1)) {
      if (s.mu.xAxis.unit !== first.mu.xAxis.unit)
        throw new NodeInputError(
          `${s.label}: x column "${s.mu.xAxis.name}" is in "${s.mu.xAxis.unit}" but ${first.label} is in "${first.mu.xAxis.unit}": expected the same unit in every file`,
        );
    }
    if (scans.length === 1) {
      const spectrum: SpectrumValue = {
        kind: 'spectrum',
        x: first.mu.x,
        y: first.mu.y,
        xAxis: first.mu.xAxis,
        yAxis: first.mu.yAxis,
        meta: {
          sources,
          history: [],
          timeOrigin: first.file.startTime?.iso,
          attrs: attrsOf(first.file),
        },
      };
      return { spectra: spectrum };
    }
    let series;
    try {
      series = spectraFromScans(
        scans.map((s) => ({ label: s.label, x: s.mu.x, y: s.mu.y, startTime: s.file.startTime })),
        { order: p.order as 'time' | 'name' },
      );
    } catch (err) {
      throw new NodeInputError((err as Error).message);
    }
    for (const w of series.warnings) ctx.warn(w);
    const head = scans[series.order[0]];
    const value: SpectraValue = {
      kind: 'spectra',
      x: series.x,
      y: series.y,
      frames: series.frames,
      points: series.points,
      time: series.time,
      frameLabels: series.labels,
      xAxis: head.mu.xAxis,
      yAxis: head.mu.yAxis,
      meta: {
        sources: series.order.map((k) => sources[k]),
        history: [],
        timeOrigin: series.timeOrigin,
        attrs: attrsOf(head.file),
      },
    };
    await ctx.progress(1);
    return { spectra: value };
  },
});
