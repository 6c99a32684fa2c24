/**
 * Runs `fn` on every frame of a `frames × height × width` array (views, no copies), awaiting
 * `onFrame(done, frames)` after each so long stacks can report progress and be cancelled. `fn` may
 * be async (e.g. a GPU kernel): it is awaited before the next frame.
 */
export async function forEachFrame<T extends { subarray(a: number, b: number): T; length: number }>(
  data: T,
  width: number,
  height: number,
  fn: (frame: T, index: number) => unknown,
  onFrame?: (done: number, frames: number) => Promise<void> | void,
): Promise<void> {
  const plane = width * height;
  if (!(plane > 0) || data.length % plane !== 0) {
    throw new RangeError(`forEachFrame: data has ${data.length} values, expected a multiple of width·height = ${plane}`);
  }
  const frames = data.length / plane;
  for (let f = 0; f < frames; f++) {
    await fn(data.subarray(f * plane, (f + 1) * plane), f);
    if (onFrame) await onFrame(f + 1, frames);
  }
}
