/**
 * Name and unit of a JCAMP-DX axis from what jcampconverter reports: `XUNITS`/`YUNITS` as written
 * (`PPM`, `HZ`, `1/CM`, `ARBITRARY UNITS $$ comment`) or, for NTUPLES, `VARNAME [UNITS]`
 * (`TIME [SECONDS]`, `SPECTRUM/REAL [ARBITRARY UNITS]`). Units are spelled as the rest of the
 * project spells them (s, Hz, ppm, cm⁻¹, nm); arbitrary units become an empty unit.
 */
export function jcampAxis(raw: string | undefined, fallbackName: string): { name: string; unit: string } {
  const text = (raw ?? '').replace(/\$\$.*$/, '').trim();
  const m = /^(.*?)\s*\[(.*)\]$/.exec(text);
  const varName = m ? m[1].trim() : '';
  const written = (m ? m[2] : text).trim();
  const key = written.toUpperCase().replace(/\s+/g, ' ');
  const known: Record<string, [string, string]> = {
    PPM: ['chemical shift', 'ppm'],
    HZ: ['frequency', 'Hz'],
    SECONDS: ['time', 's'],
    SECOND: ['time', 's'],
    S: ['time', 's'],
    '1/CM': ['wavenumber', 'cm⁻¹'],
    NANOMETERS: ['wavelength', 'nm'],
    NM: ['wavelength', 'nm'],
    MICROMETERS: ['wavelength', 'µm'],
    'ARBITRARY UNITS': ['intensity', ''],
    'ARBITRARY UNIT': ['intensity', ''],
    ABSORBANCE: ['absorbance', ''],
    TRANSMITTANCE: ['transmittance', ''],
    COUNTS: ['counts', ''],
  };
  const hit = known[key];
  if (hit) return { name: varName ? varName.toLowerCase() : hit[0], unit: hit[1] };
  return { name: varName ? varName.toLowerCase() : fallbackName, unit: written };
}
