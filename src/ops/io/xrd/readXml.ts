/**
 * A small, tolerant XML reader for instrument files (PANalytical `.xrdml`): elements, attributes,
 * text, the five named entities and numeric character references; skips the declaration,
 * processing instructions, comments, DOCTYPE; keeps CDATA as text. Namespace prefixes are dropped
 * from names (`xsi:type` → `type`). `DOMParser` is not available in Node, hence this.
 * Malformed nesting or an unclosed element throws a `TextFormatError` naming the line.
 */
import { TextFormatError } from '../columns/TextFormatError';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text directly inside the element, entities decoded, not trimmed. */
  text: string;
  /** 1-based line of the start tag. */
  line: number;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e] ?? m;
  });
}

const localName = (n: string) => n.slice(n.indexOf(':') + 1);

/** Returns the root element. */
export function readXml(text: string, fileName: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let line = 1;
  let pos = 0;
  const n = text.length;
  const advanceTo = (end: number) => {
    for (let i = pos; i < end; i++) if (text.charCodeAt(i) === 10) line++;
    pos = end;
  };
  const skipPast = (marker: string, what: string) => {
    const k = text.indexOf(marker, pos);
    if (k < 0) throw new TextFormatError(fileName, line, `unterminated ${what}: expected "${marker}"`);
    advanceTo(k + marker.length);
  };
  while (pos < n) {
    const lt = text.indexOf('<', pos);
    const end = lt < 0 ? n : lt;
    if (end > pos) {
      const chunk = text.slice(pos, end);
      if (stack.length > 0) stack[stack.length - 1].text += decode(chunk);
      else if (chunk.trim() !== '') throw new TextFormatError(fileName, line, `text outside the root element: expected "<"`);
      advanceTo(end);
    }
    if (lt < 0) break;
    if (text.startsWith('<?', pos)) skipPast('?>', 'processing instruction');
    else if (text.startsWith('<!--', pos)) skipPast('-->', 'comment');
    else if (text.startsWith('<![CDATA[', pos)) {
      const k = text.indexOf(']]>', pos);
      if (k < 0) throw new TextFormatError(fileName, line, 'unterminated CDATA section: expected "]]>"');
      if (stack.length > 0) stack[stack.length - 1].text += text.slice(pos + 9, k);
      advanceTo(k + 3);
    } else if (text.startsWith('<!', pos)) skipPast('>', 'declaration');
    else if (text.startsWith('</', pos)) {
      const k = text.indexOf('>', pos);
      if (k < 0) throw new TextFormatError(fileName, line, 'unterminated end tag: expected ">"');
      const name = localName(text.slice(pos + 2, k).trim());
      const open = stack.pop();
      if (!open || open.name !== name)
        throw new TextFormatError(
          fileName,
          line,
          open ? `end tag </${name}> does not match <${open.name}> opened on line ${open.line}` : `end tag </${name}> without a start tag`,
        );
      advanceTo(k + 1);
    } else {
      // Start tag: find its '>' outside quoted attribute values.
      let k = pos + 1;
      let quote = '';
      for (; k < n; k++) {
        const c = text[k];
        if (quote) {
          if (c === quote) quote = '';
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '>') break;
      }
      if (k >= n) throw new TextFormatError(fileName, line, 'unterminated start tag: expected ">" (truncated file?)');
      const selfClosing = text[k - 1] === '/';
      const inner = text.slice(pos + 1, selfClosing ? k - 1 : k);
      const m = /^([^\s/>]+)/.exec(inner);
      if (!m) throw new TextFormatError(fileName, line, 'expected an element name after "<"');
      const el: XmlElement = { name: localName(m[1]), attrs: {}, children: [], text: '', line };
      const attrRe = /([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
      let a: RegExpExecArray | null;
      const rest = inner.slice(m[1].length);
      while ((a = attrRe.exec(rest))) el.attrs[localName(a[1])] = decode(a[3] ?? a[4] ?? '');
      if (stack.length > 0) stack[stack.length - 1].children.push(el);
      else if (root) throw new TextFormatError(fileName, line, `second root element <${el.name}>: expected one root`);
      else root = el;
      if (!selfClosing) stack.push(el);
      advanceTo(k + 1);
    }
  }
  if (stack.length > 0) {
    const open = stack[stack.length - 1];
    throw new TextFormatError(fileName, line, `end of file inside <${open.name}> opened on line ${open.line} (truncated file?)`);
  }
  if (!root) throw new TextFormatError(fileName, null, 'no XML element found');
  return root;
}
