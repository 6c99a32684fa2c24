/**
 * io.load-image: reads TIFF files into an image (one single-page file) or a stack (a multi-page
 * file, or several files in natural name order).
 */
import { defineNode, NodeInputError } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import type { ImageValue, PixelArray, SourceFile, StackValue, ValueMeta } from '../../runtime/values';
import { readTiff, type TiffImage } from '../../ops/io/tiff/readTiff';

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

export const loadImageNode = defineNode({
  type: 'io.load-image',
  version: 1,
  category: 'io',
  title: 'Load image',
  help:
    'Reads TIFF images: 8/16-bit unsigned, 8/16-bit signed (as 32-bit float), 32-bit float, either byte order, ' +
    'uncompressed, LZW or Deflate, grayscale or palette (label images keep their indices). A multi-page file or ' +
    'several files become a stack; the pixel size comes from an ImageJ calibration (or a centimetre resolution). ' +
    'RGB, 64-bit, JPEG/PackBits-compressed and BigTIFF files are refused with the tag that was found.',
  inputs: [],
  outputs: [{ name: 'image', label: 'Image', kinds: ['image', 'stack'] }],
  params,
  async run(_inputs, p, ctx) {
    if (p.files.length === 0) throw new NodeInputError('files: expected at least one TIFF file, got none');
    const refs = p.order === 'name' ? [...p.files].sort((a, b) => collator.compare(a.name, b.name)) : [...p.files];
    const coordsGiven = parseCoords(p.frameCoords);

    const images: { name: string; img: TiffImage }[] = [];
    const sources: SourceFile[] = [];
    for (let i = 0; i < refs.length; i++) {
      const ref = refs[i];
      await ctx.progress(i / refs.length, `reading ${ref.name}`);
      const bytes = await ctx.files.read(ref);
      sources.push({ name: ref.name, sha256: await ctx.files.hash(ref), size: bytes.byteLength });
      let img: TiffImage;
      try {
        img = readTiff(bytes, ref.name);
      } catch (err) {
        throw new NodeInputError((err as Error).message);
      }
      for (const n of img.notes) ctx.warn(`${ref.name}: ${n}`);
      const first = images[0];
      if (first && (img.width !== first.img.width || img.height !== first.img.height || img.dtype !== first.img.dtype)) {
        throw new NodeInputError(
          `${ref.name}: ${img.width}×${img.height} ${img.dtype}, but ${first.name} is ${first.img.width}×${first.img.height} ` +
            `${first.img.dtype}; all files of a stack must have the same size and pixel type`,
        );
      }
      images.push({ name: ref.name, img });
    }
    await ctx.progress(0.95, 'assembling');

    const head = images[0].img;
    const meta: ValueMeta = { sources, history: [], attrs: { format: 'tiff' } };
    if (head.description) meta.attrs.description = head.description.slice(0, 500);
    const valueAxis = { name: 'intensity', unit: '' };
    const frames = images.reduce((n, x) => n + x.img.frames, 0);

    if (frames === 1 && !coordsGiven) {
      const value: ImageValue = {
        kind: 'image',
        width: head.width,
        height: head.height,
        dtype: head.dtype,
        data: head.data,
        valueAxis,
        meta,
      };
      if (head.pixelSize) value.pixelSize = head.pixelSize;
      return { image: value };
    }

    let data: PixelArray;
    if (images.length === 1) data = head.data;
    else {
      const plane = head.width * head.height;
      data = head.dtype === 'u8' ? new Uint8Array(plane * frames) : head.dtype === 'u16' ? new Uint16Array(plane * frames) : new Float32Array(plane * frames);
      let at = 0;
      for (const { img } of images) {
        data.set(img.data as never, at);
        at += img.data.length;
      }
    }
    if (coordsGiven && coordsGiven.length !== frames) {
      throw new NodeInputError(`frameCoords: ${coordsGiven.length} values given, expected one per frame (${frames})`);
    }
    const frameCoords = coordsGiven ? Float64Array.from(coordsGiven) : Float64Array.from({ length: frames }, (_, i) => i);
    const unit = p.frameUnit.trim() || (coordsGiven ? DEFAULT_UNITS[p.frameAxis] : '');
    const value: StackValue = {
      kind: 'stack',
      frames,
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
