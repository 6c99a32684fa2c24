/**
 * Reads a pyFAI `.poni` geometry file (PONI 1, 2, 2.1: `key: value` lines, `#` comments):
 * Distance, Poni1, Poni2, Rot1, Rot2, Rot3 (m, rad), Wavelength (m), and the pixel sizes from
 * `PixelSize1`/`PixelSize2` (version 1), `Detector_config` {"pixel1", "pixel2", "max_shape"}
 * (version 2) or a known `Detector` name (Pilatus, Eiger, Perkin-Elmer, MAR, Rayonix… as pyFAI's
 * detector classes). Only `orientation` 3 (pyFAI's default) is supported. (pyFAI `io/ponifile.py`.)
 */
import { TextFormatError } from '../io/columns/TextFormatError';
import type { DetectorGeometry } from './types';

/** Pixel sizes (m) of detectors pyFAI names in `.poni` files, by lower-case name without separators. */
const KNOWN_PIXELS: Record<string, number> = {
  pilatus100k: 172e-6, pilatus200k: 172e-6, pilatus300k: 172e-6, pilatus300kw: 172e-6, pilatus1m: 172e-6,
  pilatus2m: 172e-6, pilatus6m: 172e-6, pilatus900k: 172e-6, pilatuscdte300k: 172e-6, pilatuscdte1m: 172e-6,
  pilatuscdte2m: 172e-6, pilatus4_1m: 150e-6, pilatus4_2m: 150e-6, pilatus4_4m: 150e-6,
  eiger500k: 75e-6, eiger1m: 75e-6, eiger4m: 75e-6, eiger9m: 75e-6, eiger16m: 75e-6,
  eiger2_500k: 75e-6, eiger2_1m: 75e-6, eiger2_4m: 75e-6, eiger2_9m: 75e-6, eiger2_16m: 75e-6,
  eiger2cdte_500k: 75e-6, eiger2cdte_1m: 75e-6, eiger2cdte_4m: 75e-6, eiger2cdte_9m: 75e-6, eiger2cdte_16m: 75e-6,
  perkin: 200e-6, perkinelmer: 200e-6, perkindetector: 200e-6, mar345: 100e-6, mar3450: 100e-6,
  rayonixmx225: 73.242e-6, rayonixsx165: 39.5e-6, xpad: 130e-6, imxpads10: 130e-6, imxpads70: 130e-6,
  lambda750k: 55e-6, lambda2m: 55e-6, mythen: 50e-6, rapid: 100e-6,
};

const REQUIRED = ['Distance', 'Poni1', 'Poni2', 'Rot1', 'Rot2', 'Rot3'] as const;

export function parsePoni(text: string, fileName: string): DetectorGeometry {
  const values = new Map<string, { value: string; line: number }>();
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const k = line.indexOf(':');
    if (k <= 0) throw new TextFormatError(fileName, i + 1, `expected "key: value" (pyFAI .poni), got "${line.slice(0, 60)}"`);
    values.set(line.slice(0, k).trim().toLowerCase(), { value: line.slice(k + 1).trim(), line: i + 1 });
  });
  const num = (key: string, required: boolean): number | null => {
    const e = values.get(key.toLowerCase());
    if (!e) {
      if (required) throw new TextFormatError(fileName, null, `no "${key}:" line: expected the ${key} of a pyFAI geometry`);
      return null;
    }
    if (required === false && (e.value === '' || e.value.toLowerCase() === 'none')) return null;
    const v = Number(e.value);
    if (e.value === '' || !Number.isFinite(v)) throw new TextFormatError(fileName, e.line, `${key}: expected a number, got "${e.value}"`);
    return v;
  };
  const version = num('poni_version', false) ?? 1;
  if (!(version >= 1 && version < 3))
    throw new TextFormatError(fileName, values.get('poni_version')!.line, `poni_version: ${version}: expected 1, 2 or 2.1`);
  const [dist, poni1, poni2, rot1, rot2, rot3] = REQUIRED.map((k) => num(k, true) as number);
  if (!(dist > 0)) throw new TextFormatError(fileName, values.get('distance')!.line, `Distance: ${dist} m: expected a positive distance`);
  const wl = num('Wavelength', false);
  if (wl !== null && !(wl > 0)) throw new TextFormatError(fileName, values.get('wavelength')!.line, `Wavelength: ${wl} m: expected a positive number of metres`);

  const detector = values.get('detector')?.value ?? 'Detector';
  let pixel1 = num('PixelSize1', false);
  let pixel2 = num('PixelSize2', false);
  let maxShape: [number, number] | null = null;
  const cfg = values.get('detector_config');
  if (cfg) {
    let conf: Record<string, unknown>;
    try {
      conf = JSON.parse(cfg.value) as Record<string, unknown>;
    } catch {
      throw new TextFormatError(fileName, cfg.line, `Detector_config: expected a JSON object, got "${cfg.value.slice(0, 60)}"`);
    }
    if (typeof conf.pixel1 === 'number') pixel1 = conf.pixel1;
    if (typeof conf.pixel2 === 'number') pixel2 = conf.pixel2;
    const ms = conf.max_shape;
    if (Array.isArray(ms) && ms.length === 2 && ms.every((v) => Number.isInteger(v) && (v as number) > 0)) maxShape = [ms[0] as number, ms[1] as number];
    if (conf.orientation !== undefined && conf.orientation !== 3)
      throw new TextFormatError(fileName, cfg.line, `Detector_config: orientation ${JSON.stringify(conf.orientation)}: only 3 (pyFAI's default) is supported`);
  }
  const known = KNOWN_PIXELS[detector.toLowerCase().replace(/[\s-]/g, '')];
  pixel1 ??= known ?? null;
  pixel2 ??= known ?? null;
  if (!(pixel1 !== null && pixel1 > 0 && pixel2 !== null && pixel2 > 0))
    throw new TextFormatError(
      fileName,
      cfg?.line ?? values.get('detector')?.line ?? null,
      `Detector "${detector}": no pixel size: expected PixelSize1/PixelSize2 or Detector_config {"pixel1", "pixel2"} in metres`,
    );
  return { dist, poni1, poni2, rot1, rot2, rot3, pixel1, pixel2, wavelength: wl, detector, maxShape };
}
