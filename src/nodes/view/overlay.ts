/**
 * view.overlay: labels drawn over the image they were computed from, to judge a segmentation.
 * The preview holds the image (as view.image) plus the labels of the same frame, reduced with the
 * same factor (nearest, so class indices stay classes).
 */
import type { ImageValue, LabelsValue, StackValue } from '../../runtime/values';
import { defineNode, NodeInputError, requireInput } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import { downsampleNearest, previewFactor } from '../../runtime/preview/downsampleImage';
import { imagePreview, type ImagePreview } from '../../runtime/preview/makePreview';

const params = defineParams({
  opacity: {
    type: 'number',
    label: 'Opacity',
    description: 'Opacity of the label colours over the image: 0 shows only the image, 1 only the labels.',
    default: 0.5,
    min: 0,
    max: 1,
    step: 0.05,
  },
  frame: {
    type: 'integer',
    label: 'Frame',
    description: 'Stacks: the frame (slice) shown, 0-based.',
    default: 0,
    min: 0,
  },
});

/** Shapes must agree pixel for pixel; labels of one frame may lie over every frame of a stack. */
export function checkOverlayShapes(image: ImageValue | StackValue, labels: LabelsValue): void {
  const frames = image.kind === 'stack' ? image.frames : 1;
  if (image.width !== labels.width || image.height !== labels.height)
    throw new NodeInputError(
      `labels: ${labels.width}×${labels.height} px, but image is ${image.width}×${image.height} px; ` +
        'connect labels computed from this image',
    );
  if (labels.frames !== 1 && labels.frames !== frames)
    throw new NodeInputError(
      `labels: ${labels.frames} frames, but image has ${frames}; expected 1 label frame or one per image frame`,
    );
  if (labels.classes.length > 256)
    throw new NodeInputError(`labels: ${labels.classes.length} classes; an overlay shows at most 256`);
}

export function overlayPreview(
  image: ImageValue | StackValue,
  labels: LabelsValue,
  opacity: number,
  frame: number,
): ImagePreview {
  const frames = image.kind === 'stack' ? image.frames : 1;
  const f = frames === 1 ? 0 : frame;
  const base =
    image.kind === 'stack'
      ? imagePreview(image.data, image.width, image.height, {
          frame: f,
          frames,
          frameAxis: image.frameAxis,
          frameCoords: image.frameCoords,
        })
      : imagePreview(image.data, image.width, image.height);
  const plane = labels.frames === 1 ? 0 : f;
  const n = labels.width * labels.height;
  const factor = previewFactor(labels.width, labels.height);
  const small = downsampleNearest(
    labels.data.subarray(plane * n, (plane + 1) * n),
    labels.width,
    labels.height,
    factor,
    new Uint8Array(base.width * base.height),
  );
  base.overlay = { data: small.data, classes: [...labels.classes], opacity };
  return base;
}

export const overlayNode = defineNode({
  type: 'view.overlay',
  version: 1,
  category: 'view',
  title: 'Overlay labels',
  help:
    'Draws a label image over the image (or stack frame) it segments, with adjustable opacity, to check a ' +
    'segmentation by eye. Image and labels must have the same size. Both pass through unchanged.',
  isOutput: true,
  inputs: [
    { name: 'image', label: 'Image', kinds: ['image', 'stack'], required: true },
    { name: 'labels', label: 'Labels', kinds: ['labels'], required: true },
  ],
  outputs: [
    { name: 'image', label: 'Image', kinds: ['image', 'stack'] },
    { name: 'labels', label: 'Labels', kinds: ['labels'] },
  ],
  params,
  preview(inputs, p, frame) {
    const image = inputs.image;
    const labels = inputs.labels;
    if (!image || !labels || (image.kind !== 'image' && image.kind !== 'stack') || labels.kind !== 'labels') return null;
    return overlayPreview(image, labels, p.opacity, frame);
  },
  async run(inputs, p) {
    const image = requireInput(inputs, 'image', ['image', 'stack']);
    const labels = requireInput(inputs, 'labels', ['labels']);
    checkOverlayShapes(image, labels);
    const frames = image.kind === 'stack' ? image.frames : 1;
    if (frames > 1 && p.frame >= frames)
      throw new NodeInputError(`frame: expected 0..${frames - 1} (the image has ${frames} frames), got ${p.frame}`);
    return { image, labels };
  },
});
