import { describe, expect, it } from 'vitest';
import { agreement, SAMPLE_MAX, stridedSample } from '../../bench/gpu/compareArrays';

describe('GPU bench result checks', () => {
  it('samples every value of a short result and ⌊j·N/M⌋ of a long one', () => {
    const short = Float32Array.from({ length: 10 }, (_, i) => i);
    expect([...stridedSample(short)]).toEqual([...short]);
    const n = 3 * SAMPLE_MAX + 5;
    const long = Float32Array.from({ length: n }, (_, i) => i % 1000);
    const s = stridedSample(long);
    expect(s.length).toBe(SAMPLE_MAX);
    for (const j of [0, 1, 777, SAMPLE_MAX - 1]) expect(s[j]).toBe(long[Math.floor((j * n) / SAMPLE_MAX)]);
    // The integer rule peer_gpu.py uses, (j * n) // m, picks the same index.
    const j = SAMPLE_MAX - 1;
    expect(Math.floor((j * n) / SAMPLE_MAX)).toBe(Number((BigInt(j) * BigInt(n)) / BigInt(SAMPLE_MAX)));
  });

  it('measures agreement relative to the reference and never passes NaN or a length mismatch', () => {
    expect(agreement([1, 2, 3], [1, 2, 3])).toBe(0);
    expect(agreement([1, 2, 4], [1, 2, -4])).toBe(2);
    expect(agreement([0.5, 0], [0, 0])).toBe(0.5);
    expect(agreement([NaN, 1], [1, 1])).toBe(Infinity);
    expect(agreement([1], [1, 2])).toBe(Infinity);
  });
});
