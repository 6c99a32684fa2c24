/**
 * io.load-image: reads TIFF/BigTIFF files into an image (one single-page file) or a stack (a
 * multi-page file, or several files in natural name order). Files are opened from their headers
 * and IFDs (ranged reads); only the frames asked for are read, straight into one output array.
 */
import { defineNode, NodeInputError } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import type { ImageValue, SourceFile, StackValue, ValueMeta } from '../../runtime/values';
import { sourceFile } from '../../runtime/files/fileIdentity';
import { fileByteSource } from '../../ops/io/raw/fileByteSource';
import { allocPixels } from '../../ops/io/raw/allocPixels';
import { checkDataSize } from '../../ops/io/raw/checkDataSize';
import { frameLayout } from '../../ops/io/raw/frameLayout';
import { openTiffStack, type TiffStack } from '../../ops/io/tiff/openTiffStack';
import { readTiffFrames } from '../../ops/io/tiff/readTiffFrames';
import { FRAME_RANGE_PARAMS } from './frameRange';

const params = defineParams({
  files: {
    type: 'files',
    label: 'Files',
    description: 'One single-page TIFF gives an image; a multi-page TIFF or several files give a stack (all of the same size and type).',
    accept: ['.tif', '.tiff'],
    multiple: true,
    default: [],
  },
  order: {
    type: 'enum',
    label: 'Order',
    description: 'Order of the files in the stack: by name with numbers compared as numbers (slice_2 before slice_10), or as listed.',
    default: 'name',
    options: [
      { value: 'name', label: 'natural name order' },
      { value: 'given', label: 'as listed' },
    ],
  },
  frameAxis: {
    type: 'enum',
    label: 'Frame axis',
    description: 'What the frames of a stack are: z slices of a volume, times of a series, or energies of a spectro-microscopy stack.',
    default: 'z',
    options: [
      { value: 'z', label: 'z (slices)' },
      { value: 'time', label: 'time' },
      { value: 'energy', label: 'energy' },
    ],
  },
  frameCoords: {
    type: 'string',
    label: 'Frame coordinates',
    description:
      'Optional coordinate of each frame (numbers separated by commas or spaces, one per frame, in stack order), ' +
      'e.g. energies in eV. Empty: the frame index 0, 1, 2, …',
    default: '',
    pattern: '[-+0-9.eE,;\\s]*',
    placeholder: 'frame index',
  },
  frameUnit: {
    type: 'string',
    label: 'Frame unit',
    description: 'Unit of the frame coordinates (µm, s, eV…). Empty: none for indices, else µm for z, s for time, eV for energy.',
    default: '',
    placeholder: 'auto',
    advanced: true,
  },
  ...FRAME_RANGE_PARAMS,
});

const DEFAULT_UNITS: Record<string, string> = { z: 'µm', time: 's', energy: 'eV' };
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Parses "1, 2.5 3e2" into numbers; names the offending item. */
function parseCoords(text: string): number[] | null {
  const items = text.split(/[\s,;]+/).filter((s) => s !== '');
  if (items.length === 0) return null;
  return items.map((s, i) => {
    const v = Number(s);
    if (!Number.isFinite(v)) throw new NodeInputError(`frameCoords: item ${i + 1} "${s}" is not a number`);
    return v;
  });
}

/** RangeErrors of the readers are bad input: shown on the node as such. */
async function asInput<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    if (err instanceof RangeError || (err instanceof Error && !(err instanceof NodeInputError) && err.name === 'Error')) throw new NodeInputError(err.message);
    throw err;
  }
}

export const loadImageNode = defineNode({
  type: 'io.load-image',
  version: 1,
  category: 'io',
  title: 'Load image',
  help:
    'Reads TIFF and BigTIFF images: 8/16-bit unsigned, 8/16-bit signed (as 32-bit float), 32-bit float, either byte order, ' +
    'uncompressed, LZW or Deflate, grayscale or palette (label images keep their indices). A multi-page file or ' +
    'several files become a stack; the pixel size comes from an ImageJ calibration (or a centimetre resolution). ' +
    'Uncompressed files are opened from their headers and only the frames asked for (first frame, frame count) are read, ' +
    'so one frame of a 20 GB stack opens in seconds; compressed or tiled files are decoded whole (up to 2 GiB). ' +
    'RGB, 64-bit, JPEG/PackBits-compressed and compressed BigTIFF files are refused with the tag that was found.',
  inputs: [],
  outputs: [{ name: 'image', label: 'Image', kinds: ['image', 'stack'] }],
  params,
  async run(_inputs, p, ctx) {
    if (p.files.length === 0) throw new NodeInputError('files: expected at least one TIFF file, got none');
    const refs = p.order === 'name' ? [...p.files].sort((a, b) => collator.compare(a.name, b.name)) : [...p.files];
    const coordsGiven = parseCoords(p.frameCoords);

    // Headers and IFDs only: shapes are checked across files before any pixel is read.
    const stacks: TiffStack[] = [];
    const sources: SourceFile[] = [];
    for (let i = 0; i < refs.length; i++) {
      const ref = refs[i];
      await ctx.progress(0, `opening ${ref.name}`);
      const source = await fileByteSource(ctx.files, ref);
      const stack = await asInput(() => openTiffStack(source));
      const first = stacks[0];
      if (first && (stack.width !== first.width || stack.height !== first.height || stack.dtype !== first.dtype)) {
        throw new NodeInputError(
          `${ref.name}: ${stack.width}×${stack.height} ${stack.dtype}, but ${first.source.name} is ${first.width}×${first.height} ` +
            `${first.dtype}; all files of a stack must have the same size and pixel type`,
        );
      }
      stacks.push(stack);
      sources.push(await sourceFile(ctx.files, ref, source.size));
    }

    const head = stacks[0];
    const total = stacks.reduce((n, s) => n + s.frames, 0);
    const what = refs.length === 1 ? refs[0].name : `${refs.length} files`;
    const { first, count } = await asInput(async () => frameLayout(what, [total, head.height, head.width], p.firstFrame, p.frameCount));
    const plane = head.width * head.height;
    await asInput(async () =>
      checkDataSize({
        fileName: what,
        dims: [['frames', total], ['height', head.height], ['width', head.width]],
        bytesPerSample: head.dtype === 'f32' ? 4 : head.dtype === 'u16' ? 2 : 1,
        dtype: head.dtype,
        samplesToRead: count * plane,
      }),
    );
    // One output array; each file's share of [first, first + count) is decoded straight into it.
    const data = allocPixels(head.dtype, count * plane);
    let stackStart = 0;
    let done = 0;
    for (const stack of stacks) {
      const lo = Math.max(first, stackStart);
      const hi = Math.min(first + count, stackStart + stack.frames);
      if (lo < hi) {
        const block = await asInput(() =>
          readTiffFrames(stack, {
            firstFrame: lo - stackStart,
            frameCount: hi - lo,
            out: data,
            outOffset: (lo - first) * plane,
            onFrame: (k) => ctx.progress((done + k) / count, `${stack.source.name}: frame ${lo - stackStart + k}/${stack.frames}`),
          }),
        );
        for (const n of block.notes) ctx.warn(`${stack.source.name}: ${n}`);
        done += hi - lo;
      }
      stackStart += stack.frames;
    }

    const meta: ValueMeta = { sources, history: [], attrs: { format: head.bigTiff ? 'bigtiff' : 'tiff' } };
    if (head.description) meta.attrs.description = head.description.slice(0, 500);
    // Only some frames read: say which, so a preview of frame 0 is not taken for the whole file.
    if (count < total) Object.assign(meta.attrs, { framesInFile: total, firstFrame: first });
    const valueAxis = { name: 'intensity', unit: '' };

    if (total === 1 && !coordsGiven) {
      const value: ImageValue = { kind: 'image', width: head.width, height: head.height, dtype: head.dtype, data, valueAxis, meta };
      if (head.pixelSize) value.pixelSize = head.pixelSize;
      return { image: value };
    }
    if (coordsGiven && coordsGiven.length !== total && coordsGiven.length !== count) {
      throw new NodeInputError(
        `frameCoords: ${coordsGiven.length} values given, expected one per frame (${total})` + (count !== total ? ` or one per frame read (${count})` : ''),
      );
    }
    const frameCoords = coordsGiven
      ? Float64Array.from(coordsGiven.length === total ? coordsGiven.slice(first, first + count) : coordsGiven)
      : Float64Array.from({ length: count }, (_, i) => first + i);
    const unit = p.frameUnit.trim() || (coordsGiven ? DEFAULT_UNITS[p.frameAxis] : '');
    const value: StackValue = {
      kind: 'stack',
      frames: count,
      width: head.width,
      height: head.height,
      dtype: head.dtype,
      data,
      frameAxis: { name: p.frameAxis, unit },
      frameCoords,
      valueAxis,
      meta,
    };
    if (head.pixelSize) value.pixelSize = head.pixelSize;
    await ctx.progress(1);
    return { image: value };
  },
});
