/**
 * Reads the text header Dectris Pilatus/Eiger cameras write into a TIFF ImageDescription (or a CBF
 * `_array_data.header_contents`): `# Key value [unit]` lines (Pixel_size, Exposure_time,
 * Wavelength, Detector_distance, Beam_xy, Count_cutoff, …), a `# Detector: …` line and a date
 * line. Returns the values that describe the measurement, in SI units except the wavelength (Å).
 * Text that is not such a header gives an empty result. (Dectris "PILATUS header" / fabio
 * `pilatusimage`.)
 */
export interface PilatusHeader {
  /** Pixel size (m) along x and y. */
  pixelSize: { x: number; y: number } | null;
  attrs: Record<string, string | number>;
  /** ISO date-time of the exposure, when the header has one (no time zone: the beamline clock). */
  startTime: string | null;
}

const NUMERIC: Record<string, string> = {
  exposure_time: 'exposureTime',
  exposure_period: 'exposurePeriod',
  wavelength: 'wavelength',
  detector_distance: 'detectorDistance',
  count_cutoff: 'countCutoff',
  threshold_setting: 'threshold',
  n_excluded_pixels: 'excludedPixels',
  tau: 'tau',
  flux: 'flux',
  start_angle: 'startAngle',
  angle_increment: 'angleIncrement',
};

export function parsePilatusHeader(text: string | undefined): PilatusHeader {
  const out: PilatusHeader = { pixelSize: null, attrs: {}, startTime: null };
  if (!text) return out;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.replace(/^#\s*/, '').trim();
    if (!raw.trimStart().startsWith('#') || line === '') continue;
    const det = /^Detector:\s*(.+)$/i.exec(line);
    if (det) {
      out.attrs.detector = det[1].split(',')[0].trim();
      continue;
    }
    const date = /^(\d{4})[-/](\d\d)[-/](\d\d)[T ](\d\d:\d\d:\d\d(?:\.\d+)?)/.exec(line);
    if (date) {
      out.startTime = `${date[1]}-${date[2]}-${date[3]}T${date[4]}`;
      continue;
    }
    const px = /^Pixel_size\s+([\d.eE+-]+)\s*m\s*x\s*([\d.eE+-]+)\s*m/i.exec(line);
    if (px) {
      const x = Number(px[1]);
      const y = Number(px[2]);
      if (x > 0 && y > 0) out.pixelSize = { x, y };
      continue;
    }
    const beam = /^Beam_xy\s*\(\s*([\d.eE+-]+)\s*,\s*([\d.eE+-]+)\s*\)/i.exec(line);
    if (beam) {
      out.attrs.beamX = Number(beam[1]);
      out.attrs.beamY = Number(beam[2]);
      continue;
    }
    const kv = /^([A-Za-z_]+)[:\s]\s*([+-]?[\d.]+(?:[eE][+-]?\d+)?)/.exec(line);
    if (kv) {
      const name = NUMERIC[kv[1].toLowerCase()];
      if (name) out.attrs[name] = Number(kv[2]);
    }
  }
  return out;
}
