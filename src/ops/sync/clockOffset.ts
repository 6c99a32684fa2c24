/**
 * Seconds to add to a series' times (counted from `seriesOrigin`) to put them on the clock of a
 * record that starts at `echemOrigin`: seriesOrigin − echemOrigin. Both are ISO 8601 stamps as the
 * readers keep them; stamps without a zone are instrument-local clocks, taken as the same zone
 * (a warning says so when only one of the two carries a zone).
 */
import { parseTimeStamp } from '../io/columns/parseTimeStamp';

export interface ClockOffset {
  seconds: number;
  warnings: string[];
}

export function clockOffset(seriesOrigin: string, echemOrigin: string): ClockOffset {
  const s = parseTimeStamp(seriesOrigin);
  if ('error' in s) throw new RangeError(`clockOffset: seriesOrigin: ${s.error}`);
  const e = parseTimeStamp(echemOrigin);
  if ('error' in e) throw new RangeError(`clockOffset: echemOrigin: ${e.error}`);
  const zoned = (iso: string) => /(Z|[+-]\d{2}:?\d{2})$/.test(iso);
  const warnings: string[] = [];
  if (zoned(s.iso) !== zoned(e.iso))
    warnings.push(
      `one time origin has a time zone and the other not (${s.iso}, ${e.iso}): the zone-less one is taken as UTC; set an offset if the clocks differ`,
    );
  return { seconds: Math.round((s.seconds - e.seconds) * 1e6) / 1e6, warnings };
}
