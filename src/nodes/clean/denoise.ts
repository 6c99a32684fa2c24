/**
 * clean.denoise: Gaussian or median filtering of an image, or of every frame of a stack (2-D).
 */
import { defineNode, NodeInputError, requireInput } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import { deriveMeta } from '../../runtime/values';
import { gaussianFilter } from '../../ops/image/gaussianFilter';
import { medianFilter } from '../../ops/image/medianFilter';
import { forEachFrame } from '../../ops/stack/forEachFrame';

const params = defineParams({
  method: {
    type: 'enum',
    label: 'Method',
    description: 'Gaussian blur (smooths noise and edges alike) or median (removes speckle and salt-and-pepper noise, keeps edges).',
    default: 'gaussian',
    options: [
      { value: 'gaussian', label: 'Gaussian', description: 'skimage.filters.gaussian, nearest-edge mode, truncate 4σ' },
      { value: 'median', label: 'median', description: 'scipy.ndimage.median_filter, reflect mode' },
    ],
  },
  sigma: {
    type: 'number',
    label: 'σ',
    description: 'Gaussian: standard deviation in pixels. About the size of the noise grain; larger blurs features too.',
    default: 1,
    min: 0,
    exclusiveMin: true,
    max: 100,
    step: 0.1,
    unit: 'px',
  },
  size: {
    type: 'integer',
    label: 'Window',
    description: 'Median: side of the square window in pixels (odd). 3 removes single-pixel speckle; 5–7 larger spots.',
    default: 3,
    min: 3,
    max: 31,
    parity: 'odd',
    unit: 'px',
  },
});

export const denoiseNode = defineNode({
  type: 'clean.denoise',
  version: 1,
  category: 'clean',
  title: 'Denoise',
  help:
    'Filters an image, or each frame of a stack separately (2-D). Gaussian: as skimage.filters.gaussian(sigma, ' +
    "mode='nearest', truncate=4, preserve_range=True), separable. Median: as scipy.ndimage.median_filter(size, " +
    "mode='reflect') (half-sample symmetric edges). Output is 32-bit float.",
  inputs: [{ name: 'image', label: 'Image', kinds: ['image', 'stack'], required: true }],
  outputs: [{ name: 'image', label: 'Denoised', kinds: ['image', 'stack'] }],
  params,
  async run(inputs, p, ctx) {
    const v = requireInput(inputs, 'image', ['image', 'stack']);
    const out = new Float32Array(v.data.length);
    const frames = v.kind === 'stack' ? v.frames : 1;
    const plane = v.width * v.height;
    const label = p.method === 'gaussian' ? `Gaussian σ=${p.sigma}` : `median ${p.size}×${p.size}`;
    await ctx.progress(0, `${label}, ${frames} frame${frames > 1 ? 's' : ''}`);
    try {
      await forEachFrame(
        v.data,
        v.width,
        v.height,
        (frame, f) => {
          const dst = out.subarray(f * plane, (f + 1) * plane);
          if (p.method === 'gaussian') gaussianFilter(frame, v.width, v.height, { sigma: p.sigma, out: dst });
          else medianFilter(frame, v.width, v.height, { size: p.size, out: dst });
        },
        (done, n) => ctx.progress(done / n, `frame ${done}/${n}`),
      );
    } catch (err) {
      if (err instanceof RangeError) throw new NodeInputError(err.message);
      throw err;
    }
    return { image: { ...v, dtype: 'f32', data: out, meta: deriveMeta(v.meta) } };
  },
});
