/**
 * view.image: shows an image, one frame of a stack, or labels, with a colormap. The value passes
 * through unchanged (for export); the preview carries the chosen colormap for the editor.
 */
import { defineNode, NodeInputError, requireInput } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import { makePreview } from '../../runtime/preview/makePreview';

const params = defineParams({
  colormap: {
    type: 'enum',
    label: 'Colormap',
    description: 'How values map to colours. Gray for attenuation; viridis or magma for perceptually even maps.',
    default: 'gray',
    options: [
      { value: 'gray', label: 'gray' },
      { value: 'viridis', label: 'viridis' },
      { value: 'magma', label: 'magma' },
    ],
  },
  frame: {
    type: 'integer',
    label: 'Frame',
    description: 'Stacks and label stacks: the frame (slice) shown, 0-based. Ignored for a single image.',
    default: 0,
    min: 0,
  },
});

export const imageViewNode = defineNode({
  type: 'view.image',
  version: 1,
  category: 'view',
  title: 'Image view',
  help:
    'Shows an image, a frame of a stack or a label image. The preview is box-averaged (nearest for labels) ' +
    'to at most 1024 px on the long side; the display range is the 0.5–99.5 % percentiles of the full frame, ' +
    'NaN ignored. The input passes through unchanged.',
  isOutput: true,
  inputs: [{ name: 'image', label: 'Image', kinds: ['image', 'stack', 'labels'], required: true }],
  outputs: [{ name: 'image', label: 'Image', kinds: ['image', 'stack', 'labels'] }],
  params,
  preview(inputs, p, frame) {
    const v = inputs.image;
    if (!v || (v.kind !== 'image' && v.kind !== 'stack' && v.kind !== 'labels')) return null;
    const preview = makePreview(v, { frame: v.kind === 'image' ? 0 : frame });
    if (preview?.type === 'image') preview.colormap = p.colormap;
    return preview;
  },
  async run(inputs, p) {
    const v = requireInput(inputs, 'image', ['image', 'stack', 'labels']);
    const frames = v.kind === 'image' ? 1 : v.frames;
    if (v.kind !== 'image' && p.frame >= frames)
      throw new NodeInputError(`frame: expected 0..${frames - 1} (the input has ${frames} frames), got ${p.frame}`);
    return { image: v };
  },
});
