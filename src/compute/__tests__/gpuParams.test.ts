import { describe, expect, it } from 'vitest';
import { f32, params } from '../webgpu/gpuContext';

// The uniform blocks the kernels read (`Params` in wgsl/*.wgsl.ts): 4-byte words in order,
// zero-padded to 16 bytes, laid out as the typed arrays the kernels were first written with.
describe('params (WebGPU uniform words)', () => {
  it('packs u32 words and pads to a multiple of 16 bytes with zeros', () => {
    const u = params(7, 8, 9, 10, 11);
    expect(u.byteLength).toBe(32);
    expect([...new Uint32Array(u)]).toEqual([7, 8, 9, 10, 11, 0, 0, 0]);
    expect(params().byteLength).toBe(16);
    expect(params(1, 2, 3, 4).byteLength).toBe(16);
  });

  it('writes f32 words as float32 at their position (as Float32Array views would)', () => {
    const u = params(5, 1, 0, f32(Infinity));
    expect(new Uint32Array(u, 0, 3)).toEqual(new Uint32Array([5, 1, 0]));
    expect(new Float32Array(u, 12, 1)[0]).toBe(Infinity);
    const v = params(3, 4, 12, f32(-0.1), 20, 30);
    const want = new ArrayBuffer(32);
    new Uint32Array(want, 0, 3).set([3, 4, 12]);
    new Float32Array(want, 12, 1)[0] = -0.1;
    new Uint32Array(want, 16, 2).set([20, 30]);
    expect(new Uint8Array(v)).toEqual(new Uint8Array(want));
  });
});
