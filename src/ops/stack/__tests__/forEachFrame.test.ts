import { describe, expect, it } from 'vitest';
import { forEachFrame } from '../forEachFrame';

describe('forEachFrame', () => {
  it('visits every frame as a view, in order, awaiting the callback after each', async () => {
    const data = Uint16Array.from({ length: 12 }, (_, i) => i);
    const seen: number[][] = [];
    const progress: string[] = [];
    await forEachFrame(
      data,
      2,
      2,
      (frame, f) => {
        seen.push([f, ...frame]);
        frame[0] = 99; // a view: writes reach the stack
      },
      async (done, n) => {
        progress.push(`${done}/${n}`);
      },
    );
    expect(seen).toEqual([[0, 0, 1, 2, 3], [1, 4, 5, 6, 7], [2, 8, 9, 10, 11]]);
    expect(progress).toEqual(['1/3', '2/3', '3/3']);
    expect([data[0], data[4], data[8]]).toEqual([99, 99, 99]);
  });

  it('rejects data that is not a whole number of frames', async () => {
    await expect(forEachFrame(new Float32Array(7), 2, 2, () => {})).rejects.toThrow(/7 values, expected a multiple of width·height = 4/);
  });
});
