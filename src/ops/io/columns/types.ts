/** What every text spectrum reader returns: named numeric columns plus header information. */
export interface ColumnInfo {
  name: string;
  /** Unit when the file says it (`eV`), else ''. */
  unit: string;
}

export interface ColumnFile {
  fileName: string;
  format: 'xdi' | 'columns';
  columns: ColumnInfo[];
  /** One array per column, all of the same length. */
  data: Float64Array[];
  /** Header metadata: `Family.key` (XDI) or `key` (`# key = value` / `# key: value` lines). */
  header: Record<string, string>;
  /** Free-text comment lines of the header. */
  comments: string;
  /** Start time of the scan from the header, when there is a valid one. */
  startTime: { iso: string; seconds: number } | null;
  /** Non-fatal problems found while reading, each naming the file and line or field. */
  warnings: string[];
}
