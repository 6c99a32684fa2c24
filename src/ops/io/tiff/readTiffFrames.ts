import type { PixelArray } from '../../../runtime/values';
import { allocPixels } from '../raw/allocPixels';
import { checkDataSize } from '../raw/checkDataSize';
import { decodeRawSamples } from '../raw/decodeRawSamples';
import { frameLayout, type FrameBlock } from '../raw/frameLayout';
import { readTiff } from './readTiff';
import type { TiffStack } from './openTiffStack';

export interface ReadTiffFramesOptions {
  /** First frame read. @default 0 */
  firstFrame?: number;
  /** Frames read from `firstFrame`; `null` for all the rest. @default null */
  frameCount?: number | null;
  /** Where to write (`frameCount × height × width` of the stack's dtype from `outOffset`); allocated when absent. */
  out?: PixelArray;
  /** @default 0 */
  outOffset?: number;
  /** Called after each frame (awaited: cancel by throwing). */
  onFrame?: (done: number, total: number) => Promise<void> | void;
}

/**
 * Reads frames of a stack opened by `openTiffStack`. Lazy stacks read only the requested frames'
 * strips, one ranged read per run of adjacent strips, decoded straight into the output; other
 * (compressed, tiled) classic TIFFs are decoded whole by `readTiff`. The size is checked against
 * the allocation limit before allocating.
 */
export async function readTiffFrames(stack: TiffStack, options: ReadTiffFramesOptions = {}): Promise<FrameBlock> {
  const { source, width, height, frames, dtype } = stack;
  const { first, count } = frameLayout(source.name, [frames, height, width], options.firstFrame, options.frameCount);
  const plane = width * height;
  const at = options.outOffset ?? 0;
  let out = options.out;
  if (!out) {
    checkDataSize({
      fileName: source.name,
      dims: [['frames', frames], ['height', height], ['width', width]],
      bytesPerSample: dtype === 'f32' ? 4 : dtype === 'u16' ? 2 : 1,
      dtype,
      samplesToRead: count * plane,
    });
    out = allocPixels(dtype, count * plane);
  }
  if (at + count * plane > out.length) throw new RangeError(`${source.name}: ${count} frames from outOffset ${at} do not fit an output of ${out.length} samples`);

  if (!stack.lazy) {
    const img = readTiff(await source.read(0, source.size), source.name);
    (out as Float32Array).set(img.data.subarray(first * plane, (first + count) * plane) as unknown as Float32Array, at);
    return { width, height, frames: count, totalFrames: frames, dtype, data: out, notes: img.notes };
  }
  for (let i = 0; i < count; i++) {
    for (const seg of stack.segments(first + i)) {
      const bytes = await source.read(seg.offset, seg.offset + seg.bytes);
      if (bytes.byteLength !== seg.bytes)
        throw new RangeError(`${source.name}: frame ${first + i} needs bytes ${seg.offset}…${seg.offset + seg.bytes}, the read returned ${bytes.byteLength}`);
      decodeRawSamples(bytes, { dtype: stack.sampleType!, littleEndian: stack.littleEndian, out, outOffset: at + i * plane + seg.sample });
    }
    await options.onFrame?.(i + 1, count);
  }
  return { width, height, frames: count, totalFrames: frames, dtype, data: out, notes: stack.notes };
}
