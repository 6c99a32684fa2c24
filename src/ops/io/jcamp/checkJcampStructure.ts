import { TextFormatError } from '../columns/TextFormatError';

/**
 * Checks the block structure of a JCAMP-DX text before it is parsed: every `##TITLE=` opens a
 * block that an `##END=` closes (LINK files nest blocks), and no `##END=` closes a block that was
 * never opened. jcampconverter reads a block without its `##END=` silently; a missing end more
 * often means a truncated file, so it is refused here with the line of the block's title.
 * Returns the 1-based line of each `##TITLE=` in file order (the order of jcampconverter's
 * `flatten` entries), used to name blocks in later messages.
 */
export function checkJcampStructure(text: string, fileName: string): number[] {
  const titleLines: number[] = [];
  const open: { line: number; title: string }[] = [];
  let line = 0;
  let start = 0;
  const n = text.length;
  while (start < n) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = n;
    line++;
    // Only label lines matter; data lines never start with "##".
    if (text.charCodeAt(start) === 35 && text.charCodeAt(start + 1) === 35) {
      const m = /^##\s*([^=\r\n]*?)\s*(=|$)(.*)/.exec(text.slice(start, Math.min(end, start + 200)));
      const label = (m?.[1] ?? '').replace(/[\s_-]/g, '').toUpperCase();
      if (label === 'TITLE') {
        titleLines.push(line);
        open.push({ line, title: (m?.[3] ?? '').trim() });
      } else if (label === 'END') {
        if (open.length === 0) throw new TextFormatError(fileName, line, '##END= closes no block: expected ##TITLE= to open a block before it');
        open.pop();
      }
    } else if (titleLines.length === 0 && text.slice(start, end).trim() !== '' && !text.startsWith('$$', start)) {
      throw new TextFormatError(fileName, line, `expected a JCAMP-DX file starting with ##TITLE=, found "${text.slice(start, Math.min(end, start + 30)).trim()}"`);
    }
    start = end + 1;
  }
  if (titleLines.length === 0) throw new TextFormatError(fileName, null, 'no ##TITLE= record: expected a JCAMP-DX file');
  if (open.length > 0) {
    const b = open[open.length - 1];
    throw new TextFormatError(
      fileName,
      b.line,
      `block "${b.title}" has no ##END= (file ends at line ${line}): expected ##END= after its data; the file may be truncated`,
    );
  }
  return titleLines;
}
