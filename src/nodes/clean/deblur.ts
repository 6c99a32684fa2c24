/**
 * clean.deblur: Richardson–Lucy or Wiener deconvolution of an image, or of every frame of a stack,
 * with a Gaussian PSF or a PSF image.
 */
import { defineNode, NodeInputError, requireInput } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import { deriveMeta } from '../../runtime/values';
import { allocFloat32 } from '../../runtime/alloc';
import { gaussianPsf } from '../../ops/image/gaussianPsf';
import { forEachFrame } from '../../ops/stack/forEachFrame';
import { mapFrames } from '../../workers/pool/mapFrames';
import { assertImageData } from '../../ops/image/assertImageData';
import { selectBackend } from '../../compute/selectBackend';

const params = defineParams({
  method: {
    type: 'enum',
    label: 'Method',
    description:
      'Richardson–Lucy: iterative, keeps values positive, sharpens more with more iterations. Wiener: one step in Fourier space, regularised by a Laplacian (balance).',
    default: 'richardson-lucy',
    options: [
      { value: 'richardson-lucy', label: 'Richardson–Lucy', description: 'skimage.restoration.richardson_lucy' },
      { value: 'wiener', label: 'Wiener', description: 'skimage.restoration.wiener (Laplacian regulariser)' },
    ],
  },
  psfSize: {
    type: 'integer',
    label: 'PSF size',
    description: 'Gaussian PSF (used when no PSF image is connected): side in pixels, about 4–6 σ.',
    default: 7,
    min: 1,
    max: 101,
    unit: 'px',
  },
  psfSigma: {
    type: 'number',
    label: 'PSF σ',
    description: 'Gaussian PSF (used when no PSF image is connected): standard deviation of the blur in pixels.',
    default: 1.5,
    min: 0,
    exclusiveMin: true,
    max: 50,
    step: 0.1,
    unit: 'px',
  },
  normalizePsf: {
    type: 'boolean',
    label: 'Normalise PSF',
    description: 'Scale a connected PSF image to sum 1, so deblurring keeps the mean intensity.',
    default: true,
  },
  iterations: {
    type: 'integer',
    label: 'Iterations',
    description: 'Richardson–Lucy: number of iterations. More sharpens more but amplifies noise.',
    default: 10,
    min: 1,
    max: 1000,
  },
  filterEpsilon: {
    type: 'number',
    label: 'Filter ε',
    description: 'Richardson–Lucy: where the re-blurred estimate is below this value the correction is set to 0 (limits noise in dark regions). Off by default.',
    default: null,
    nullable: true,
    nullLabel: 'off',
    min: 0,
    exclusiveMin: true,
    advanced: true,
  },
  balance: {
    type: 'number',
    label: 'Balance',
    description: 'Wiener: weight of the Laplacian regulariser. Small restores more detail and more noise; large is smoother.',
    default: 0.01,
    min: 0,
    step: 0.001,
  },
  clip: {
    type: 'boolean',
    label: 'Clip to [−1, 1]',
    description: 'Clip the result to [−1, 1] as skimage does by default (meant for images scaled to that range); leave off for raw values.',
    default: false,
    advanced: true,
  },
});

export const deblurNode = defineNode({
  type: 'clean.deblur',
  version: 1,
  category: 'clean',
  title: 'Deblur',
  help:
    'Deconvolves an image, or each frame of a stack, by a point-spread function: a Gaussian (size, σ) or a connected PSF image. ' +
    'Richardson–Lucy: as skimage.restoration.richardson_lucy(image, psf, num_iter, clip, filter_epsilon), convolutions by FFT. ' +
    'Wiener: as skimage.restoration.wiener(image, psf, balance, reg=Laplacian, is_real=True, clip). Values are used as they are ' +
    '(no rescaling); Richardson–Lucy expects non-negative images. Output is 32-bit float.',
  inputs: [
    { name: 'image', label: 'Image', kinds: ['image', 'stack'], required: true },
    { name: 'psf', label: 'PSF', kinds: ['image'], description: 'Optional point-spread function image; replaces the Gaussian PSF.' },
  ],
  outputs: [{ name: 'image', label: 'Deblurred', kinds: ['image', 'stack'] }],
  params,
  async run(inputs, p, ctx) {
    const v = requireInput(inputs, 'image', ['image', 'stack']);
    let psf: Float64Array;
    let kw: number;
    let kh: number;
    if (inputs.psf) {
      const im = requireInput(inputs, 'psf', ['image']);
      psf = Float64Array.from(im.data);
      kw = im.width;
      kh = im.height;
      let sum = 0;
      for (let i = 0; i < psf.length; i++) {
        if (!Number.isFinite(psf[i])) throw new NodeInputError(`input "psf": non-finite value (${psf[i]}) at row ${Math.floor(i / kw)}, column ${i % kw}`);
        sum += psf[i];
      }
      if (p.normalizePsf) {
        if (!(sum > 0)) throw new NodeInputError(`input "psf": its values sum to ${sum}, expected a positive sum to normalise`);
        for (let i = 0; i < psf.length; i++) psf[i] /= sum;
      }
    } else {
      psf = gaussianPsf({ size: p.psfSize, sigma: p.psfSigma });
      kw = p.psfSize;
      kh = p.psfSize;
    }
    if (kw > v.width || kh > v.height) {
      throw new NodeInputError(`PSF is ${kw} × ${kh} pixels, larger than the image (${v.width} × ${v.height}); use a smaller PSF`);
    }
    // Shared memory where possible, so the frame pool writes frames in place.
    const out = allocFloat32(v.data.length);
    const frames = v.kind === 'stack' ? v.frames : 1;
    const plane = v.width * v.height;
    const label = p.method === 'wiener' ? `Wiener, balance ${p.balance}` : `Richardson–Lucy, ${p.iterations} iterations`;
    // Richardson–Lucy runs on the run's compute backend (src/compute); Wiener and 'cpu' use the ops.
    const choice = ctx.backend ?? 'auto';
    const selected = p.method === 'wiener' || choice === 'cpu' ? null : await selectBackend(choice);
    const backend = selected && selected.name !== 'cpu' ? selected : null;
    ctx.usedBackend?.(backend?.name ?? 'cpu');
    await ctx.progress(0, `${label}, ${frames} frame${frames > 1 ? 's' : ''}`);
    const onFrame = (done: number, n: number) => ctx.progress(done / n, `frame ${done}/${n}`);
    try {
      if (backend) {
        await forEachFrame(
          v.data,
          v.width,
          v.height,
          async (frame, f) => {
            assertImageData('richardsonLucy', frame, v.width, v.height); // the CPU op's messages
            const x = frame instanceof Float32Array ? frame : Float32Array.from(frame);
            // A frame over one GPU binding runs in rounds × tiles: cancel between them, progress per tile.
            const onProgress = (done: number, total: number) => ctx.progress((f + done / total) / frames, `frame ${f + 1}/${frames}, tile ${done}/${total}`);
            const r = await backend.richardsonLucy(x, v.width, v.height, {
              psf,
              psfWidth: kw,
              psfHeight: kh,
              clip: p.clip,
              numIter: p.iterations,
              filterEpsilon: p.filterEpsilon,
              signal: ctx.signal,
              onProgress,
            });
            try {
              await backend.read(r, out.subarray(f * plane, (f + 1) * plane));
            } finally {
              r.dispose();
            }
          },
          onFrame,
        );
      } else {
        // CPU: frames in parallel on the frame pool when there is one (src/workers/pool).
        const frameOptions = { method: p.method, psf, psfWidth: kw, psfHeight: kh, clip: p.clip, iterations: p.iterations, filterEpsilon: p.filterEpsilon, balance: p.balance };
        await mapFrames('deblur.frame', frameOptions, v.data, out, v.width, v.height, { signal: ctx.signal, onFrame });
      }
    } catch (err) {
      if (err instanceof RangeError) throw new NodeInputError(err.message);
      throw err;
    }
    return { image: { ...v, dtype: 'f32', data: out, meta: deriveMeta(v.meta) } };
  },
});
