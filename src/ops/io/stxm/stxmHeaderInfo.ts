import { TextFormatError } from '../columns/TextFormatError';
import type { HdrValue } from './parseAlsHdr';

export interface StxmHeaderInfo {
  /** Scan type (`NEXAFS Image Scan`). */
  type: string;
  /** Energies of the frames, eV (StackAxis points). */
  energies: number[];
  /** Pixels per row (PAxis points) and rows (QAxis points). */
  width: number;
  height: number;
  /** Pixel size from the axis ranges, with the axis unit (µm), when the axes are regular. */
  pixelSize?: { x: number; y: number; unit: string };
  /** Dwell time per pixel, ms. */
  dwell?: number;
  /** Start time as written (`2007 December 14 18:52:00`) and as ISO 8601 local time (no zone: the header has none) when it parses. */
  time?: string;
  timeIso?: string;
}

const rec = (v: HdrValue | undefined): Record<string, HdrValue> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
const nums = (v: HdrValue | undefined): number[] | undefined =>
  Array.isArray(v) && v.every((x) => typeof x === 'number') ? (v as number[]) : undefined;

/**
 * The facts of an ALS STXM image-stack header needed to read its `.xim` frames: the energy of each
 * frame (ScanDefinition.StackAxis.Points, eV), the frame size (PAxis × QAxis points of the first
 * region), the pixel size and the start time. Missing pieces are named in the error.
 */
export function stxmHeaderInfo(hdr: Record<string, HdrValue>, fileName: string): StxmHeaderInfo {
  const fail = (msg: string): never => {
    throw new TextFormatError(fileName, null, msg);
  };
  const sd = rec(hdr.ScanDefinition) ?? fail('no ScanDefinition record: not an ALS STXM header');
  const stack = rec(sd.StackAxis) ?? fail(`ScanDefinition has no StackAxis: a "${String(sd.Type)}" is not an image stack`);
  const energies = nums(stack.Points) ?? fail('ScanDefinition.StackAxis.Points: expected a list of energies');
  const unit = typeof stack.Unit === 'string' ? stack.Unit : '';
  if (unit && unit !== 'eV') fail(`ScanDefinition.StackAxis.Unit is "${unit}", expected eV`);
  const regions = Array.isArray(sd.Regions) ? sd.Regions : [];
  const region = rec(regions[0]) ?? fail('ScanDefinition.Regions: expected at least one region');
  const p = rec(region.PAxis) ?? fail('ScanDefinition.Regions[0].PAxis missing');
  const q = rec(region.QAxis) ?? fail('ScanDefinition.Regions[0].QAxis missing');
  const px = nums(p.Points) ?? fail('PAxis.Points: expected a list of positions');
  const qy = nums(q.Points) ?? fail('QAxis.Points: expected a list of positions');
  const out: StxmHeaderInfo = { type: typeof sd.Type === 'string' ? sd.Type : '', energies, width: px.length, height: qy.length };
  const step = (a: number[]) => Number((Math.abs(a[a.length - 1] - a[0]) / (a.length - 1)).toPrecision(10));
  if (px.length > 1 && qy.length > 1) {
    const u = typeof p.Unit === 'string' ? (p.Unit === 'um' ? 'µm' : p.Unit) : '';
    out.pixelSize = { x: step(px), y: step(qy), unit: u };
  }
  if (typeof sd.Dwell === 'number') out.dwell = sd.Dwell;
  if (typeof hdr.Time === 'string') {
    out.time = hdr.Time;
    const t = Date.parse(hdr.Time.replace(/^(\d{4}) (\w+) (\d+) /, '$3 $2 $1 ') + ' UTC');
    if (Number.isFinite(t)) out.timeIso = new Date(t).toISOString().replace('.000Z', '');
  }
  return out;
}
