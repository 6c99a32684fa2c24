/**
 * `inspect` rows for ALS STXM / aXis2000 files: the `.hdr` of a stack (energies, frame size, and
 * the `.xim` frames found next to it), a lone `.xim` frame (with its energy when the `.hdr` is
 * there), a `.msk` mask and the two-column `.xsp` / `.r` / `.t` spectra.
 */
import { decodeText } from '../ops/io/columns/decodeText';
import { parseSpectrumText } from '../ops/io/columns/parseSpectrumText';
import { parseAlsHdr } from '../ops/io/stxm/parseAlsHdr';
import { parseXim } from '../ops/io/stxm/parseXim';
import { stxmHeaderInfo, type StxmHeaderInfo } from '../ops/io/stxm/stxmHeaderInfo';
import { parseAxisMask } from '../ops/io/axis/parseAxisMask';
import type { InspectAxis, InspectSummary, NearbyFiles, Scalar } from './inspectLoaders';

const text = (bytes: Uint8Array) => decodeText(bytes).text;
const baseName = (p: string) => p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);

function frameAxes(info: StxmHeaderInfo): InspectAxis[] {
  const ps = info.pixelSize;
  return [
    { name: 'y', unit: ps?.unit ?? 'px', size: info.height, ...(ps ? { range: [0, (info.height - 1) * ps.y] as [number, number] } : {}) },
    { name: 'x', unit: ps?.unit ?? 'px', size: info.width, ...(ps ? { range: [0, (info.width - 1) * ps.x] as [number, number] } : {}) },
  ];
}

function headerMeta(info: StxmHeaderInfo): Record<string, Scalar> {
  const meta: Record<string, Scalar> = { format: 'ALS STXM', scanType: info.type };
  if (info.dwell !== undefined) meta.dwell_ms = info.dwell;
  if (info.timeIso) meta.startTime = info.timeIso;
  return meta;
}

/** The stack a `.hdr` describes, with the `_aNNN.xim` frames found beside it (frames are not read). */
export async function stxmHdrSummary(bytes: Uint8Array, name: string, near?: NearbyFiles): Promise<InspectSummary> {
  const info = stxmHeaderInfo(parseAlsHdr(text(bytes), name), name);
  const stem = baseName(name).replace(/\.hdr$/i, '');
  const frames = (await near?.list())?.filter((f) => f.toLowerCase().startsWith(`${stem.toLowerCase()}_a`) && /_a\d+\.xim$/i.test(f)) ?? [];
  const e = info.energies;
  const warnings: string[] = [];
  if (near && frames.length !== e.length)
    warnings.push(`${name}: lists ${e.length} energies, ${frames.length} ${stem}_aNNN.xim frame(s) found next to it`);
  return {
    loader: 'als-stxm',
    node: 'io.load-stxm',
    kind: 'stack',
    shape: [e.length, info.height, info.width],
    dtype: 'f32',
    axes: [{ name: 'energy', unit: 'eV', size: e.length, ...(e.length ? { range: [e[0], e[e.length - 1]] as [number, number] } : {}) }, ...frameAxes(info)],
    meta: { ...headerMeta(info), energies: e.length, framesFound: near ? frames.length : null },
    warnings,
  };
}

/** One `.xim` frame: a 2-D image; its energy comes from entry NNN of the `.hdr` next to it. */
export async function ximSummary(bytes: Uint8Array, name: string, near?: NearbyFiles): Promise<InspectSummary> {
  const f = parseXim(text(bytes), name);
  const m = /^(.*)_a(\d+)\.xim$/i.exec(baseName(name));
  const meta: Record<string, Scalar> = { format: 'ALS STXM frame' };
  const warnings: string[] = [];
  let axes: InspectAxis[] = [
    { name: 'y', unit: 'px', size: f.height },
    { name: 'x', unit: 'px', size: f.width },
  ];
  const hdrName = m ? `${m[1]}.hdr` : null;
  const hdr = hdrName ? await near?.read(hdrName) : undefined;
  if (hdrName && hdr) {
    const info = stxmHeaderInfo(parseAlsHdr(text(hdr), hdrName), hdrName);
    const k = Number(m![2]);
    Object.assign(meta, headerMeta(info), { header: hdrName, frame: k });
    if (k < info.energies.length) meta.energy_eV = info.energies[k];
    else warnings.push(`${name}: frame ${k}, but ${hdrName} lists ${info.energies.length} energies`);
    if (info.width !== f.width || info.height !== f.height)
      warnings.push(`${name}: ${f.width}×${f.height} values, ${hdrName} says ${info.width}×${info.height}`);
    else axes = frameAxes(info);
  } else warnings.push(`${name}: no ${hdrName ?? '.hdr'} next to it: energy unknown (io.load-stxm needs the .hdr with the frames)`);
  return { loader: 'als-xim', node: 'io.load-stxm', kind: 'image', shape: [f.height, f.width], dtype: 'f32', axes, meta, warnings };
}

export function axisMaskSummary(bytes: Uint8Array, name: string): InspectSummary {
  const m = parseAxisMask(text(bytes), name);
  let set = 0;
  for (const v of m.data) set += v;
  return {
    loader: 'axis-mask',
    node: 'io.load-axis-mask',
    kind: 'labels',
    shape: [m.height, m.width],
    dtype: 'u8',
    axes: [
      { name: 'y', unit: 'px', size: m.height },
      { name: 'x', unit: 'px', size: m.width },
    ],
    meta: { format: 'aXis2000 mask', classes: 'outside, mask', maskedPixels: set, maskedFraction: Number((set / m.data.length).toFixed(4)) },
    warnings: m.warnings,
  };
}

/** aXis2000 spectra: energy (eV) and one value per line, no header. */
export function axisSpectrumSummary(bytes: Uint8Array, name: string): InspectSummary {
  const f = parseSpectrumText(text(bytes), name);
  if (f.columns.length !== 2) throw new Error(`${name}: ${f.columns.length} columns: expected 2 (energy in eV, value) as aXis2000 writes them`);
  const x = f.data[0];
  return {
    loader: 'axis-spectrum',
    node: 'io.load-spectra',
    kind: 'spectrum',
    shape: [x.length],
    dtype: 'f64',
    axes: [{ name: 'energy', unit: 'eV', size: x.length, range: [x[0], x[x.length - 1]] }],
    meta: { format: 'aXis2000 spectrum' },
    warnings: f.warnings,
  };
}
