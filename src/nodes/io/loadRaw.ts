/**
 * io.load-raw: a headerless binary volume or image with user-given shape, sample type, byte order
 * and header offset; reads only the requested frames (ranged reads where the file store has them).
 */
import { defineNode, NodeInputError } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import type { ValueMeta } from '../../runtime/values';
import { sourceFile } from '../../runtime/files/fileIdentity';
import { FRAME_AXIS_PARAM, FRAME_RANGE_PARAMS, framesValue } from './frameRange';
import { fileByteSource } from '../../ops/io/raw/fileByteSource';
import { readRawFrames } from '../../ops/io/raw/readRawFrames';
import type { RawDType } from '../../ops/io/raw/decodeRawSamples';

const params = defineParams({
  files: { type: 'files', label: 'File', description: 'One raw binary file (.raw, .bin, .vol, .dat…).', accept: ['.raw', '.bin', '.vol', '.dat', '.img'], multiple: false, default: [] },
  width: { type: 'integer', label: 'Width', description: 'Pixels per row (the fastest-varying axis).', default: 512, min: 1, unit: 'px' },
  height: { type: 'integer', label: 'Height', description: 'Rows per frame.', default: 512, min: 1, unit: 'px' },
  frames: { type: 'integer', label: 'Frames', description: 'Frames (slices) stored in the file.', default: 1, min: 1 },
  dtype: {
    type: 'enum',
    label: 'Sample type',
    description: 'Type of each sample in the file. 8/16-bit unsigned are kept as they are; the others become 32-bit float.',
    default: 'u16',
    options: [
      { value: 'u8', label: 'uint8' },
      { value: 'u16', label: 'uint16' },
      { value: 'i16', label: 'int16' },
      { value: 'u32', label: 'uint32' },
      { value: 'i32', label: 'int32' },
      { value: 'f32', label: 'float32' },
      { value: 'f64', label: 'float64' },
    ],
  },
  endianness: {
    type: 'enum',
    label: 'Byte order',
    description: 'Byte order of multi-byte samples: little-endian (PCs, most detectors) or big-endian (ImageJ raw exports, older instruments).',
    default: 'little',
    options: [
      { value: 'little', label: 'little-endian' },
      { value: 'big', label: 'big-endian' },
    ],
  },
  headerBytes: { type: 'integer', label: 'Header offset', description: 'Bytes to skip before the first frame.', default: 0, min: 0, unit: 'bytes' },
  ...FRAME_RANGE_PARAMS,
  frameAxis: FRAME_AXIS_PARAM,
});

export const loadRawNode = defineNode({
  type: 'io.load-raw',
  version: 1,
  category: 'io',
  title: 'Load raw binary',
  help:
    'Reads a headerless binary file as frames × height × width samples in C order (numpy.fromfile(...).reshape), with the ' +
    'sample type, byte order and header offset you give. The sizes are checked against the file before anything is ' +
    'allocated (a mismatch is refused with the numbers); only the requested frames are read, so a few frames of a ' +
    'file of tens of GB open quickly. A file of one frame gives an image, otherwise a stack (also when one frame is read).',
  inputs: [],
  outputs: [{ name: 'image', label: 'Image', kinds: ['image', 'stack'] }],
  params,
  async run(_inputs, p, ctx) {
    const ref = p.files[0];
    if (!ref) throw new NodeInputError('files: expected one raw file, got none');
    const source = await fileByteSource(ctx.files, ref);
    await ctx.progress(0, `reading ${ref.name}`);
    let raw;
    try {
      raw = await readRawFrames(source, {
        width: p.width,
        height: p.height,
        frames: p.frames,
        dtype: p.dtype as RawDType,
        littleEndian: p.endianness === 'little',
        headerBytes: p.headerBytes,
        firstFrame: p.firstFrame,
        frameCount: p.frameCount,
        onFrame: (done, n) => ctx.progress(done / n, `frame ${done}/${n}`),
      });
    } catch (err) {
      if (err instanceof RangeError) throw new NodeInputError(err.message);
      throw err;
    }
    if (raw.trailingBytes > 0) ctx.warn(`${ref.name}: ${raw.trailingBytes} bytes after the last frame were ignored (check the sizes if unexpected)`);
    const meta: ValueMeta = {
      sources: [await sourceFile(ctx.files, ref, source.size)],
      history: [],
      attrs: { format: 'raw', rawDType: p.dtype, endianness: p.endianness },
    };
    return {
      image: framesValue({
        width: p.width,
        height: p.height,
        frames: raw.frames,
        dtype: raw.dtype,
        data: raw.data,
        single: p.frames === 1,
        frameAxis: { name: p.frameAxis, unit: '' },
        frameCoords: Float64Array.from({ length: raw.frames }, (_, i) => p.firstFrame + i),
        valueAxis: { name: 'intensity', unit: '' },
        meta,
      }),
    };
  },
});
