/**
 * io.load-axis-mask: an aXis2000 mask (.msk, rows of "O" and spaces) as a labels image, to select
 * the pixels of an STXM stack it was drawn on.
 */
import { defineNode, NodeInputError } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import type { LabelsValue } from '../../runtime/values';
import { decodeText } from '../../ops/io/columns/decodeText';
import { TextFormatError } from '../../ops/io/columns/TextFormatError';
import { parseAxisMask } from '../../ops/io/axis/parseAxisMask';

const params = defineParams({
  files: { type: 'files', label: 'File', description: 'One aXis2000 mask file (.msk).', accept: ['.msk'], multiple: false, default: [] },
});

export const loadAxisMaskNode = defineNode({
  type: 'io.load-axis-mask',
  version: 1,
  category: 'io',
  title: 'Load aXis2000 mask',
  help:
    'Reads an aXis2000 mask (.msk): one text line per image row, "O" for a masked pixel, a space for the rest, in the ' +
    'row order of the .xim frames of the stack. Output: labels with classes "outside" (0) and "mask" (1).',
  inputs: [],
  outputs: [{ name: 'labels', label: 'Mask', kinds: ['labels'] }],
  params,
  async run(_inputs, p, ctx) {
    const ref = p.files[0];
    if (!ref) throw new NodeInputError('files: expected one .msk file, got none');
    const bytes = await ctx.files.read(ref);
    let mask;
    try {
      mask = parseAxisMask(decodeText(bytes).text, ref.name);
    } catch (err) {
      if (err instanceof TextFormatError) throw new NodeInputError(err.message);
      throw err;
    }
    for (const w of mask.warnings) ctx.warn(w);
    const labels: LabelsValue = {
      kind: 'labels',
      frames: 1,
      width: mask.width,
      height: mask.height,
      data: mask.data,
      classes: ['outside', 'mask'],
      meta: {
        sources: [{ name: ref.name, sha256: await ctx.files.hash(ref), size: bytes.byteLength }],
        history: [],
        attrs: { format: 'aXis2000 mask', maskedPixels: mask.data.reduce((a, v) => a + v, 0) },
      },
    };
    return { labels };
  },
});
