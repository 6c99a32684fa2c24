import { describe, expect, it } from 'vitest';
import { filterNodes } from '../paletteFilter';
import { testRegistry } from './testRegistry';

describe('filterNodes', () => {
  const defs = testRegistry.all();
  it('groups all nodes by category in category order for an empty query', () => {
    const m = filterNodes(defs, '');
    expect([...m.keys()]).toEqual(['io', 'clean']);
  });
  it('matches every word case-insensitively in title, type, category or help', () => {
    expect([...filterNodes(defs, 'SMOOTH').values()].flat().map((d) => d.type)).toEqual(['clean.smooth']);
    expect([...filterNodes(defs, 'load spectra').values()].flat().map((d) => d.type)).toEqual(['io.load-spectra']);
    expect([...filterNodes(defs, 'test smoother').values()].flat().map((d) => d.type)).toEqual(['clean.smooth']);
    expect(filterNodes(defs, 'smooth tomography').size).toBe(0);
  });
});
