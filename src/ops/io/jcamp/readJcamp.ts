/**
 * Reads a JCAMP-DX file (IUPAC JCAMP-DX 4.24 / 5 / 6: AFFN and all ASDF compressions — SQZ, DIF,
 * DUP, PAC —, peak tables, NTUPLES pages, LINK blocks) with jcampconverter (cheminfo, MIT, pinned
 * to 10.0.2, the last MIT release) and checks what that lenient parser accepts silently: the block
 * structure (`checkJcampStructure`), finite values, and the point count and first/last x against
 * the header's NPOINTS/VAR_DIM and FIRSTX/LASTX (warnings name the block and the header field).
 *
 * jcampconverter turns the x axis of NMR data into ppm whenever `##.OBSERVE FREQUENCY` is known
 * (dividing Hz by the frequency in MHz; Bruker's `##$OFFSET` sets the first point), so an NMR
 * spectrum comes out in ppm; `jcampToSpectra` can give it back in Hz.
 */
import { convert, type Entry, type Spectrum } from 'jcampconverter';
import { decodeText } from '../columns/decodeText';
import { TextFormatError } from '../columns/TextFormatError';
import { checkJcampStructure } from './checkJcampStructure';
import { jcampAxis } from './jcampAxis';

export interface JcampPage {
  /** `N=1`, `F1=0`… for NTUPLES pages; the y variable name otherwise. */
  label: string;
  x: Float64Array;
  y: Float64Array;
  yAxis: { name: string; unit: string };
}

export interface JcampBlock {
  /** 1-based position among the blocks that hold data (the `block` parameter of io.load-jcamp). */
  index: number;
  title: string;
  /** `NMR SPECTRUM`, `NMR FID`, `INFRARED SPECTRUM`… as written ('' when absent). */
  dataType: string;
  /** Line of the block's `##TITLE=`. */
  line: number;
  xAxis: { name: string; unit: string };
  pages: JcampPage[];
  /** `##.OBSERVE FREQUENCY`, MHz (NMR). */
  observeFrequency?: number;
  /** `##.OBSERVE NUCLEUS` without its `^` (`1H`, `13C`). */
  nucleus?: string;
  /** Data given as a peak table (x,y pairs) rather than an evenly spaced XYDATA. */
  peakTable: boolean;
  /** Header records worth carrying as metadata (title, data type, origin, owner, date, spectrometer, solvent…). */
  attrs: Record<string, string | number>;
  warnings: string[];
}

export interface JcampFile {
  blocks: JcampBlock[];
  /** Titles of the blocks without data (the LINK block of an NTUPLES file, empty structure blocks). */
  emptyBlocks: string[];
  warnings: string[];
}

/** Header records kept as metadata: canonical jcampconverter label → attribute name. */
const ATTRS: Record<string, string> = {
  JCAMPDX: 'jcampVersion',
  DATACLASS: 'dataClass',
  ORIGIN: 'origin',
  OWNER: 'owner',
  DATE: 'date',
  LONGDATE: 'longDate',
  TIME: 'time',
  'SPECTROMETER/DATASYSTEM': 'spectrometer',
  '.SOLVENTNAME': 'solvent',
  '.PULSESEQUENCE': 'pulseSequence',
  '.FIELD': 'field',
  '.AVERAGES': 'averages',
  '.SHIFTREFERENCE': 'shiftReference',
};
const KEEP = /^(JCAMPDX|DATACLASS|ORIGIN|OWNER|DATE|LONGDATE|TIME|SPECTROMETER\/DATASYSTEM|\.SOLVENTNAME|\.PULSESEQUENCE|\.FIELD|\.AVERAGES|\.SHIFTREFERENCE|\.OBSERVENUCLEUS)$/;

const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);
const scalar = (v: unknown): string | number | undefined => {
  const x = first(v);
  if (typeof x === 'number' && Number.isFinite(x)) return x;
  if (typeof x !== 'string') return undefined;
  // a value ends where a `$$` comment starts (vendor notes continue it on the next lines)
  const s = x.split('$$')[0].replace(/\s+/g, ' ').trim();
  return /[A-Za-z0-9]/.test(s) ? s.slice(0, 200) : undefined;
};

export function readJcamp(input: Uint8Array | string, fileName: string): JcampFile {
  const text = typeof input === 'string' ? input : decodeText(input).text;
  const titleLines = checkJcampStructure(text, fileName);
  let result;
  try {
    result = convert(text, { keepRecordsRegExp: KEEP, keepSpectra: true, noContour: true, canonicDataLabels: true });
  } catch (e) {
    throw new TextFormatError(fileName, null, `cannot read the JCAMP-DX data: ${e instanceof Error ? e.message : String(e)}`);
  }
  const blocks: JcampBlock[] = [];
  const emptyBlocks: string[] = [];
  let parentTitle = '';
  result.flatten.forEach((entry, k) => {
    // the pages of a LINK file have empty titles: they take the title of the LINK block
    const own = (entry.title ?? '').replace(/\s+/g, ' ').trim();
    const title = own || parentTitle;
    if (own) parentTitle = own;
    const line = titleLines[k] ?? titleLines[0];
    const spectra = (entry.spectra ?? []).filter((s) => s.data && Array.isArray(s.data.x) && s.data.x.length > 0);
    if (spectra.length === 0) {
      emptyBlocks.push(title || `(untitled, line ${line})`);
      return;
    }
    blocks.push(toBlock(entry, spectra, { index: blocks.length + 1, title, line, fileName }));
  });
  if (blocks.length === 0) {
    const n = result.flatten.length;
    throw new TextFormatError(
      fileName,
      null,
      `no data: ${n} block${n === 1 ? '' : 's'} (${emptyBlocks.slice(0, 5).map((t) => `"${t}"`).join(', ')}) but none holds ` +
        '##XYDATA=, ##PEAK TABLE=, ##XYPOINTS= or ##DATA TABLE= values: expected a spectrum',
    );
  }
  return { blocks, emptyBlocks, warnings: blocks.flatMap((b) => b.warnings) };
}

function toBlock(entry: Entry, spectra: Spectrum[], at: { index: number; title: string; line: number; fileName: string }): JcampBlock {
  const name = `${at.fileName}, block ${at.index} "${at.title}" (line ${at.line})`;
  const s0 = spectra[0];
  const warnings: string[] = [];
  const ntuples = Array.isArray(entry.ntuples) ? (entry.ntuples as Record<string, unknown>[]) : [];
  const pages: JcampPage[] = spectra.map((s, p) => {
    const x = Float64Array.from(s.data.x);
    const y = Float64Array.from(s.data.y);
    const where = spectra.length > 1 ? `${name}, page ${s.page ?? p + 1}` : name;
    if (y.length !== x.length) throw new TextFormatError(at.fileName, at.line, `${where}: ${x.length} x values but ${y.length} y values`);
    for (let i = 0; i < x.length; i++)
      if (!Number.isFinite(x[i]) || !Number.isFinite(y[i]))
        throw new TextFormatError(at.fileName, at.line, `${where}: point ${i + 1} is not a finite number (x ${x[i]}, y ${y[i]}): expected numbers`);
    const yAxis = jcampAxis(typeof s.yUnits === 'string' ? s.yUnits : undefined, 'intensity');
    return { label: typeof s.page === 'string' && s.page ? s.page : yAxis.name, x, y, yAxis };
  });
  // NTUPLES pages are best told apart by their variable (spectrum/real, spectrum/imag) when those differ
  if (pages.length > 1 && new Set(pages.map((p) => p.yAxis.name)).size === pages.length) for (const p of pages) p.label = p.yAxis.name;
  // header checks: point count and first/last x (jcampconverter keeps FIRSTX/LASTX converted like the data)
  const declared = typeof s0.nbPoints === 'number' && Number.isFinite(s0.nbPoints) ? s0.nbPoints : undefined;
  const field = ntuples.length ? 'VAR_DIM' : 'NPOINTS';
  for (const pg of pages) {
    if (declared !== undefined && declared !== pg.x.length && !s0.isPeaktable)
      warnings.push(`${name}${pages.length > 1 ? `, page ${pg.label}` : ''}: ##${field}= declares ${declared} points, the data holds ${pg.x.length}`);
    if (declared !== undefined && declared !== pg.x.length && s0.isPeaktable)
      warnings.push(`${name}: ##${field}= declares ${declared} points, the peak table holds ${pg.x.length}`);
  }
  const x = pages[0].x;
  const step = x.length > 1 ? Math.abs(x[1] - x[0]) : 0;
  const tol = Math.max(step * 0.5, 1e-9 * Math.max(Math.abs(x[0]), 1));
  if (!s0.isPeaktable) {
    if (typeof s0.firstX === 'number' && Math.abs(s0.firstX - x[0]) > tol) warnings.push(`${name}: ##FIRSTX= is ${s0.firstX}, the first point is at ${x[0]}`);
    if (typeof s0.lastX === 'number' && Math.abs(s0.lastX - x[x.length - 1]) > tol)
      warnings.push(`${name}: ##LASTX= is ${s0.lastX}, the last point is at ${x[x.length - 1]}`);
  }
  const attrs: Record<string, string | number> = { title: at.title };
  if (entry.dataType) attrs.dataType = entry.dataType;
  for (const [label, key] of Object.entries(ATTRS)) {
    const v = scalar(entry.info[label]);
    if (v !== undefined) attrs[key] = v;
  }
  const nucleusRaw = scalar(entry.info['.OBSERVENUCLEUS']);
  const nucleus = typeof nucleusRaw === 'string' ? nucleusRaw.replace(/[^A-Za-z0-9]/g, '') : undefined;
  const observeFrequency = typeof s0.observeFrequency === 'number' && s0.observeFrequency > 0 ? s0.observeFrequency : undefined;
  if (nucleus) attrs.observeNucleus = nucleus;
  if (observeFrequency !== undefined) attrs.observeFrequency_MHz = observeFrequency;
  if (pages.length > 1) attrs.pages = pages.map((p) => p.label).join(', ');
  const xAxis = jcampAxis(typeof s0.xUnits === 'string' ? s0.xUnits : undefined, 'x');
  return { index: at.index, title: at.title, dataType: entry.dataType ?? '', line: at.line, xAxis, pages, observeFrequency, nucleus, peakTable: !!s0.isPeaktable, attrs, warnings };
}
