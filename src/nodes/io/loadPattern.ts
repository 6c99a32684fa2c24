/**
 * io.load-pattern: reads 1-D diffraction patterns (.xy, .xye, FIT2D .chi, .dat, .csv, PANalytical
 * .xrdml) into a spectrum (one pattern) or a spectra series (several), on 2θ (°) or q (Å⁻¹).
 */
import { defineNode, NodeInputError } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import type { AxisInfo, SourceFile, SpectraValue, SpectrumValue, Value, ValueMeta } from '../../runtime/values';
import { decodeText } from '../../ops/io/columns/decodeText';
import { convertPatternAxis } from '../../ops/io/xrd/convertPatternAxis';
import { parsePattern, PATTERN_EXTENSIONS } from '../../ops/io/xrd/parsePattern';
import type { PatternAxis, XrdPattern } from '../../ops/io/xrd/types';
import { spectraFromScans } from '../../ops/spectrum/spectraFromScans';
import { readFileRefs } from './readFileRefs';

const params = defineParams({
  files: {
    type: 'files',
    label: 'Files',
    description:
      'One pattern gives a spectrum; several (or an .xrdml with several scans) give a series ordered by time stamp or name. ' +
      '.xy/.xye/.dat/.csv columns, FIT2D .chi, PANalytical .xrdml.',
    accept: PATTERN_EXTENSIONS,
    multiple: true,
    default: [],
  },
  xAxis: {
    type: 'enum',
    label: 'x axis',
    description: 'Keep the axis of the file, or convert to 2θ (°) or q (Å⁻¹) by Bragg\'s law q = 4π·sin(θ)/λ (needs the wavelength).',
    default: 'file',
    options: [
      { value: 'file', label: 'as in the file' },
      { value: 'twoTheta', label: '2θ (°)' },
      { value: 'q', label: 'q (Å⁻¹)' },
    ],
  },
  wavelength: {
    type: 'number',
    label: 'Wavelength',
    description: 'X-ray wavelength for the 2θ ↔ q conversion. Auto: the one in the file (xrdml Kα1, pyFAI/Dioptas header).',
    default: null,
    nullable: true,
    nullLabel: 'from the file',
    min: 0,
    exclusiveMin: true,
    unit: 'Å',
  },
  order: {
    type: 'enum',
    label: 'Order',
    description: 'Order of the frames of a series: by the start time in each file (xrdml, headers), or by file name (numbers compared as numbers).',
    default: 'time',
    options: [
      { value: 'time', label: 'time stamp' },
      { value: 'name', label: 'file name' },
    ],
  },
});

const AXES: Record<PatternAxis, AxisInfo> = {
  twoTheta: { name: '2θ', unit: '°' },
  q: { name: 'q', unit: 'Å⁻¹' },
};

const ATTR_KEYS = ['instrument', 'anode', 'kAlpha1', 'kAlpha2', 'ratioKAlpha2KAlpha1', 'sample', 'countingTime', 'scanMode', 'title'];

function attrsOf(p: XrdPattern, wavelength: number | null): ValueMeta['attrs'] {
  const attrs: ValueMeta['attrs'] = { format: p.format };
  for (const k of ATTR_KEYS) if (p.attrs[k] !== undefined) attrs[k] = p.attrs[k];
  if (wavelength !== null) attrs.wavelength = wavelength;
  return attrs;
}

export const loadPatternNode = defineNode({
  type: 'io.load-pattern',
  version: 1,
  category: 'io',
  title: 'Load XRD pattern',
  help:
    'Reads 1-D diffraction patterns: .xy/.dat/.csv columns (pyFAI/Dioptas headers give the wavelength; a "q" column means q, ' +
    'nm⁻¹ converted to Å⁻¹), .xye (third column σ, on the "sigma" output), FIT2D .chi, and PANalytical .xrdml (2θ grid, ' +
    'counts, Kα1 as wavelength, Kα2 and the anode in the metadata, start time). The x axis is kept or converted between ' +
    '2θ and q by Bragg\'s law (q = 4π·sin(θ)/λ, as pyFAI and GSAS-II). Several patterns become a series on a shared axis ' +
    '(interpolated onto the first when they differ), ordered by start time or name, time in seconds since the first.',
  inputs: [],
  outputs: [
    { name: 'pattern', label: 'Pattern', kinds: ['spectrum', 'spectra'] },
    { name: 'sigma', label: 'σ', kinds: ['spectrum', 'spectra'], description: 'Standard uncertainty of the intensity, when every file has one (.xye).' },
  ],
  params,
  async run(_inputs, p, ctx) {
    if (p.files.length === 0) throw new NodeInputError('files: expected at least one pattern file, got none');
    const { items, sources } = await readFileRefs(p.files, ctx, (bytes, ref) => parsePattern(decodeText(bytes).text, ref.name));
    const patterns: XrdPattern[] = [];
    const sourceOf = new Map<XrdPattern, SourceFile>();
    items.forEach((read, i) => {
      for (const pat of read) {
        for (const w of pat.warnings) ctx.warn(w);
        sourceOf.set(pat, sources[i]);
        patterns.push(pat);
      }
    });
    await ctx.progress(0.9, 'converting');

    const target: PatternAxis = p.xAxis === 'file' ? patterns[0].axis : (p.xAxis as PatternAxis);
    const xs = patterns.map((pat) => {
      if (pat.axis === target) return pat.x;
      const wl = p.wavelength ?? pat.wavelength;
      if (wl === null)
        throw new NodeInputError(
          p.xAxis === 'file'
            ? `${pat.label}: x is ${AXES[pat.axis].name} but ${patterns[0].label} is ${AXES[target].name}; set wavelength (Å) to convert, or choose an x axis`
            : `wavelength: ${pat.label} gives no wavelength, so its ${AXES[pat.axis].name} cannot be converted to ${AXES[target].name}: expected a wavelength in Å`,
        );
      try {
        // Both directions keep x increasing (sin and asin are monotonic on the 2θ ∈ [0°, 180°] range).
        return convertPatternAxis(pat.x, pat.axis, target, wl);
      } catch (err) {
        throw new NodeInputError(`${pat.label}: ${(err as Error).message}`);
      }
    });
    const wavelength = p.wavelength ?? patterns[0].wavelength;
    const head = patterns[0];
    const yAxis: AxisInfo = { name: head.yName, unit: head.yUnit };
    const withSigma = patterns.every((pat) => pat.sigma !== null);

    if (patterns.length === 1) {
      const meta: ValueMeta = { sources, history: [], timeOrigin: head.startTime?.iso, attrs: attrsOf(head, wavelength) };
      const out: Record<string, Value> = {};
      const spectrum: SpectrumValue = { kind: 'spectrum', x: xs[0], y: head.y, xAxis: AXES[target], yAxis, meta };
      out.pattern = spectrum;
      if (withSigma)
        out.sigma = { ...spectrum, y: head.sigma!, yAxis: { name: `σ(${yAxis.name})`, unit: yAxis.unit }, meta: { ...meta, attrs: { ...meta.attrs } } };
      await ctx.progress(1);
      return out;
    }

    const series = (ys: Float64Array[]) => {
      try {
        return spectraFromScans(
          patterns.map((pat, k) => ({ label: pat.label, x: xs[k], y: ys[k], startTime: pat.startTime })),
          { order: p.order as 'time' | 'name' },
        );
      } catch (err) {
        throw new NodeInputError((err as Error).message);
      }
    };
    const s = series(patterns.map((pat) => pat.y));
    for (const w of s.warnings) ctx.warn(w);
    const first = patterns[s.order[0]];
    const ordered: SourceFile[] = [];
    for (const k of s.order) {
      const src = sourceOf.get(patterns[k])!;
      if (!ordered.includes(src)) ordered.push(src);
    }
    const meta: ValueMeta = { sources: ordered, history: [], timeOrigin: s.timeOrigin, attrs: attrsOf(first, wavelength) };
    const make = (y: Float64Array, axis: AxisInfo): SpectraValue => ({
      kind: 'spectra',
      x: s.x,
      y,
      frames: s.frames,
      points: s.points,
      time: s.time,
      frameLabels: s.labels,
      xAxis: AXES[target],
      yAxis: axis,
      meta: { ...meta, attrs: { ...meta.attrs } },
    });
    const out: Record<string, Value> = { pattern: make(s.y, yAxis) };
    if (withSigma) out.sigma = make(series(patterns.map((pat) => pat.sigma!)).y, { name: `σ(${yAxis.name})`, unit: yAxis.unit });
    await ctx.progress(1);
    return out;
  },
});
