/**
 * Shared pieces of the lazy stack loaders (io.load-raw, io.load-hdf5, io.load-zarr): the frame-range
 * and frame-axis parameters and the image/stack value built from the frames read.
 */
import { defineParams, type EnumParam } from '../../runtime/params';
import type { AxisInfo, ImageValue, PixelArray, PixelDType, PixelSize, StackValue, ValueMeta } from '../../runtime/values';

/** `firstFrame` / `frameCount` parameters: read a few frames of a big file quickly. */
export const FRAME_RANGE_PARAMS = defineParams({
  firstFrame: { type: 'integer', label: 'First frame', description: 'Index of the first frame (first dimension) to read, 0-based.', default: 0, min: 0, advanced: true },
  frameCount: {
    type: 'integer',
    label: 'Frame count',
    description: 'How many frames to read from the first frame; auto reads all the rest. Only these frames are read from the file, so one frame of a big file opens in seconds.',
    default: null,
    min: 1,
    nullable: true,
    nullLabel: 'all',
    advanced: true,
  },
});

/** What the frames of a stack from a file without that information are. */
export const FRAME_AXIS_PARAM: EnumParam = {
  type: 'enum',
  label: 'Frame axis',
  description: 'What the frames are: z slices of a volume, times of a series, or energies.',
  default: 'z',
  options: [
    { value: 'z', label: 'z (slices)' },
    { value: 'time', label: 'time' },
    { value: 'energy', label: 'energy' },
  ],
};

export interface FramesToValue {
  width: number;
  height: number;
  frames: number;
  dtype: PixelDType;
  data: PixelArray;
  /** An image rather than a stack (the source holds a single frame). */
  single: boolean;
  frameAxis: AxisInfo;
  frameCoords: Float64Array;
  valueAxis: AxisInfo;
  meta: ValueMeta;
  pixelSize?: PixelSize;
}

/** The output value of frames read by a loader: an image for a single-frame source, else a stack. */
export function framesValue(f: FramesToValue): ImageValue | StackValue {
  if (f.single) {
    const image: ImageValue = { kind: 'image', width: f.width, height: f.height, dtype: f.dtype, data: f.data, valueAxis: f.valueAxis, meta: f.meta };
    if (f.pixelSize) image.pixelSize = f.pixelSize;
    return image;
  }
  const stack: StackValue = {
    kind: 'stack',
    frames: f.frames,
    width: f.width,
    height: f.height,
    dtype: f.dtype,
    data: f.data,
    frameAxis: f.frameAxis,
    frameCoords: f.frameCoords,
    valueAxis: f.valueAxis,
    meta: f.meta,
  };
  if (f.pixelSize) stack.pixelSize = f.pixelSize;
  return stack;
}
