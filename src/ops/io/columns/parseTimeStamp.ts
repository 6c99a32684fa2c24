/**
 * Reads a date-time written by beamline software (`2001-06-26T22:27:31`, `2022-07-26 23:01:58.055`).
 *
 * Such stamps carry no time zone: they are the beamline's local clock. They are kept that way, as an
 * ISO 8601 string without zone (`2022-07-26T23:01:58.055`), and converted to seconds on a naive
 * clock (as if UTC) so that differences between stamps are right whatever the machine's zone is.
 * A stamp that does carry a zone (`Z`, `+02:00`) keeps it and is converted exactly.
 */
export interface TimeStamp {
  /** ISO 8601, `YYYY-MM-DDTHH:MM:SS[.fff][zone]`. */
  iso: string;
  /** Seconds since 1970-01-01T00:00:00 on the stamp's own clock (zone applied when given). */
  seconds: number;
}

const STAMP =
  /^(\d{4})-(\d{1,2})-(\d{1,2})[Tt ](\d{1,2}):(\d{2}):(\d{2})(\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

const pad = (v: number, n = 2) => String(v).padStart(n, '0');

/** The stamp, or a message saying what is wrong with it (format or range). */
export function parseTimeStamp(text: string): TimeStamp | { error: string } {
  const m = STAMP.exec(text.trim());
  if (!m) return { error: `expected a date-time like 2001-06-26T22:27:31, got "${text.trim()}"` };
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const frac = m[7] ?? '';
  const zone = m[8] ?? '';
  const daysInMonth = month >= 1 && month <= 12 ? new Date(Date.UTC(year, month, 0)).getUTCDate() : 0;
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59)
    return { error: `date-time out of range (month 1-12, valid day, hour 0-23, minutes and seconds 0-59): "${text.trim()}"` };
  let seconds = Date.UTC(year, month - 1, day, hour, minute, second) / 1000 + (frac ? Number(frac) : 0);
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    seconds -= sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2)) * 60);
  }
  const iso = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${frac}${zone}`;
  return { iso, seconds };
}
