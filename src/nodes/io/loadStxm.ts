/**
 * io.load-stxm: an ALS STXM image stack — the `.hdr` header (energies, axes) and its `.xim` frames
 * (text matrices) — as a stack with axis energy (eV).
 */
import { defineNode, NodeInputError } from '../../runtime/nodeDefinition';
import { defineParams, type FileRef } from '../../runtime/params';
import type { SourceFile, StackValue, ValueMeta } from '../../runtime/values';
import { allocFloat32 } from '../../runtime/alloc';
import { decodeText } from '../../ops/io/columns/decodeText';
import { TextFormatError } from '../../ops/io/columns/TextFormatError';
import { parseAlsHdr } from '../../ops/io/stxm/parseAlsHdr';
import { stxmHeaderInfo } from '../../ops/io/stxm/stxmHeaderInfo';
import { parseXim } from '../../ops/io/stxm/parseXim';

const params = defineParams({
  files: {
    type: 'files',
    label: 'Files',
    description:
      'The .hdr header and the .xim frames of one stack (name_a000.xim, name_a001.xim…). Frames named _aNNN take the energy of entry NNN of ' +
      'the header, so a subset of the frames can be loaded; other names are taken in natural order and must be one per energy.',
    accept: ['.hdr', '.xim'],
    multiple: true,
    default: [],
  },
});

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export const loadStxmNode = defineNode({
  type: 'io.load-stxm',
  version: 1,
  category: 'io',
  title: 'Load STXM stack (ALS)',
  help:
    'Reads an ALS STXM energy stack (beamlines 5.3.2 / 11.0.2, as aXis2000 and MANTiS read it): the .hdr header gives the energy of each ' +
    'frame (ScanDefinition.StackAxis), the frame size (PAxis × QAxis points), pixel size, dwell time and start time; each .xim frame is a ' +
    'text matrix (one image row per line). Output: a float32 stack with axis energy in eV.',
  inputs: [],
  outputs: [{ name: 'stack', label: 'Stack', kinds: ['stack'] }],
  params,
  async run(_inputs, p, ctx) {
    const hdrs = p.files.filter((f) => /\.hdr$/i.test(f.name));
    const xims = p.files.filter((f) => /\.xim$/i.test(f.name)).sort((a, b) => collator.compare(a.name, b.name));
    if (hdrs.length !== 1) throw new NodeInputError(`files: expected one .hdr header with the energies, got ${hdrs.length ? hdrs.map((f) => f.name).join(', ') : 'none'}`);
    if (xims.length === 0) throw new NodeInputError('files: expected .xim frames next to the header, got none');
    const hdrRef = hdrs[0];
    const sources: SourceFile[] = [];
    const readText = async (ref: FileRef): Promise<string> => {
      const bytes = await ctx.files.read(ref);
      sources.push({ name: ref.name, sha256: await ctx.files.hash(ref), size: bytes.byteLength });
      return decodeText(bytes).text;
    };
    await ctx.progress(0, `reading ${hdrRef.name}`);
    let info;
    try {
      info = stxmHeaderInfo(parseAlsHdr(await readText(hdrRef), hdrRef.name), hdrRef.name);
    } catch (err) {
      if (err instanceof TextFormatError) throw new NodeInputError(err.message);
      throw err;
    }
    const { energies, width, height } = info;
    // which energy each frame has: from the _aNNN suffix, else position
    const indexed = xims.map((f) => /_a(\d+)\.xim$/i.exec(f.name));
    let indices: number[];
    if (indexed.every((m) => m !== null)) {
      indices = indexed.map((m) => Number(m![1]));
      const bad = indices.findIndex((k) => k >= energies.length);
      if (bad >= 0) throw new NodeInputError(`${xims[bad].name}: frame index ${indices[bad]}, but ${hdrRef.name} lists ${energies.length} energies (0…${energies.length - 1})`);
      const dup = indices.findIndex((k, i) => indices.indexOf(k) !== i);
      if (dup >= 0) throw new NodeInputError(`${xims[dup].name}: frame index ${indices[dup]} given twice`);
    } else {
      if (xims.length !== energies.length)
        throw new NodeInputError(`files: ${xims.length} .xim frames, but ${hdrRef.name} lists ${energies.length} energies; give one frame per energy (or frames named _aNNN)`);
      indices = xims.map((_, i) => i);
    }
    const plane = width * height;
    const data = allocFloat32(plane * xims.length);
    for (let i = 0; i < xims.length; i++) {
      try {
        parseXim(await readText(xims[i]), xims[i].name, { width, height, out: data, outOffset: i * plane });
      } catch (err) {
        if (err instanceof TextFormatError) throw new NodeInputError(err.message);
        throw err;
      }
      await ctx.progress((i + 1) / xims.length, `frame ${i + 1}/${xims.length}`);
    }
    const attrs: ValueMeta['attrs'] = { format: 'ALS STXM', scanType: info.type };
    if (info.dwell !== undefined) attrs.dwell_ms = info.dwell;
    if (info.timeIso) attrs.startTime = info.timeIso;
    if (info.time) attrs.startTimeText = info.time;
    const stack: StackValue = {
      kind: 'stack',
      frames: xims.length,
      width,
      height,
      dtype: 'f32',
      data,
      frameAxis: { name: 'energy', unit: 'eV' },
      frameCoords: Float64Array.from(indices, (k) => energies[k]),
      valueAxis: { name: 'counts', unit: '' },
      meta: { sources, history: [], attrs },
    };
    if (info.pixelSize) stack.pixelSize = info.pixelSize;
    return { stack };
  },
});
