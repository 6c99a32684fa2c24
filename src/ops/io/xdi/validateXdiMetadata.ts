/**
 * Checks the metadata of an XDI 1.0 file against the XDI dictionary, as the reference C library
 * (XraySpectroscopy/XAS-Data-Interchange, `XDI_required_metadata`, `XDI_recommended_metadata`,
 * `XDI_validate_item`) does. Every finding is a warning: the file is still read.
 */
import { parseTimeStamp } from '../columns/parseTimeStamp';

const VALID_EDGES = new Set(
  'K L L1 L2 L3 M M1 M2 M3 M4 M5 N N1 N2 N3 N4 N5 N6 N7 O O1 O2 O3 O4 O5 O6 O7'.split(' ').map((s) => s.toLowerCase()),
);

const VALID_ELEMENTS = new Set(
  (
    'H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se Br Kr ' +
    'Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb ' +
    'Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu Am Cm Bk Cf Es Fm Md No Lr Rf ' +
    'Db Sg Bh Hs Mt Ds Rg Cn Nh Fl Mc Lv Ts Og'
  )
    .split(' ')
    .map((s) => s.toLowerCase()),
);

/** Families defined by the XDI dictionary; any other family is an extension and needs a version tag. */
const DEFINED_FAMILIES = new Set(['facility', 'beamline', 'mono', 'detector', 'sample', 'scan', 'element', 'column', 'outer']);

const RECOMMENDED = ['Mono.d_spacing', 'Facility.name', 'Facility.xray_source', 'Beamline.name', 'Scan.start_time', 'Column.1'];

/** Value formats checked by the C library (number, whitespace, unit). */
const VALUE_FORMATS: Record<string, { re: RegExp; expected: string }> = {
  'facility.current': { re: /^\d+(\.\d*)?\s+m?[aA]/, expected: 'a beam current such as "101.3 mA"' },
  'facility.energy': { re: /^\d+(\.\d*)?\s+[gmGM][eE][vV]/, expected: 'a storage ring energy such as "7.00 GeV"' },
  'sample.temperature': { re: /^\d+(\.\d*)?\s+[CcFfKk]/, expected: 'a temperature such as "300 K"' },
};

export interface XdiMetaEntry {
  family: string;
  key: string;
  value: string;
  line: number;
}

export interface ValidateXdiMetadataOptions {
  /** Version tags of line 1 after `XDI/1.0`, e.g. `['GSE/1.0']`. */
  extraVersions: string[];
  /** Column names of the data table (after Column.N resolution). */
  columnNames: string[];
}

/** Warnings (file name first) for missing, malformed or unversioned metadata. */
export function validateXdiMetadata(
  fileName: string,
  entries: XdiMetaEntry[],
  options: ValidateXdiMetadataOptions,
): string[] {
  const warnings: string[] = [];
  const byKey = new Map<string, XdiMetaEntry>();
  for (const e of entries) byKey.set(`${e.family}.${e.key}`.toLowerCase(), e);
  const at = (e: XdiMetaEntry) => `${fileName}, line ${e.line}`;

  const symbol = byKey.get('element.symbol');
  if (!symbol) warnings.push(`${fileName}: Element.symbol missing (required by XDI 1.0)`);
  else if (!VALID_ELEMENTS.has(symbol.value.toLowerCase()))
    warnings.push(`${at(symbol)}: Element.symbol "${symbol.value}" is not an element symbol`);
  const edge = byKey.get('element.edge');
  if (!edge) warnings.push(`${fileName}: Element.edge missing (required by XDI 1.0)`);
  else if (!VALID_EDGES.has(edge.value.toLowerCase()))
    warnings.push(`${at(edge)}: Element.edge "${edge.value}" is not an absorption edge (K, L1, L2, L3, M1…)`);
  const ref = byKey.get('element.reference');
  if (ref && !VALID_ELEMENTS.has(ref.value.toLowerCase()))
    warnings.push(`${at(ref)}: Element.reference "${ref.value}" is not an element symbol`);
  const refEdge = byKey.get('element.ref_edge');
  if (refEdge && !VALID_EDGES.has(refEdge.value.toLowerCase()))
    warnings.push(`${at(refEdge)}: Element.ref_edge "${refEdge.value}" is not an absorption edge`);

  const dspacing = byKey.get('mono.d_spacing');
  let validDSpacing = false;
  if (dspacing) {
    const v = Number(dspacing.value);
    validDSpacing = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(dspacing.value) && v > 0;
    if (!validDSpacing)
      warnings.push(`${at(dspacing)}: Mono.d_spacing "${dspacing.value}": expected a positive number (Å)`);
  }
  const names = options.columnNames.map((n) => n.toLowerCase());
  if (names.includes('angle') && !names.includes('energy') && !validDSpacing)
    warnings.push(`${fileName}: an angle column is given without a valid Mono.d_spacing, so it cannot be converted to energy`);

  for (const name of ['start_time', 'end_time']) {
    const e = byKey.get(`scan.${name}`);
    if (!e) continue;
    const t = parseTimeStamp(e.value);
    if ('error' in t) warnings.push(`${at(e)}: Scan.${name}: ${t.error}`);
  }
  for (const [key, fmt] of Object.entries(VALUE_FORMATS)) {
    const e = byKey.get(key);
    if (e && !fmt.re.test(e.value))
      warnings.push(`${at(e)}: ${e.family}.${e.key} "${e.value}": expected ${fmt.expected}`);
  }
  const col1 = byKey.get('column.1');
  if (col1 && !/energy|angle/.test(col1.value))
    warnings.push(`${at(col1)}: Column.1 is "${col1.value}", expected "energy" or "angle" (XDI recommends it)`);

  const missing = RECOMMENDED.filter((k) => !byKey.has(k.toLowerCase()));
  if (missing.length > 0) warnings.push(`${fileName}: missing recommended metadata: ${missing.join(', ')}`);

  const versioned = new Set(options.extraVersions.map((v) => v.split('/')[0].toLowerCase()));
  const reported = new Set<string>();
  for (const e of entries) {
    const fam = e.family.toLowerCase();
    if (DEFINED_FAMILIES.has(fam) || versioned.has(fam) || reported.has(fam)) continue;
    reported.add(fam);
    warnings.push(
      `${at(e)}: extension family "${e.family}" used without a version tag on line 1 (expected e.g. "# XDI/1.0 ${e.family}/1.0")`,
    );
  }
  return warnings;
}
