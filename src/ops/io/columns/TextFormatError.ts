/**
 * A text data file that cannot be read: the message names the file, the line (1-based) and what was
 * expected, e.g. `bad_13.xdi, line 31: expected 4 values (as on line 29), found 3`.
 */
export class TextFormatError extends Error {
  readonly fileName: string;
  readonly line: number | null;
  constructor(fileName: string, line: number | null, message: string) {
    super(`${fileName}${line !== null ? `, line ${line}` : ''}: ${message}`);
    this.name = 'TextFormatError';
    this.fileName = fileName;
    this.line = line;
  }
}
