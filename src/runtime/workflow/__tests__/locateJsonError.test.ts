import { describe, expect, it } from 'vitest';
import { locateJsonError } from '../locateJsonError';

/** Deterministic pseudo-random numbers (mulberry32) so failures reproduce. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const parses = (s: string) => {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
};

describe('locateJsonError', () => {
  it('finds the position of simple errors', () => {
    expect(locateJsonError('{"a": 1,}')).toMatchObject({ offset: 8, line: 1, column: 9 });
    expect(locateJsonError('{\n  "a": tru\n}')).toMatchObject({ line: 2, column: 8, message: 'expected a value, got "t"' });
    expect(locateJsonError('[1, 2')).toMatchObject({ offset: 5, message: "unexpected end of file (truncated?): expected ',' or ']' in an array, got end of file" });
    expect(locateJsonError('{"a": "x\ny"}')?.message).toContain('control character');
    expect(locateJsonError('{} {}')?.message).toBe('unexpected "{" after the end of the JSON value');
    expect(locateJsonError("{'a': 1}")?.message).toBe('expected a property name in double quotes, got "\'"');
    expect(locateJsonError('01')?.offset).toBe(1);
  });

  it('agrees with JSON.parse on valid and mutated documents', () => {
    const rand = rng(42);
    const base = JSON.stringify(
      { format: 'f', n: [1, -2.5e3, 0, true, false, null, 'a\\"b\u00e9\n'], nested: { deep: [[], {}, [{ x: 1e-7 }]] } },
      null,
      2,
    );
    expect(locateJsonError(base)).toBeNull();
    const alphabet = '{}[],:"\\ 0123456789.eE+-tfnalsrux\n';
    let invalid = 0;
    for (let trial = 0; trial < 3000; trial++) {
      let s = base;
      const edits = 1 + Math.floor(rand() * 3);
      for (let k = 0; k < edits; k++) {
        const at = Math.floor(rand() * (s.length + 1));
        const op = rand();
        if (op < 0.4) s = s.slice(0, at) + s.slice(at + 1);
        else if (op < 0.8) s = s.slice(0, at) + alphabet[Math.floor(rand() * alphabet.length)] + s.slice(at);
        else s = s.slice(0, at);
      }
      const loc = locateJsonError(s);
      expect(loc === null, `mutated text: ${JSON.stringify(s)}`).toBe(parses(s));
      if (loc) {
        invalid++;
        expect(loc.offset).toBeGreaterThanOrEqual(0);
        expect(loc.offset).toBeLessThanOrEqual(s.length);
        // The text before the error is a valid prefix: line/column agree with the offset.
        const before = s.slice(0, loc.offset).split('\n');
        expect(loc.line).toBe(before.length);
        expect(loc.column).toBe(before[before.length - 1].length + 1);
      }
    }
    expect(invalid).toBeGreaterThan(1000);
  });
});
