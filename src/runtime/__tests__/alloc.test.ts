import { afterEach, describe, expect, it } from 'vitest';
import {
  allocFloat32,
  allocFloat64,
  allocUint16,
  allocUint8,
  canShareMemory,
  DEFAULT_ALLOC_LIMIT_BYTES,
  getAllocLimit,
  setAllocLimit,
} from '../alloc';

afterEach(() => setAllocLimit(DEFAULT_ALLOC_LIMIT_BYTES));

describe('alloc', () => {
  it('allocates zeroed arrays of the right type and length, shared in Node', () => {
    expect(canShareMemory()).toBe(true);
    const cases = [
      [allocFloat32(5), Float32Array],
      [allocFloat64(5), Float64Array],
      [allocUint8(5), Uint8Array],
      [allocUint16(5), Uint16Array],
    ] as const;
    for (const [a, T] of cases) {
      expect(a).toBeInstanceOf(T);
      expect(a.length).toBe(5);
      expect([...a]).toEqual([0, 0, 0, 0, 0]);
      expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
    }
  });

  it('falls back to ArrayBuffer where memory cannot be shared', () => {
    const sab = globalThis.SharedArrayBuffer;
    try {
      // @ts-expect-error simulate a page that is not cross-origin isolated
      delete globalThis.SharedArrayBuffer;
      expect(canShareMemory()).toBe(false);
      expect(allocFloat32(3).buffer).toBeInstanceOf(ArrayBuffer);
    } finally {
      globalThis.SharedArrayBuffer = sab;
    }
  });

  it('refuses sizes beyond the limit, naming the size in GB', () => {
    setAllocLimit(1024 ** 3);
    expect(getAllocLimit()).toBe(1024 ** 3);
    expect(() => allocFloat32(300_000_000)).toThrow(RangeError);
    expect(() => allocFloat32(300_000_000)).toThrow(/allocFloat32: 300000000 elements need 1\.12 GB, above the allocation limit of 1\.00 GB/);
    expect(allocUint8(1000).length).toBe(1000);
  });

  it('refuses bad lengths and limits', () => {
    expect(() => allocUint8(-1)).toThrow(/length must be a non-negative integer, got -1/);
    expect(() => allocUint16(1.5)).toThrow(/got 1.5/);
    expect(() => setAllocLimit(0)).toThrow(/setAllocLimit/);
  });
});
