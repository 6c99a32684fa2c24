/**
 * Finds where a JSON text stops being valid. `JSON.parse` messages differ between engines and
 * V8's often give no position at all ("Unexpected token '}', … is not valid JSON"), yet a user
 * fixing a hand-edited workflow needs a line and column. This is a small scanner that follows the
 * JSON grammar (RFC 8259) only far enough to report the first error; it builds nothing.
 */

export interface JsonErrorLocation {
  /** 0-based character offset of the error. */
  offset: number;
  /** 1-based line and column. */
  line: number;
  column: number;
  /** What was expected there, e.g. `expected ',' or '}'`, `unexpected end of file`. */
  message: string;
}

class JsonSyntax extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** Returns the location of the first syntax error, or null when `text` is valid JSON. */
export function locateJsonError(text: string): JsonErrorLocation | null {
  let i = 0;
  const n = text.length;

  const fail = (message: string, at = i): never => {
    throw new JsonSyntax(at, at >= n ? `unexpected end of file (truncated?): ${message}` : message);
  };
  const show = (c: string | undefined) => (c === undefined ? 'end of file' : JSON.stringify(c));
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(`expected a value, got ${show(text[i])}`);
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= n) fail('unterminated string');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail('control character inside a string (escape it, e.g. \\n)');
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('expected 4 hex digits after \\u', i + 2);
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail(`invalid escape \\${e ?? ''}`);
      } else i++;
    }
  };
  const number = () => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail(`expected a number, got ${show(text[i])}`);
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`expected a property name in double quotes, got ${show(text[i])}`);
        string();
        ws();
        if (text[i] !== ':') fail(`expected ':' after the property name, got ${show(text[i])}`);
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail(`expected ',' or '}' in an object, got ${show(text[i])}`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail(`expected ',' or ']' in an array, got ${show(text[i])}`);
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    fail(`expected a value, got ${show(c)}`);
  };

  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1; // byte-order mark
    value();
    ws();
    if (i < n) fail(`unexpected ${show(text[i])} after the end of the JSON value`);
    return null;
  } catch (e) {
    if (!(e instanceof JsonSyntax)) throw e;
    const before = text.slice(0, e.offset);
    const line = before.split('\n').length;
    const column = e.offset - (before.lastIndexOf('\n') + 1) + 1;
    return { offset: e.offset, line, column, message: e.message };
  }
}
