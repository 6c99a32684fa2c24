/**
 * segment.watershed: separates touching particles of one phase by the distance-transform
 * watershed (EDT, peaks as markers, priority flooding).
 */
import { defineNode, NodeInputError, requireInput } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import { deriveMeta, type LabelsValue } from '../../runtime/values';
import { thresholdOtsu } from '../../ops/image/thresholdOtsu';
import { distanceTransformEdt } from '../../ops/segment/distanceTransformEdt';
import { peakLocalMax } from '../../ops/segment/peakLocalMax';
import { hMaxima } from '../../ops/segment/hMaxima';
import { labelComponents } from '../../ops/segment/labelComponents';
import { watershed } from '../../ops/segment/watershed';

const params = defineParams({
  phase: {
    type: 'integer',
    label: 'Phase',
    description: 'Labels input: class index of the particles to separate (e.g. 2 for the active material of a pore / binder / NMC segmentation).',
    default: 1,
    min: 0,
    max: 65535,
  },
  threshold: {
    type: 'number',
    label: 'Threshold',
    description: 'Image input: pixels above this value are particles. Auto: Otsu threshold of the whole image or stack.',
    default: null,
    nullable: true,
    nullLabel: 'Otsu',
  },
  markers: {
    type: 'enum',
    label: 'Markers',
    description: 'Where particles are seeded: at distance peaks at least "min. distance" apart, or at h-maxima (distance maxima standing out by at least h; less sensitive to bumpy outlines).',
    default: 'peaks',
    options: [
      { value: 'peaks', label: 'distance peaks', description: 'skimage.feature.peak_local_max(distance, min_distance)' },
      { value: 'hmaxima', label: 'h-maxima', description: 'skimage.morphology.h_maxima(distance, h)' },
    ],
  },
  h: {
    type: 'number',
    label: 'h',
    description: 'h-maxima markers: how much (in pixels of distance) a maximum must rise above its surroundings to seed its own particle. Larger merges more.',
    default: 1,
    min: 0,
    exclusiveMin: true,
    max: 1000,
    step: 0.5,
    unit: 'px',
  },
  minDistance: {
    type: 'integer',
    label: 'Min. distance',
    description: 'Distance-peak markers: smallest distance between particle centres, in pixels (about the smallest particle radius). Larger merges more; smaller splits elongated particles.',
    default: 5,
    min: 1,
    max: 1000,
    unit: 'px',
  },
  dimensions: {
    type: 'enum',
    label: 'Stacks as',
    description: 'How a stack is treated: each frame separately (2-D particles per slice) or as one volume (3-D particles, voxels assumed cubic).',
    default: '2d',
    options: [
      { value: '2d', label: 'frames (2-D)' },
      { value: '3d', label: 'volume (3-D)' },
    ],
  },
  connectivity: {
    type: 'enum',
    label: 'Flooding neighbourhood',
    description: 'Neighbours reached by the flooding: faces only (4 in 2-D, 6 in 3-D, skimage\'s default) or also edges and corners (8 / 26).',
    default: 'face',
    options: [
      { value: 'face', label: 'faces (4 / 6)' },
      { value: 'full', label: 'full (8 / 26)' },
    ],
    advanced: true,
  },
});

export const watershedNode = defineNode({
  type: 'segment.watershed',
  version: 1,
  category: 'segment',
  title: 'Watershed (separate particles)',
  help:
    'Splits touching particles of one phase, by scikit-image\'s recipe: exact Euclidean distance transform of the ' +
    'phase (scipy.ndimage.distance_transform_edt; Felzenszwalb & Huttenlocher 2012), markers at its local maxima ' +
    '(skimage.feature.peak_local_max with min_distance, border excluded; equal-height plateaus resolved in raster ' +
    'order) or its h-maxima (skimage.morphology.h_maxima), numbered by connected components, then skimage.segmentation.watershed(−distance, markers, mask=phase) ' +
    'by priority flooding (Beucher & Meyer 1993). Input: a label image (pick the phase by class index) or an image ' +
    '(thresholded, Otsu by default). Output: particle labels 1…N, 0 outside the phase; at most 65535 particles.',
  inputs: [{ name: 'labels', label: 'Labels or image', kinds: ['labels', 'image', 'stack'], required: true }],
  outputs: [{ name: 'particles', label: 'Particles', kinds: ['labels'] }],
  params,
  async run(inputs, p, ctx) {
    const v = requireInput(inputs, 'labels', ['labels', 'image', 'stack']);
    const frames = v.kind === 'image' ? 1 : v.frames;
    const { width, height } = v;
    const n = v.data.length;
    const mask = new Uint8Array(n);
    if (v.kind === 'labels') {
      if (p.phase >= v.classes.length) {
        throw new NodeInputError(`phase: ${p.phase}, expected a class index < ${v.classes.length} (classes: ${v.classes.join(', ')})`);
      }
      for (let i = 0; i < n; i++) mask[i] = +(v.data[i] === p.phase);
    } else {
      let t: number;
      try {
        t = p.threshold ?? thresholdOtsu(v.data);
      } catch (err) {
        if (err instanceof RangeError) throw new NodeInputError(`${v.kind}: ${err.message}`);
        throw err;
      }
      for (let i = 0; i < n; i++) mask[i] = +(v.data[i] > t);
    }
    const volume = p.dimensions === '3d' && frames > 1;
    const blocks = volume ? 1 : frames;
    const depth = volume ? frames : 1;
    const size = width * height * depth;
    const out = new Int32Array(n);
    let total = 0;
    await ctx.progress(0, `watershed of ${blocks > 1 ? `${blocks} frames` : volume ? `a ${frames}-slice volume` : 'the image'}`);
    try {
      for (let b = 0; b < blocks; b++) {
        const m = mask.subarray(b * size, (b + 1) * size);
        const dist = distanceTransformEdt(m, width, height, { depth });
        let seeds: Uint8Array;
        if (p.markers === 'hmaxima') seeds = hMaxima(dist, width, height, p.h, { depth });
        else {
          seeds = new Uint8Array(size);
          for (const i of peakLocalMax(dist, width, height, { depth, minDistance: p.minDistance })) seeds[i] = 1;
        }
        const markers = labelComponents(seeds, width, height, { depth, connectivity: 1 }).labels;
        for (let i = 0; i < size; i++) dist[i] = -dist[i];
        const lab = watershed(dist, markers, width, height, { depth, mask: m, connectivity: p.connectivity === 'full' ? 3 : 1 });
        let count = 0;
        for (let i = 0; i < size; i++) {
          const l = lab[i];
          if (l > count) count = l;
          out[b * size + i] = l > 0 ? l + total : 0;
        }
        total += count;
        await ctx.progress((b + 1) / blocks, blocks > 1 ? `frame ${b + 1}/${blocks}: ${count} particles` : `${count} particles`);
      }
    } catch (err) {
      if (err instanceof RangeError) throw new NodeInputError(err.message);
      throw err;
    }
    if (total > 65535) throw new NodeInputError(`${total} particles found, at most 65535 fit a label image; raise minDistance or crop`);
    if (total === 0) ctx.warn('no particles found: the phase is empty or has no distance maximum away from the border');
    const particles: LabelsValue = {
      kind: 'labels',
      frames,
      width,
      height,
      data: Uint16Array.from(out),
      classes: ['background', ...Array.from({ length: total }, (_, i) => `particle ${i + 1}`)],
      meta: deriveMeta(v.meta),
    };
    if (v.pixelSize) particles.pixelSize = v.pixelSize;
    return { particles };
  },
});
