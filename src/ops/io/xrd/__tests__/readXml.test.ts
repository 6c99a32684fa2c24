import { describe, expect, it } from 'vitest';
import { readXml } from '../readXml';

describe('readXml', () => {
  it('reads nesting, attributes (prefix dropped), entities, CDATA, comments and self-closing tags', () => {
    const root = readXml(
      '<?xml version="1.0"?>\n<!DOCTYPE a>\n<a x="1" xsi:type=\'t &amp; u\'>\n <!-- c <b> -->\n <b>x &lt; y &#65;&#x42;</b>\n <c/><d><![CDATA[<raw>]]></d>\n</a>\n',
      'f.xml',
    );
    expect(root.name).toBe('a');
    expect(root.attrs).toEqual({ x: '1', type: 't & u' });
    expect(root.children.map((c) => c.name)).toEqual(['b', 'c', 'd']);
    expect(root.children[0].text).toBe('x < y AB');
    expect(root.children[0].line).toBe(5);
    expect(root.children[2].text).toBe('<raw>');
  });
  it('a ">" inside a quoted attribute does not end the tag', () => {
    expect(readXml('<a k="x>y"/>', 'f').attrs.k).toBe('x>y');
  });
  it('refuses mismatched, unclosed and doubled roots naming the line', () => {
    expect(() => readXml('<a>\n<b>\n</a>', 'f.xml')).toThrow(/^f\.xml, line 3: end tag <\/a> does not match <b> opened on line 2/);
    expect(() => readXml('<a>\n<b>text', 'f.xml')).toThrow(/^f\.xml, line 2: end of file inside <b> opened on line 2 \(truncated file\?\)/);
    expect(() => readXml('<a/><b/>', 'f.xml')).toThrow(/second root element <b>/);
    expect(() => readXml('<a x="1', 'f.xml')).toThrow(/unterminated start tag/);
    expect(() => readXml('', 'f.xml')).toThrow(/^f\.xml: no XML element found/);
  });
});
