import { describe, expect, it } from 'vitest';
import { assetUrl, downloadName, parseExampleIndex } from '../examples';

describe('examples', () => {
  it('parses a valid index and fills a missing description', () => {
    expect(parseExampleIndex([{ id: 'a', title: 'A', workflow: 'a.json' }])).toEqual([
      { id: 'a', title: 'A', description: '', workflow: 'a.json' },
    ]);
  });

  it('names the entry and field of a bad index', () => {
    expect(() => parseExampleIndex({})).toThrow(/expected an array/);
    expect(() => parseExampleIndex([{ id: 'a', title: 'A', workflow: 'a.json' }, { id: 'b', title: 'B' }])).toThrow(
      /entry 1: expected a non-empty string "workflow"/,
    );
  });

  it('builds asset URLs under the base, encoding each path segment', () => {
    expect(assetUrl('/', 'examples/data/op 1/a#.txt')).toBe('/examples/data/op%201/a%23.txt');
    expect(assetUrl('/app', 'examples/index.json')).toBe('/app/examples/index.json');
  });

  it('makes a safe download name from a title', () => {
    expect(downloadName('Ni XANES: fit')).toBe('Ni XANES- fit.json');
    expect(downloadName('  ')).toBe('workflow.json');
    expect(downloadName('../etc')).toBe('-etc.json');
  });
});
