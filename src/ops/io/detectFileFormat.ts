/**
 * Which format a data file is and which loader node reads it — the one decision shared by
 * `operando-flow inspect` (src/cli/inspectLoaders.ts) and the studio's drop routing
 * (src/editor/fileRouting.ts), so that dropping a file creates the loader that inspect reports.
 * It looks at the name and the first bytes only (≤ 4 KiB: a browser reads them with
 * `file.slice(0, 4096)`): content signatures first, so a TIFF named `.dat` is still a TIFF, then
 * the extension. Pure: no I/O, no dependencies.
 */
import { looksLikeEchemCsv } from './echem/looksLikeEchemCsv';

export interface FileFormat {
  /** Format id, also the name of inspect's loader for it. */
  format: string;
  /** Type of the node that loads it in a workflow. */
  node: string;
  /** Lower-case extensions with the dot that select it when no signature does. */
  extensions: readonly string[];
  /** Recognises the file from its first bytes (`text` is the same bytes as Latin-1). */
  sniff?: (head: Uint8Array, text: string) => boolean;
  /** Must also hold when only the extension matched (generic extensions such as `.r`). */
  confirm?: (head: Uint8Array, text: string) => boolean;
  /** Extension matches are skipped when this file name is not of the format. */
  names?: RegExp;
}

/** The first bytes of a file as Latin-1 text (one character per byte). */
export function headText(head: Uint8Array): string {
  let s = '';
  const n = Math.min(head.length, 4096);
  for (let i = 0; i < n; i++) s += String.fromCharCode(head[i]);
  return s;
}

export function fileExtension(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const i = base.lastIndexOf('.');
  return i < 0 ? '' : base.slice(i).toLowerCase();
}

/** Classic TIFF (42) or BigTIFF (43), either byte order. */
const isTiff = (h: Uint8Array) =>
  (h[0] === 0x49 && h[1] === 0x49 && (h[2] === 42 || h[2] === 43) && h[3] === 0) ||
  (h[0] === 0x4d && h[1] === 0x4d && h[2] === 0 && (h[3] === 42 || h[3] === 43));
/** Pilatus/Eiger TIFFs carry their "# Pixel_size …" header in the ImageDescription near the start. */
const pilatusHead = (s: string) => /# Pixel_size|PILATUS|EIGER/i.test(s);
/** Two or more numbers on the first non-empty line: a headerless column file. */
const numericColumns = (_h: Uint8Array, s: string) => /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?([ \t,;]+[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)+\s*(\r?\n|$)/.test(s);

/** In order of precedence (signatures are tried in this order, then extensions). */
export const FILE_FORMATS: readonly FileFormat[] = [
  { format: 'pilatus-tiff', node: 'io.load-detector-image', extensions: [], sniff: (h, s) => isTiff(h) && pilatusHead(s) },
  { format: 'tiff', node: 'io.load-image', extensions: ['.tif', '.tiff'], sniff: (h) => isTiff(h) },
  { format: 'hdf5', node: 'io.load-hdf5', extensions: ['.h5', '.hdf5', '.hdf', '.he5', '.nxs', '.nx5', '.cxi'], sniff: (h) => h[0] === 0x89 && h[1] === 0x48 && h[2] === 0x44 && h[3] === 0x46 },
  { format: 'edf', node: 'io.load-detector-image', extensions: ['.edf'], sniff: (h, s) => h[0] === 0x7b && /Dim_1\s*=/.test(s) },
  { format: 'biologic-mpr', node: 'io.load-echem', extensions: ['.mpr'], sniff: (_h, s) => s.startsWith('BIO-LOGIC MODULAR FILE') },
  { format: 'biologic-mpt', node: 'io.load-echem', extensions: ['.mpt'], sniff: (_h, s) => /^EC-Lab ASCII FILE/.test(s) },
  { format: 'maccor', node: 'io.load-echem', extensions: [], sniff: (_h, s) => /(^|\n)Rec#\t/.test(s) },
  { format: 'neware', node: 'io.load-echem', extensions: [], sniff: (_h, s) => /^DataPoint,Cycle Index,Step Index,/.test(s) },
  // delimited cycler exports whose column names give time, potential and current (cellpy custom, Arbin-like)
  { format: 'echem-csv', node: 'io.load-echem', extensions: [], sniff: (_h, s) => looksLikeEchemCsv(s) },
  { format: 'xrdml', node: 'io.load-pattern', extensions: ['.xrdml'], sniff: (_h, s) => /^\s*(<\?xml[^>]*>\s*)?<xrdMeasurements/.test(s) },
  { format: 'xdi', node: 'io.load-spectra', extensions: ['.xdi'], sniff: (_h, s) => /^(\u00EF\u00BB\u00BF)?#\s*XDI\//i.test(s) },
  { format: 'jcamp', node: 'io.load-jcamp', extensions: ['.jdx', '.dx', '.jcamp', '.jcm'], sniff: (_h, s) => /^(\u00EF\u00BB\u00BF)?\s*##\s*TITLE\s*=/i.test(s) },
  { format: 'als-stxm', node: 'io.load-stxm', extensions: ['.hdr'], sniff: (_h, s) => /^\s*ScanDefinition\s*=\s*\{/.test(s) },
  { format: 'als-xim', node: 'io.load-stxm', extensions: ['.xim'] },
  // Zarr metadata keys; a zarr.json also has to say "zarr_format" (other JSON files share the name)
  {
    format: 'zarr',
    node: 'io.load-zarr',
    extensions: ['.zarray', '.zgroup', '.json'],
    names: /(^|[/\\])(\.zarray|\.zgroup|zarr\.json)$/,
    confirm: (h, s) => h.length === 0 || /"zarr_format"\s*:/.test(s),
  },
  { format: 'poni', node: 'clean.azimuthal-integrate', extensions: ['.poni'], sniff: (_h, s) => /^Poni1\s*:/m.test(s) && /^Distance\s*:/m.test(s) },
  { format: 'axis-mask', node: 'io.load-axis-mask', extensions: ['.msk'], confirm: (_h, s) => /^[O \r\n]*$/.test(s) },
  { format: 'axis-spectrum', node: 'io.load-spectra', extensions: ['.xsp'] },
  // .r / .t (spectra extracted with aXis2000) are common extensions: only plain number columns qualify
  { format: 'axis-spectrum', node: 'io.load-spectra', extensions: ['.r', '.t'], confirm: numericColumns },
  { format: 'xrd-pattern', node: 'io.load-pattern', extensions: ['.xy', '.xye', '.chi'] },
  { format: 'columns', node: 'io.load-spectra', extensions: ['.txt', '.dat', '.csv', '.xmu', '.nor'] },
  { format: 'raw', node: 'io.load-raw', extensions: ['.raw', '.bin', '.vol', '.img'] },
];

/**
 * The format of a file from its name and first bytes (pass an empty array when the content is not
 * at hand: the extension alone decides, and formats that need a look at the content are skipped).
 * A Zarr store folder is recognised by the caller (a folder has no bytes); null when no loader fits.
 */
export function detectFileFormat(name: string, head: Uint8Array, formats: readonly FileFormat[] = FILE_FORMATS): FileFormat | null {
  const text = headText(head);
  if (head.length > 0) for (const f of formats) if (f.sniff?.(head, text)) return f;
  const ext = fileExtension(name);
  for (const f of formats) {
    if (!f.extensions.includes(ext)) continue;
    if (f.names && !f.names.test(name)) continue;
    if (f.confirm && !f.confirm(head, text)) continue;
    return f;
  }
  return null;
}

/** Every extension some loader reads, for messages ("expected .tif, .h5, …"). */
export function knownExtensions(formats: readonly FileFormat[] = FILE_FORMATS): string[] {
  return [...new Set(formats.flatMap((f) => f.extensions))];
}
