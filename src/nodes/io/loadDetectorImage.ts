/**
 * io.load-detector-image: reads 2-D X-ray detector frames (Pilatus/Eiger TIFF with the Dectris
 * header, any TIFF, ESRF EDF) into an image (one frame) or a stack (several frames or files) with
 * the detector metadata (pixel size, wavelength, distance, exposure) in `meta.attrs`.
 */
import { defineNode, NodeInputError } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import type { ImageValue, PixelArray, StackValue, ValueMeta } from '../../runtime/values';
import { readEdf } from '../../ops/io/edf/readEdf';
import { allocPixels } from '../../ops/io/raw/allocPixels';
import { parseTimeStamp } from '../../ops/io/columns/parseTimeStamp';
import { readTiff } from '../../ops/io/tiff/readTiff';
import { parsePilatusHeader } from '../../ops/io/xrd/parsePilatusHeader';
import { readFileRefs } from './readFileRefs';

const params = defineParams({
  files: {
    type: 'files',
    label: 'Files',
    description: 'One detector frame gives an image; several frames (a multi-frame EDF, several files) give a stack of the same size.',
    accept: ['.tif', '.tiff', '.edf'],
    multiple: true,
    default: [],
  },
  order: {
    type: 'enum',
    label: 'Order',
    description: 'Order of the files: by name with numbers compared as numbers (img_2 before img_10), or as listed.',
    default: 'name',
    options: [
      { value: 'name', label: 'natural name order' },
      { value: 'given', label: 'as listed' },
    ],
  },
});

/** EDF header keys kept as metadata (ESRF/ID beamline and fabio conventions). */
const EDF_KEYS: Record<string, string> = {
  title: 'title', exposuretime: 'exposureTime', count_time: 'exposureTime', acq_expo_time: 'exposureTime',
  wavelength: 'wavelength', sampledistance: 'detectorDistance', psize_1: 'pixelSizeX', psize_2: 'pixelSizeY',
  center_1: 'beamX', center_2: 'beamY', date: 'date', detectormodel: 'detector', detector: 'detector',
};

interface Frame {
  name: string;
  width: number;
  height: number;
  frames: number;
  dtype: 'u8' | 'u16' | 'f32';
  data: PixelArray;
  attrs: ValueMeta['attrs'];
  pixelSize?: { x: number; y: number; unit: string };
  startTime: { iso: string; seconds: number } | null;
}

function readFrame(bytes: Uint8Array, name: string, warn: (m: string) => void): Frame {
  const isEdf = /\.edf$/i.test(name) || bytes[0] === 0x7b;
  if (isEdf) {
    const e = readEdf(bytes, name);
    for (const n of e.notes) warn(`${name}: ${n}`);
    const attrs: ValueMeta['attrs'] = { format: 'edf' };
    for (const [k, v] of Object.entries(e.header)) {
      const key = EDF_KEYS[k.toLowerCase()];
      if (!key) continue;
      const num = Number(v);
      attrs[key] = v !== '' && Number.isFinite(num) ? num : v;
    }
    const f: Frame = { name, width: e.width, height: e.height, frames: e.frames, dtype: e.dtype, data: e.data, attrs, startTime: null };
    // ESRF PSize_1/2 are metres.
    if (typeof attrs.pixelSizeX === 'number' && typeof attrs.pixelSizeY === 'number' && attrs.pixelSizeX > 0 && attrs.pixelSizeY > 0)
      f.pixelSize = { x: attrs.pixelSizeX * 1e6, y: attrs.pixelSizeY * 1e6, unit: 'µm' };
    return f;
  }
  const t = readTiff(bytes, name);
  for (const n of t.notes) warn(`${name}: ${n}`);
  const h = parsePilatusHeader(t.description);
  const pilatus = h.pixelSize !== null || /pilatus|eiger/i.test(t.model ?? '');
  const attrs: ValueMeta['attrs'] = { format: pilatus ? 'pilatus-tiff' : 'tiff', ...h.attrs };
  if (t.model) attrs.detector = t.model;
  let startTime: Frame['startTime'] = null;
  if (h.startTime) {
    const s = parseTimeStamp(h.startTime);
    if ('error' in s) warn(`${name}: header date "${h.startTime}": ${s.error}`);
    else startTime = s;
  }
  const f: Frame = { name, width: t.width, height: t.height, frames: t.frames, dtype: t.dtype, data: t.data, attrs, startTime };
  if (h.pixelSize) f.pixelSize = { x: h.pixelSize.x * 1e6, y: h.pixelSize.y * 1e6, unit: 'µm' };
  else if (t.pixelSize) f.pixelSize = t.pixelSize;
  return f;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export const loadDetectorImageNode = defineNode({
  type: 'io.load-detector-image',
  version: 1,
  category: 'io',
  title: 'Load detector image',
  help:
    'Reads 2-D diffraction detector frames: Dectris Pilatus/Eiger TIFF (32-bit signed counts, gaps −1 and bad pixels −2 kept ' +
    'for the integration to mask; the header text gives pixel size, wavelength, distance, exposure, beam centre), ' +
    'other TIFFs, and ESRF EDF (ASCII header blocks, any byte order, several frames). Counts become 32-bit float (exact up ' +
    'to 2^24). One frame gives an image, several a stack over time (seconds since the first header date, else frame index). ' +
    'Connect to "Azimuthal integration" with the .poni geometry.',
  inputs: [],
  outputs: [{ name: 'image', label: 'Image', kinds: ['image', 'stack'] }],
  params,
  async run(_inputs, p, ctx) {
    if (p.files.length === 0) throw new NodeInputError('files: expected at least one detector image (.tif, .edf), got none');
    const refs = p.order === 'name' ? [...p.files].sort((a, b) => collator.compare(a.name, b.name)) : [...p.files];
    const { items: frames, sources } = await readFileRefs(refs, ctx, (bytes, ref) => readFrame(bytes, ref.name, (m) => ctx.warn(m)));
    const head = frames[0];
    for (const f of frames)
      if (f.width !== head.width || f.height !== head.height)
        throw new NodeInputError(`${f.name}: ${f.width}×${f.height}, but ${head.name} is ${head.width}×${head.height}: all frames must have the same size`);
    await ctx.progress(0.95, 'assembling');
    const meta: ValueMeta = { sources, history: [], attrs: head.attrs, timeOrigin: head.startTime?.iso };
    const valueAxis = { name: 'counts', unit: '' };
    const total = frames.reduce((n, f) => n + f.frames, 0);
    if (total === 1) {
      const v: ImageValue = { kind: 'image', width: head.width, height: head.height, dtype: head.dtype, data: head.data, valueAxis, meta };
      if (head.pixelSize) v.pixelSize = head.pixelSize;
      return { image: v };
    }
    const dtype = frames.every((f) => f.dtype === head.dtype) ? head.dtype : 'f32';
    let data: PixelArray;
    if (frames.length === 1) data = head.data;
    else {
      const plane = head.width * head.height;
      data = allocPixels(dtype, plane * total);
      let at = 0;
      for (const f of frames) {
        data.set(f.data, at);
        at += f.data.length;
      }
    }
    const timed = frames.length === total && frames.every((f) => f.startTime !== null);
    const t0 = head.startTime?.seconds ?? 0;
    const frameCoords = Float64Array.from({ length: total }, (_, i) => (timed ? frames[i].startTime!.seconds - t0 : i));
    const v: StackValue = {
      kind: 'stack',
      frames: total,
      width: head.width,
      height: head.height,
      dtype,
      data,
      frameAxis: { name: 'time', unit: timed ? 's' : '' },
      frameCoords,
      valueAxis,
      meta,
    };
    if (head.pixelSize) v.pixelSize = head.pixelSize;
    await ctx.progress(1);
    return { image: v };
  },
});
