/**
 * EC-Lab's start time `MM/DD/YYYY HH:MM:SS(.fff)` (US order, as every EC-Lab version writes it in
 * `Acquisition started on`) as a zone-less ISO time stamp on the potentiostat PC's clock.
 */
import { parseTimeStamp, type TimeStamp } from '../columns/parseTimeStamp';

export function ecLabStartTime(text: string): TimeStamp | { error: string } {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s+(\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?)$/.exec(text.trim());
  if (!m) return { error: `expected a start time like 07/26/2022 22:38:30.190 (MM/DD/YYYY), got "${text.trim()}"` };
  return parseTimeStamp(`${m[3]}-${m[1]}-${m[2]}T${m[4].replace(',', '.')}`);
}
