/**
 * clean.denoise: Gaussian, median, bilateral, non-local means or total-variation denoising of an
 * image, or of a stack frame by frame (2-D) or, for Gaussian and median, as one 3-D volume.
 */
import { defineNode, NodeInputError, requireInput, type RunContext } from '../../runtime/nodeDefinition';
import { defineParams, type ParamValues } from '../../runtime/params';
import { deriveMeta, type PixelArray } from '../../runtime/values';
import { allocFloat32 } from '../../runtime/alloc';
import { gaussianFilter3d } from '../../ops/volume/gaussianFilter3d';
import { medianFilter3d } from '../../ops/volume/medianFilter3d';
import { assertVolumeData } from '../../ops/volume/assertVolumeData';
import { forEachFrame } from '../../ops/stack/forEachFrame';
import { mapFrames } from '../../workers/pool/mapFrames';
import { assertImageData } from '../../ops/image/assertImageData';
import { selectBackend } from '../../compute/selectBackend';
import type { ComputeBackend, DeviceArray, TileRunOptions } from '../../compute/computeBackend';
import { valueRange } from '../../ops/image/denoiseFrame';

const params = defineParams({
  method: {
    type: 'enum',
    label: 'Method',
    description:
      'Gaussian blur (smooths noise and edges alike), median (removes speckle, keeps edges), bilateral and non-local means ' +
      '(edge-preserving averages of similar pixels / patches) or total variation (piecewise-flat result, sharp edges).',
    default: 'gaussian',
    options: [
      { value: 'gaussian', label: 'Gaussian', description: 'skimage.filters.gaussian, nearest-edge mode, truncate 4σ' },
      { value: 'median', label: 'median', description: 'scipy.ndimage.median_filter, reflect mode' },
      { value: 'bilateral', label: 'bilateral', description: "skimage.restoration.denoise_bilateral, mode 'constant'" },
      { value: 'nl-means', label: 'non-local means', description: 'skimage.restoration.denoise_nl_means, fast mode' },
      { value: 'tv', label: 'total variation', description: 'skimage.restoration.denoise_tv_chambolle' },
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
    description: 'Median: side of the square (cubic in 3-D) window in pixels (odd). 3 removes single-pixel speckle; 5–7 larger spots.',
    default: 3,
    min: 3,
    max: 31,
    parity: 'odd',
    unit: 'px',
  },
  dimensions: {
    type: 'enum',
    label: 'Stack as',
    description: 'Gaussian and median on a stack: filter each frame alone (2-D) or the stack as one volume (3-D, frames as the third axis, e.g. CT slices).',
    default: '2d',
    options: [
      { value: '2d', label: '2-D per frame' },
      { value: '3d', label: '3-D volume', description: 'scipy.ndimage.gaussian_filter / median_filter on the 3-D array' },
    ],
  },
  sigmaSpatial: {
    type: 'number',
    label: 'Spatial σ',
    description: 'Bilateral: standard deviation of the distance weight in pixels; the window is max(5, 2·ceil(3σ)+1) pixels wide.',
    default: 1,
    min: 0,
    exclusiveMin: true,
    max: 20,
    step: 0.1,
    unit: 'px',
  },
  sigmaColor: {
    type: 'number',
    label: 'Value σ',
    description:
      'Bilateral: standard deviation of the value weight, in pixel-value units: neighbours differing by much more are ignored. Auto: the image standard deviation.',
    default: null,
    nullable: true,
    nullLabel: 'auto (image std)',
    min: 0,
    exclusiveMin: true,
  },
  h: {
    type: 'number',
    label: 'h',
    description:
      'Non-local means: cut-off patch distance in pixel-value units; larger smooths more (about 0.8 × the noise σ when that is known). Auto: 0.1 × (max − min) of the frame, i.e. skimage’s default for an image scaled to [0, 1].',
    default: null,
    nullable: true,
    nullLabel: 'auto',
    min: 0,
    exclusiveMin: true,
  },
  noiseSigma: {
    type: 'number',
    label: 'Noise σ',
    description: 'Non-local means: expected noise standard deviation (pixel-value units), subtracted from patch distances. 0: none.',
    default: 0,
    min: 0,
    advanced: true,
  },
  patchSize: {
    type: 'integer',
    label: 'Patch',
    description: 'Non-local means: side of the compared patches in pixels.',
    default: 7,
    min: 1,
    max: 31,
    unit: 'px',
    advanced: true,
  },
  patchDistance: {
    type: 'integer',
    label: 'Search distance',
    description: 'Non-local means: largest shift at which similar patches are searched. Time grows with its square.',
    default: 11,
    min: 1,
    max: 50,
    unit: 'px',
    advanced: true,
  },
  weight: {
    type: 'number',
    label: 'TV weight',
    description:
      'Total variation: denoising weight in pixel-value units; larger gives flatter regions and loses fine detail. Auto: 0.1 × (max − min) of the frame, i.e. skimage’s default for an image scaled to [0, 1].',
    default: null,
    nullable: true,
    nullLabel: 'auto',
    min: 0,
    exclusiveMin: true,
  },
});

type P = ParamValues<typeof params>;

/**
 * Gaussian, 3×3 / 5×5 median and non-local means per frame, and Gaussian and 3×3×3 median in 3-D,
 * have WebGPU kernels (`src/compute`):
 * the run's backend choice decides (`ctx.backend`, 'auto' by default); null = the CPU ops above.
 */
async function kernelBackend(p: P, ctx: RunContext): Promise<ComputeBackend | null> {
  const hasKernel = p.method === 'gaussian' || p.method === 'nl-means' || (p.method === 'median' && (p.size === 3 || p.size === 5));
  const choice = ctx.backend ?? 'auto';
  if (!hasKernel || choice === 'cpu') return null;
  const backend = await selectBackend(choice);
  return backend.name === 'cpu' ? null : backend;
}

/** One frame through the backend's kernel into `out` (same checks and messages as the CPU ops). */
async function filterFrameOn(backend: ComputeBackend, frame: PixelArray, w: number, h: number, p: P, out: Float32Array, run: TileRunOptions): Promise<void> {
  assertImageData(p.method === 'median' ? 'medianFilter' : p.method === 'nl-means' ? 'nlMeansDenoise' : 'gaussianFilter', frame, w, h);
  const x = frame instanceof Float32Array ? frame : Float32Array.from(frame);
  let r: DeviceArray;
  if (p.method === 'nl-means') {
    const strength = p.h ?? 0.1 * valueRange(frame); // as denoiseFrame
    if (!(strength > 0)) {
      out.set(frame); // automatic strength on a flat frame: nothing to denoise
      return;
    }
    r = await backend.nlMeansDenoise2d(x, w, h, { h: strength, sigma: p.noiseSigma, patchSize: p.patchSize, patchDistance: p.patchDistance, ...run });
  } else r = p.method === 'median' ? await backend.medianFilter2d(x, w, h, { size: p.size, ...run }) : await backend.gaussianFilter2d(x, w, h, { sigma: p.sigma, ...run });
  try {
    await backend.read(r, out);
  } finally {
    r.dispose();
  }
}

function describe(p: P): string {
  switch (p.method) {
    case 'median':
      return `median ${p.size}×${p.size}`;
    case 'bilateral':
      return `bilateral σ=${p.sigmaSpatial} px`;
    case 'nl-means':
      return `non-local means ${p.patchSize}/${p.patchDistance}`;
    case 'tv':
      return 'total variation';
    default:
      return `Gaussian σ=${p.sigma}`;
  }
}

export const denoiseNode = defineNode({
  type: 'clean.denoise',
  version: 1,
  category: 'clean',
  title: 'Denoise',
  help:
    'Filters an image, or each frame of a stack separately (2-D); Gaussian and median can also filter a stack as one 3-D volume. ' +
    "Gaussian: as skimage.filters.gaussian(sigma, mode='nearest', truncate=4, preserve_range=True), separable (3-D: " +
    "scipy.ndimage.gaussian_filter). Median: as scipy.ndimage.median_filter(size, mode='reflect'). Bilateral: as " +
    "skimage.restoration.denoise_bilateral(sigma_color, sigma_spatial, mode='constant'). Non-local means: as " +
    'skimage.restoration.denoise_nl_means(patch_size, patch_distance, h, fast_mode=True, sigma). Total variation: as ' +
    'skimage.restoration.denoise_tv_chambolle(weight). Values are used as they are (no rescaling to [0, 1]). Output is 32-bit float.',
  inputs: [{ name: 'image', label: 'Image', kinds: ['image', 'stack'], required: true }],
  outputs: [{ name: 'image', label: 'Denoised', kinds: ['image', 'stack'] }],
  params,
  async run(inputs, p, ctx) {
    const v = requireInput(inputs, 'image', ['image', 'stack']);
    // Shared memory where possible, so the frame pool can write frames in place.
    const out = allocFloat32(v.data.length);
    const frames = v.kind === 'stack' ? v.frames : 1;
    const plane = v.width * v.height;
    const volume = v.kind === 'stack' && p.dimensions === '3d';
    if (volume && p.method !== 'gaussian' && p.method !== 'median') {
      throw new NodeInputError(`3-D volume filtering is available for Gaussian and median only, not ${p.method}; choose “2-D per frame”`);
    }
    const label = describe(p);
    try {
      if (volume) {
        await ctx.progress(0, `${label}, 3-D volume of ${frames} frames`);
        // 3-D kernels: Gaussian and the 3×3×3 median (larger cubes stay on the CPU op).
        const gaussian = p.method === 'gaussian';
        const backend = gaussian || (p.method === 'median' && p.size === 3) ? await kernelBackend(p, ctx) : null;
        ctx.usedBackend?.(backend?.name ?? 'cpu');
        if (backend) {
          assertVolumeData(gaussian ? 'gaussianFilter3d' : 'medianFilter3d', v.data, v.width, v.height, frames); // the CPU op's messages
          const x = v.data instanceof Float32Array ? v.data : Float32Array.from(v.data);
          // Volumes over one binding run in boxes: cancel between them, progress per box.
          const run = { signal: ctx.signal, onProgress: (done: number, total: number) => ctx.progress(done / total, `${label}, box ${done}/${total}`) };
          const r = gaussian
            ? await backend.gaussianFilter3d(x, v.width, v.height, frames, { sigma: p.sigma, ...run })
            : await backend.medianFilter3d(x, v.width, v.height, frames, run);
          try {
            await backend.read(r, out);
          } finally {
            r.dispose();
          }
        } else if (gaussian) gaussianFilter3d(v.data, v.width, v.height, frames, { sigma: p.sigma, out });
        else medianFilter3d(v.data, v.width, v.height, frames, { size: p.size, out });
        await ctx.progress(1, `${label}, 3-D volume done`);
      } else {
        const backend = await kernelBackend(p, ctx);
        ctx.usedBackend?.(backend?.name ?? 'cpu');
        await ctx.progress(0, `${label}, ${frames} frame${frames > 1 ? 's' : ''}`);
        const onFrame = (done: number, n: number) => ctx.progress(done / n, `frame ${done}/${n}`);
        if (backend) {
          await forEachFrame(
            v.data,
            v.width,
            v.height,
            (frame, f) =>
              // A frame over one GPU binding runs in tiles: cancel between them, progress per tile.
              filterFrameOn(backend, frame, v.width, v.height, p, out.subarray(f * plane, (f + 1) * plane), {
                signal: ctx.signal,
                onProgress: (done, total) => ctx.progress((f + done / total) / frames, `frame ${f + 1}/${frames}, tile ${done}/${total}`),
              }),
            onFrame,
          );
        } else {
          // CPU: frames in parallel on the frame pool when there is one (src/workers/pool).
          await mapFrames('denoise.frame', p, v.data, out, v.width, v.height, { signal: ctx.signal, onFrame });
        }
      }
    } catch (err) {
      if (err instanceof RangeError) throw new NodeInputError(err.message);
      throw err;
    }
    return { image: { ...v, dtype: 'f32', data: out, meta: deriveMeta(v.meta) } };
  },
});
