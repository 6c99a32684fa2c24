/**
 * io.load-zarr: a chunked Zarr v2/v3 array (zarrita): metadata first, then only the chunks of the
 * requested frames.
 */
import { defineNode, NodeInputError } from '../../runtime/nodeDefinition';
import { defineParams, type FileRef } from '../../runtime/params';
import type { SourceFile, ValueMeta } from '../../runtime/values';
import { sourceFile } from '../../runtime/files/fileIdentity';
import { FRAME_AXIS_PARAM, FRAME_RANGE_PARAMS, framesValue } from './frameRange';
import { openZarrArray, type ZarrArrayInfo } from '../../ops/io/zarr/openZarrArray';
import { readZarrFrames } from '../../ops/io/zarr/readZarrFrames';

const params = defineParams({
  files: {
    type: 'files',
    label: 'Store',
    description:
      'The Zarr store: its metadata file (vol.zarr/.zarray, vol.zarr/zarr.json, or the root .zgroup of a group) and, optionally, its chunk files. ' +
      'Chunks not listed are looked up by name next to the metadata (vol.zarr/0.0.0, vol.zarr/c/0/0/0); a chunk that does not exist reads as the fill value.',
    accept: ['.zarray', '.zgroup', '.zattrs', '.json'],
    multiple: true,
    default: [],
  },
  array: {
    type: 'string',
    label: 'Array path',
    description: 'Path of the array inside the store (e.g. "0" for the full-resolution level of an OME-Zarr). Empty: the store itself is the array.',
    default: '',
    placeholder: 'store root',
  },
  ...FRAME_RANGE_PARAMS,
  frameAxis: FRAME_AXIS_PARAM,
});

const META = /(^|\/)(\.zarray|\.zgroup|zarr\.json)$/;

export const loadZarrNode = defineNode({
  type: 'io.load-zarr',
  version: 1,
  category: 'io',
  title: 'Load Zarr',
  help:
    'Reads a chunked Zarr array (format v2 or v3; zlib, gzip, blosc, lz4, zstd compressors) with zarrita: the shape, type and ' +
    'chunks come from the metadata, then only the chunks that hold the requested frames are read — the first frames of a volume ' +
    'of any size open quickly. 2-D arrays give an image, 3-D arrays a stack; uint8/uint16 are kept, other types become float32.',
  inputs: [],
  outputs: [{ name: 'image', label: 'Image', kinds: ['image', 'stack'] }],
  params,
  async run(_inputs, p, ctx) {
    const metaFiles = p.files.filter((f) => META.test(f.name)).sort((a, b) => a.name.split('/').length - b.name.split('/').length);
    if (metaFiles.length === 0)
      throw new NodeInputError(
        `files: expected the Zarr metadata file (.zarray, zarr.json or .zgroup), got ${p.files.length ? p.files.map((f) => f.name).join(', ') : 'none'}`,
      );
    const root = metaFiles[0].name.replace(META, '').replace(/\/$/, '');
    const storeName = root || metaFiles[0].name;
    const listed = new Map<string, FileRef>(p.files.map((f) => [f.name, f]));
    const missingChunks: string[] = [];
    const read = async (key: string): Promise<Uint8Array | undefined> => {
      const name = root ? `${root}/${key}` : key;
      const ref = listed.get(name) ?? { name };
      try {
        return await ctx.files.read(ref);
      } catch (err) {
        if (!(err instanceof NodeInputError) || listed.has(name)) throw err;
        // absent key: metadata zarrita probes for, or a chunk never written (= the fill value)
        if (!/(^|\/)(\.zarray|\.zgroup|\.zattrs|\.zmetadata|zarr\.json)$/.test(key)) missingChunks.push(name);
        return undefined;
      }
    };
    await ctx.progress(0, `opening ${storeName}`);
    let info: ZarrArrayInfo;
    let frames;
    try {
      info = await openZarrArray(read, { path: p.array, storeName });
      frames = await readZarrFrames(info, {
        firstFrame: p.firstFrame,
        frameCount: p.frameCount,
        storeName,
        onFrame: (done, n) => ctx.progress(done / n, `frame ${done}/${n}`),
      });
    } catch (err) {
      if (err instanceof RangeError) throw new NodeInputError(err.message);
      throw err;
    }
    for (const n of frames.notes) ctx.warn(`${storeName}: ${n}`);
    if (missingChunks.length)
      ctx.warn(
        `${storeName}: ${missingChunks.length} chunk file${missingChunks.length > 1 ? 's' : ''} not found, read as the fill value ${info.fillValue ?? 0} ` +
          `(${missingChunks.slice(0, 5).join(', ')}${missingChunks.length > 5 ? ', …' : ''}); add them to the files if they exist`,
      );
    const sources: SourceFile[] = [];
    for (const f of p.files) sources.push(await sourceFile(ctx.files, f));
    const attrs: ValueMeta['attrs'] = { format: `zarr v${info.zarrFormat}`, zarrDType: info.dtype, chunks: info.chunks.join('×') };
    if (p.array) attrs.array = p.array;
    for (const [k, v] of Object.entries(info.attrs)) if (['string', 'number', 'boolean'].includes(typeof v)) attrs[`zarr.${k}`] = v as string | number | boolean;
    const meta: ValueMeta = { sources, history: [], attrs };
    return {
      image: framesValue({
        ...frames,
        single: frames.totalFrames === 1,
        frameAxis: { name: p.frameAxis, unit: '' },
        frameCoords: Float64Array.from({ length: frames.frames }, (_, i) => p.firstFrame + i),
        valueAxis: { name: 'intensity', unit: '' },
        meta,
      }),
    };
  },
});
