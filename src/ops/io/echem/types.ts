/** What every electrochemistry reader returns: the file's own columns plus its start time. */
import type { TimeStamp } from '../columns/parseTimeStamp';

export interface EchemColumn {
  /** Column name as the instrument writes it (`Ewe/V`, `<I>/mA`, `Volts`). */
  name: string;
  /** Unit when known (`V`, `mA`, `mA.h`, `C`, `s`), else ''. */
  unit: string;
  data: Float64Array;
}

export interface EchemFile {
  fileName: string;
  format: 'biologic-mpt' | 'biologic-mpr' | 'maccor' | 'neware' | 'csv';
  columns: EchemColumn[];
  rows: number;
  /** Absolute start of the acquisition (t = 0 of the time column), when the file says it. */
  startTime: TimeStamp | null;
  /** Header lines / fields worth keeping (technique, device, software version). */
  header: Record<string, string>;
  /** Non-fatal problems, each naming the file and line or field. */
  warnings: string[];
}
