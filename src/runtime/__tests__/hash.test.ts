import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { canonicalJson, hashJson, sha256Hex } from '../hash';

describe('canonicalJson / hashJson', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: 'x' }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('equal data hash equal whatever the key order; different data differ', async () => {
    const a = await hashJson({ sigma: 2, mode: 'reflect', files: [{ name: 'a.tif' }] });
    const b = await hashJson({ files: [{ name: 'a.tif' }], mode: 'reflect', sigma: 2 });
    const c = await hashJson({ files: [{ name: 'a.tif' }], mode: 'reflect', sigma: 2.5 });
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(await hashJson([1, 2])).not.toBe(await hashJson([2, 1]));
  });

  it('refuses values without a faithful JSON form, naming the path', () => {
    expect(() => canonicalJson({ a: [1, NaN] })).toThrow(/\$\.a\[1\] is NaN/);
    expect(() => canonicalJson({ data: new Float32Array(2) })).toThrow(/\$\.data is binary data/);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => canonicalJson(loop)).toThrow(/refers back to itself/);
  });
});

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 test vector and node:crypto', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const bytes = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 31) % 256);
    expect(await sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await sha256Hex(bytes.buffer)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('hashes views on SharedArrayBuffers and sub-views by their own bytes', async () => {
    const shared = new Uint8Array(new SharedArrayBuffer(6));
    shared.set([1, 2, 3, 4, 5, 6]);
    expect(await sha256Hex(shared.subarray(2, 5))).toBe(await sha256Hex(new Uint8Array([3, 4, 5])));
  });
});
