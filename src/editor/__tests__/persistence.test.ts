import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { debounce, StudioStorage } from '../persistence';

let n = 0;
const fresh = () => StudioStorage.open(`test-db-${++n}`);

describe('StudioStorage', () => {
  afterEach(() => vi.useRealTimers());

  it('stores and restores the autosave, refusing a document that does not parse', async () => {
    const s = await fresh();
    expect(await s.loadAutosave()).toBeNull();
    const parses = (t: string) => t.startsWith('{');
    expect(await s.saveAutosave('{"good":1}', parses)).toBe(true);
    expect(await s.saveAutosave('broken', parses)).toBe(false);
    expect(await s.loadAutosave()).toBe('{"good":1}');
    await s.clearAutosave();
    expect(await s.loadAutosave()).toBeNull();
    s.close();
  });

  it('keeps its own copy of file bytes (the caller may transfer the buffer)', async () => {
    const s = await fresh();
    const bytes = new Uint8Array([1, 2, 3]);
    await s.putFile('a.xdi', bytes.buffer);
    bytes[0] = 99;
    const f = await s.getFile('a.xdi');
    expect(f?.size).toBe(3);
    expect([...new Uint8Array(f!.bytes!)]).toEqual([1, 2, 3]);
    expect(await s.fileNames()).toEqual(['a.xdi']);
    expect(await s.getFile('zz')).toBeUndefined();
    // a big file is remembered without its bytes (the studio asks for it again after a reload)
    await s.putFileRecord('big.tif', 20e9, 1700000000000);
    expect(await s.getFile('big.tif')).toMatchObject({ name: 'big.tif', size: 20e9, lastModified: 1700000000000 });
    expect((await s.getFile('big.tif'))?.bytes).toBeUndefined();
    s.close();
  });
});

describe('debounce', () => {
  it('calls once after the last schedule, and flush runs a pending call now', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const d = debounce(fn, 500);
    d.schedule();
    vi.advanceTimersByTime(300);
    d.schedule();
    vi.advanceTimersByTime(300);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(200);
    expect(fn).toHaveBeenCalledTimes(1);
    d.schedule();
    d.flush();
    expect(fn).toHaveBeenCalledTimes(2);
    d.flush();
    expect(fn).toHaveBeenCalledTimes(2);
    d.schedule();
    d.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(2);
  });
});
