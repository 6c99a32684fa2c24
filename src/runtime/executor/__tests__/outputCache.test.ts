import { describe, expect, it } from 'vitest';
import { defaultCacheBytes, OutputCache, type CacheEntry } from '../outputCache';

const entry = (bytes: number): CacheEntry => ({ outputs: {}, warnings: [], files: [], bytes });

describe('OutputCache', () => {
  it('defaults to 2 GiB in Node', () => {
    expect(defaultCacheBytes()).toBe(2 * 1024 ** 3);
    expect(new OutputCache().maxBytes).toBe(2 * 1024 ** 3);
  });

  it('evicts least recently used entries when over budget', () => {
    const c = new OutputCache(100);
    c.set('a', entry(40));
    c.set('b', entry(40));
    expect(c.get('a')).toBeDefined(); // a is now the most recent
    c.set('c', entry(40)); // 120 > 100: b goes
    expect(c.has('b')).toBe(false);
    expect(c.has('a')).toBe(true);
    expect(c.has('c')).toBe(true);
    expect(c.bytes).toBe(80);
    expect(c.size).toBe(2);
  });

  it('does not keep an entry larger than the budget, and replacing a key re-counts its bytes', () => {
    const c = new OutputCache(100);
    c.set('big', entry(101));
    expect(c.has('big')).toBe(false);
    c.set('k', entry(30));
    c.set('k', entry(50));
    expect(c.bytes).toBe(50);
    c.delete('k');
    expect(c.bytes).toBe(0);
    c.set('x', entry(1));
    c.clear();
    expect([c.size, c.bytes]).toEqual([0, 0]);
  });

  it('refuses a negative budget', () => {
    expect(() => new OutputCache(-1)).toThrow(/maxBytes/);
  });
});
