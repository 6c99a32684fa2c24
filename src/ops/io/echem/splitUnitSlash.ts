/**
 * Unit of an EC-Lab column name: the text after the last `/` (`Ewe/V` → V, `(Q-Qo)/mA.h` → mA.h,
 * `Q charge/discharge/mA.h` → mA.h, `control/V/mA` → V/mA, `cycle number` → ''). The name is kept
 * whole, as EC-Lab writes it, so that `.mpt` and `.mpr` columns compare by name.
 */
export function splitUnitSlash(name: string): { name: string; unit: string } {
  if (name.endsWith('/V/mA')) return { name, unit: 'V/mA' };
  const k = name.lastIndexOf('/');
  return { name, unit: k < 0 ? '' : name.slice(k + 1) };
}
