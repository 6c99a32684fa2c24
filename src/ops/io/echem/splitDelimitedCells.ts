/** Cells of one delimited line, trimmed, with surrounding double quotes removed. */
export function splitDelimitedCells(line: string, separator: string): string[] {
  return line.split(separator).map((c) => {
    const t = c.trim();
    return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).trim() : t;
  });
}
