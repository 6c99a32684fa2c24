import type { PixelArray, PixelDType } from '../../../runtime/values';

/** Frames read from an N-D array, row-major `frames × height × width`. */
export interface FrameBlock {
  width: number;
  height: number;
  /** Frames read. */
  frames: number;
  /** Frames in the array. */
  totalFrames: number;
  dtype: PixelDType;
  data: PixelArray;
  /** Remarks for the user (type conversions). */
  notes: string[];
}

export interface FrameLayout {
  width: number;
  height: number;
  totalFrames: number;
  /** Leading dimensions (all 1) before the frame axis. */
  lead: number[];
  /** First frame and number of frames to read. */
  first: number;
  count: number;
}

/**
 * How an array of `shape` (C order) is read as frames: 2-D → one frame, 3-D → `frames × height ×
 * width`, more dimensions only when the leading ones are 1; and the checked frame range (first,
 * count: `null` for all the rest). RangeErrors name `what` (file and dataset), the shape and the range.
 */
export function frameLayout(what: string, shape: number[], firstFrame = 0, frameCount: number | null = null): FrameLayout {
  const rank = shape.length;
  const lead = shape.slice(0, Math.max(0, rank - 3));
  if (rank < 2 || lead.some((d) => d !== 1))
    throw new RangeError(`${what} has shape [${shape.join(', ')}], expected an image (2 dimensions) or a stack of frames (3 dimensions)`);
  const totalFrames = rank >= 3 ? shape[rank - 3] : 1;
  if (!Number.isInteger(firstFrame) || firstFrame < 0 || firstFrame >= totalFrames)
    throw new RangeError(`${what}: firstFrame must be an integer in 0…${totalFrames - 1}, got ${firstFrame}`);
  const count = frameCount ?? totalFrames - firstFrame;
  if (!Number.isInteger(count) || count < 1 || firstFrame + count > totalFrames)
    throw new RangeError(`${what}: frameCount must be an integer in 1…${totalFrames - firstFrame} (from frame ${firstFrame}), got ${count}`);
  return { width: shape[rank - 1], height: shape[rank - 2], totalFrames, lead, first: firstFrame, count };
}
