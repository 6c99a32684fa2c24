/**
 * Reader for BioLogic EC-Lab binary files (`.mpr`, "BIO-LOGIC MODULAR FILE"): a 52-byte magic
 * followed by modules (`MODULE` + short name, long name, length, version, date; EC-Lab ≥ 11.50 adds
 * a 0xFFFFFFFF field and an extra word). "VMP data" holds the number of points, the column ids and
 * the records (one flags byte for all bit-field columns, then each column in its stored type);
 * records fill the end of the module. "VMP LOG" holds the start time as an OLE automation date
 * (days since 1899-12-30) at byte 465, 469, 473 or 585 — the first plausible one is taken. The
 * result has the column names of the `.mpt` export, so both compare column by column.
 * Reference: reverse-engineered layout of galvani (`BioLogic.py`) and yadg (`eclab/mpr`).
 */
import { TextFormatError } from '../columns/TextFormatError';
import { parseTimeStamp } from '../columns/parseTimeStamp';
import { MPR_COLUMN_TYPES, MPR_FLAG_COLUMNS, type MprType } from './mprColumnTypes';
import { splitUnitSlash } from './splitUnitSlash';
import type { EchemColumn, EchemFile } from './types';

const MAGIC = 'BIO-LOGIC MODULAR FILE\x1a';
const SIZE: Record<MprType, number> = { u1: 1, u2: 2, u4: 4, f4: 4, f8: 8 };

interface Module {
  name: string;
  version: number;
  date: string;
  data: DataView;
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end && i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

function readModules(bytes: Uint8Array, fileName: string): Module[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const modules: Module[] = [];
  let p = 52;
  while (p < bytes.length) {
    if (ascii(bytes, p, p + 6) !== 'MODULE')
      throw new TextFormatError(fileName, null, `byte ${p}: expected the start of a module ("MODULE"), got "${ascii(bytes, p, p + 6)}"`);
    const h = p + 6;
    if (h + 51 > bytes.length) throw new TextFormatError(fileName, null, `byte ${h}: module header truncated (file ends at ${bytes.length})`);
    const name = ascii(bytes, h, h + 10).trim();
    const v2 = view.getUint32(h + 35, true) === 0xffffffff;
    const length = view.getUint32(h + (v2 ? 39 : 35), true);
    const version = view.getUint32(h + (v2 ? 47 : 39), true);
    const date = ascii(bytes, h + (v2 ? 51 : 43), h + (v2 ? 59 : 51));
    const start = h + (v2 ? 59 : 51);
    if (start + length > bytes.length)
      throw new TextFormatError(fileName, null, `module "${name}" at byte ${p}: declares ${length} bytes but the file ends ${bytes.length - start} bytes later (truncated file)`);
    modules.push({ name, version, date, data: new DataView(bytes.buffer, bytes.byteOffset + start, length) });
    p = start + length;
  }
  return modules;
}

/** OLE automation date (days since 1899-12-30, local clock) → zone-less ISO stamp, to the millisecond. */
function oleToStamp(days: number) {
  const ms = Math.round((days - 25569) * 86400000);
  return parseTimeStamp(new Date(ms).toISOString().replace('Z', ''));
}

export function parseMpr(bytes: Uint8Array, fileName: string): EchemFile {
  if (ascii(bytes, 0, MAGIC.length) !== MAGIC)
    throw new TextFormatError(fileName, null, 'expected a BioLogic .mpr file ("BIO-LOGIC MODULAR FILE" at byte 0)');
  const modules = readModules(bytes, fileName);
  const dataMod = modules.find((m) => m.name === 'VMP data');
  if (!dataMod) throw new TextFormatError(fileName, null, `expected a "VMP data" module, found ${modules.map((m) => `"${m.name}"`).join(', ') || 'none'}`);
  const d = dataMod.data;
  const npts = d.getUint32(0, true);
  const ncols = d.getUint8(4);
  const ids: number[] = [];
  // Ids are bytes in version 0 files, 16-bit words from version 2 (after a 1-byte count; 2 bytes from 11).
  const idStart = dataMod.version >= 10 ? 6 : 5;
  for (let j = 0; j < ncols; j++) ids.push(dataMod.version === 0 ? d.getUint8(5 + j) : d.getUint16(idStart + 2 * j, true));

  const fields: { name: string; type: MprType; offset: number; mask?: number }[] = [];
  let recordSize = 0;
  let flagsOffset = -1;
  const seen = new Map<string, number>();
  for (const id of ids) {
    const flag = MPR_FLAG_COLUMNS[id];
    if (flag) {
      if (flagsOffset < 0) {
        flagsOffset = recordSize;
        recordSize += 1;
      }
      fields.push({ name: flag[0], type: 'u1', offset: flagsOffset, mask: flag[1] });
      continue;
    }
    const col = MPR_COLUMN_TYPES[id];
    if (!col) throw new TextFormatError(fileName, null, `VMP data: column id ${id} (after "${fields.at(-1)?.name ?? 'start'}") is unknown: expected one of the ids EC-Lab writes`);
    const n = (seen.get(col[0]) ?? 0) + 1;
    seen.set(col[0], n);
    fields.push({ name: n > 1 ? `${col[0]} ${n}` : col[0], type: col[1], offset: recordSize });
    recordSize += SIZE[col[1]];
  }
  const dataStart = d.byteLength - npts * recordSize;
  const minStart = dataMod.version === 0 ? 5 + ncols : idStart + 2 * ncols;
  if (dataStart < minStart)
    throw new TextFormatError(fileName, null, `VMP data: ${npts} points of ${recordSize} bytes need ${npts * recordSize} bytes, the module holds ${d.byteLength - minStart} (truncated file)`);

  const columns: EchemColumn[] = fields.map((f) => ({ ...splitUnitSlash(f.name), data: new Float64Array(npts) }));
  for (let i = 0; i < npts; i++) {
    const r = dataStart + i * recordSize;
    for (let j = 0; j < fields.length; j++) {
      const f = fields[j];
      const o = r + f.offset;
      let v: number;
      if (f.mask !== undefined) {
        const bits = d.getUint8(o) & f.mask;
        v = f.mask === 0x03 ? bits : bits ? 1 : 0;
      } else if (f.type === 'f8') v = d.getFloat64(o, true);
      else if (f.type === 'f4') v = d.getFloat32(o, true);
      else if (f.type === 'u2') v = d.getUint16(o, true);
      else if (f.type === 'u4') v = d.getUint32(o, true);
      else v = d.getUint8(o);
      columns[j].data[i] = v;
    }
  }

  const warnings: string[] = [];
  let startTime: EchemFile['startTime'] = null;
  const log = modules.find((m) => m.name === 'VMP LOG');
  if (log) {
    for (const off of [465, 469, 473, 585]) {
      if (off + 8 > log.data.byteLength) continue;
      const days = log.data.getFloat64(off, true);
      if (days > 40000 && days < 60000) {
        const t = oleToStamp(days);
        if (!('error' in t)) startTime = t;
        break;
      }
    }
    if (!startTime) warnings.push(`${fileName}: VMP LOG module holds no start time at bytes 465/469/473/585; no start time taken`);
  } else warnings.push(`${fileName}: no VMP LOG module: no start time (absolute time unknown)`);

  const settings = modules.find((m) => m.name === 'VMP Set');
  return {
    fileName,
    format: 'biologic-mpr',
    columns,
    rows: npts,
    startTime,
    header: settings ? { settingsDate: settings.date.trim(), dataModuleVersion: String(dataMod.version) } : {},
    warnings,
  };
}
