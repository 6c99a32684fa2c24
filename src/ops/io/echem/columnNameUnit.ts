/**
 * Splits a cycler column name into its name and unit: `Voltage(V)` → voltage / V, `Current [mA]` →
 * current / mA, `Ewe/V` → Ewe / V, `Test_Time(s)` → Test_Time / s, `cycle` → cycle / ''. The unit is
 * returned as written; `normalizeEchemUnit` maps it to the units the readers convert.
 */
export function columnNameUnit(column: string): { name: string; unit: string } {
  const t = column.trim();
  const bracket = /^(.*?)\s*[([]\s*([^()[\]]*?)\s*[)\]]$/.exec(t);
  if (bracket && bracket[1] !== '') return { name: bracket[1], unit: bracket[2] };
  const slash = /^(.*[^/\s])\s*\/\s*([A-Za-zµμ][\w.µμ·]*)$/.exec(t);
  if (slash) return { name: slash[1], unit: slash[2] };
  return { name: t, unit: '' };
}

/** The unit spellings cyclers write, mapped to the ones the readers convert; null when not one of them. */
const UNIT_SPELLINGS: Record<string, string> = {
  s: 's', sec: 's', secs: 's', second: 's', seconds: 's',
  min: 'min', mins: 'min', minute: 'min', minutes: 'min',
  h: 'h', hr: 'h', hrs: 'h', hour: 'h', hours: 'h',
  v: 'V', volt: 'V', volts: 'V', mv: 'mV',
  a: 'A', amp: 'A', amps: 'A', ma: 'mA', ua: 'uA', 'µa': 'uA', 'μa': 'uA',
  ah: 'Ah', 'a.h': 'Ah', 'a·h': 'Ah', 'a h': 'Ah', mah: 'mAh', 'ma.h': 'mAh', 'ma·h': 'mAh', 'ma h': 'mAh',
  c: 'C', coulomb: 'C', coulombs: 'C',
};

export function normalizeEchemUnit(unit: string): string | null {
  const u = unit.trim();
  if (u === '') return null;
  // Case matters only between milli and mega, which no cycler writes for these quantities.
  return UNIT_SPELLINGS[u.toLowerCase()] ?? null;
}
