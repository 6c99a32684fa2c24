/**
 * clean.background: background subtraction for diffractograms and other spectra (SNIP, modified
 * polynomial, polynomial over chosen ranges, rolling ball), per spectrum of a series; rolling-ball
 * background of images (uneven illumination), per frame.
 */
import { defineNode, NodeInputError, requireInput, type RunContext } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import { deriveMeta, type ImageValue, type SpectraValue, type SpectrumValue, type StackValue } from '../../runtime/values';
import { backgroundSnip } from '../../ops/spectrum/backgroundSnip';
import { backgroundModPoly } from '../../ops/spectrum/backgroundModPoly';
import { backgroundPolyRanges } from '../../ops/spectrum/backgroundPolyRanges';
import { backgroundRollingBall } from '../../ops/spectrum/backgroundRollingBall';
import { rollingBall2d } from '../../ops/intensity/rollingBall2d';
import { forEachFrame } from '../../ops/stack/forEachFrame';

const params = defineParams({
  method: {
    type: 'enum',
    label: 'Method',
    description: 'How the background under the peaks is estimated.',
    default: 'snip',
    options: [
      { value: 'snip', label: 'SNIP', description: 'iterative peak clipping (Ryan 1988, Morháč 1997); robust default for XRD' },
      { value: 'modpoly', label: 'modified polynomial', description: 'polynomial refitted to min(signal, fit) until stable (Lieber 2003, pybaselines modpoly)' },
      { value: 'ranges', label: 'polynomial over ranges', description: 'least-squares polynomial through user-chosen peak-free x ranges' },
      { value: 'rolling-ball', label: 'rolling ball', description: 'skimage.restoration.rolling_ball on the 1-D signal, or in 2-D on each image frame (the only method for images)' },
    ],
  },
  iterations: {
    type: 'integer',
    label: 'SNIP window',
    description: 'SNIP: largest clipping half-window in points; about the half-width at the base of the widest peak.',
    default: 40,
    min: 1,
    max: 10000,
    unit: 'points',
  },
  lls: {
    type: 'boolean',
    label: 'LLS operator',
    description: 'SNIP: clip in ln(ln(√(y+1)+1)+1) space, which treats weak and strong peaks alike (needs counts ≥ 0).',
    default: true,
  },
  decreasing: {
    type: 'boolean',
    label: 'Decreasing window',
    description: 'SNIP: apply windows from the largest down to 1 (smoother background at sharp bends).',
    default: false,
    advanced: true,
  },
  degree: {
    type: 'integer',
    label: 'Degree',
    description: 'Polynomial methods: degree of the background polynomial (2–4 for a smooth hump).',
    default: 3,
    min: 0,
    max: 12,
  },
  ranges: {
    type: 'string',
    label: 'Background ranges',
    description: 'Polynomial over ranges: peak-free x intervals as "lo:hi" pairs separated by commas, e.g. "10:17, 40:43, 95:100" (in x units).',
    default: '',
    pattern: '[-+0-9.eE:,;\\s]*',
    placeholder: '10:17, 40:43',
  },
  tolerance: {
    type: 'number',
    label: 'Tolerance',
    description: 'Modified polynomial: stop when the fit changes by less than this fraction between iterations.',
    default: 1e-3,
    min: 0,
    exclusiveMin: true,
    advanced: true,
  },
  maxIterations: {
    type: 'integer',
    label: 'Max. iterations',
    description: 'Modified polynomial: iteration limit.',
    default: 250,
    min: 1,
    max: 10000,
    advanced: true,
  },
  radius: {
    type: 'number',
    label: 'Ball radius',
    description:
      'Rolling ball: radius in points (pixels for images) and in y units at once (as skimage); choose it wider than the peaks or particles. On images the cost grows with radius²: 20 px on 2k×2k takes seconds.',
    default: 100,
    min: 0,
    exclusiveMin: true,
    unit: 'points',
  },
});

/** "10:17, 40:43" → [[10, 17], [40, 43]]; throws a message naming the bad piece. */
function parseRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const piece of text.split(/[,;]/)) {
    if (piece.trim() === '') continue;
    const parts = piece.split(':').map((s) => s.trim());
    const [lo, hi] = parts.map(Number);
    if (parts.length !== 2 || parts.some((s) => s === '') || !Number.isFinite(lo) || !Number.isFinite(hi) || !(lo < hi))
      throw new NodeInputError(`ranges: "${piece.trim()}" is not an interval "lo:hi" with lo < hi`);
    out.push([lo, hi]);
  }
  if (out.length === 0) throw new NodeInputError('ranges: expected at least one "lo:hi" interval for the "polynomial over ranges" method, got none');
  return out;
}

export const backgroundNode = defineNode({
  type: 'clean.background',
  version: 1,
  category: 'clean',
  title: 'Background subtraction',
  help:
    'Estimates and subtracts the background of a spectrum or of every spectrum of a series (diffractograms). ' +
    'SNIP: v[i] ← min(v[i], (v[i−p]+v[i+p])/2) for p = 1…window, optionally in LLS space (C. G. Ryan et al., NIM B 34 ' +
    '(1988) 396; M. Morháč et al., NIM A 401 (1997) 113). Modified polynomial: as pybaselines modpoly (Lieber & ' +
    'Mahadevan-Jansen, Appl. Spectrosc. 57 (2003) 1363). Polynomial over ranges: numpy Polynomial.fit through the points ' +
    'in the given x ranges. Rolling ball: skimage.restoration.rolling_ball in 1-D (radius in points and y units). ' +
    'Images and stacks (uneven illumination): rolling ball only, in 2-D on each frame (skimage.restoration.rolling_ball), float32 out. ' +
    'Outputs the corrected data (y − background) and the background.',
  inputs: [{ name: 'spectra', label: 'Spectra or images', kinds: ['spectrum', 'spectra', 'image', 'stack'], required: true }],
  outputs: [
    { name: 'corrected', label: 'Corrected', kinds: ['spectrum', 'spectra', 'image', 'stack'] },
    { name: 'background', label: 'Background', kinds: ['spectrum', 'spectra', 'image', 'stack'] },
  ],
  params,
  async run(inputs, p, ctx) {
    const input = requireInput(inputs, 'spectra', ['spectrum', 'spectra', 'image', 'stack']);
    if (input.kind === 'image' || input.kind === 'stack') return imageBackground(input, p.method, p.radius, ctx);
    const v = input;
    const x = v.x;
    const points = x.length;
    const frames = v.kind === 'spectra' ? v.frames : 1;
    const ranges = p.method === 'ranges' ? parseRanges(p.ranges) : [];
    const background = new Float64Array(frames * points);
    const corrected = new Float64Array(frames * points);
    for (let f = 0; f < frames; f++) {
      await ctx.progress(f / frames, `background ${f + 1}/${frames}`);
      const y = v.y.subarray(f * points, (f + 1) * points);
      const b = background.subarray(f * points, (f + 1) * points);
      try {
        if (p.method === 'snip') backgroundSnip(y, { iterations: p.iterations, lls: p.lls, decreasing: p.decreasing, out: b });
        else if (p.method === 'rolling-ball') backgroundRollingBall(y, { radius: p.radius, out: b });
        else if (p.method === 'modpoly') {
          const r = backgroundModPoly(x, y, { degree: p.degree, tolerance: p.tolerance, maxIterations: p.maxIterations });
          if (r.iterations === p.maxIterations) ctx.warn(`spectrum ${f}: modified polynomial did not converge in ${p.maxIterations} iterations`);
          b.set(r.background);
        } else b.set(backgroundPolyRanges(x, y, { degree: p.degree, ranges }));
      } catch (err) {
        if (err instanceof RangeError) throw new NodeInputError(frames > 1 ? `spectrum ${f}: ${err.message}` : err.message);
        throw err;
      }
      for (let i = 0; i < points; i++) corrected[f * points + i] = y[i] - b[i];
    }
    await ctx.progress(1);
    const make = (y: Float64Array): SpectrumValue | SpectraValue =>
      v.kind === 'spectra'
        ? { ...v, x: Float64Array.from(x), y, time: Float64Array.from(v.time), frameLabels: [...v.frameLabels], meta: deriveMeta(v.meta) }
        : { ...v, x: Float64Array.from(x), y, meta: deriveMeta(v.meta) };
    return { corrected: make(corrected), background: make(background) };
  },
});

/** Rolling-ball background of every frame of an image or stack (2-D). */
async function imageBackground(
  v: ImageValue | StackValue,
  method: string,
  radius: number,
  ctx: RunContext,
): Promise<{ corrected: ImageValue | StackValue; background: ImageValue | StackValue }> {
  if (method !== 'rolling-ball') {
    throw new NodeInputError(`method: "${method}" works on spectra; for ${v.kind === 'image' ? 'an image' : 'a stack'} choose "rolling-ball"`);
  }
  const { width, height } = v;
  const plane = width * height;
  const background = new Float32Array(v.data.length);
  const corrected = new Float32Array(v.data.length);
  await ctx.progress(0, `rolling ball r=${radius}`);
  try {
    await forEachFrame(
      v.data,
      width,
      height,
      (frame, f) => {
        const b = rollingBall2d(frame, width, height, { radius, out: background.subarray(f * plane, (f + 1) * plane) });
        for (let i = 0; i < plane; i++) corrected[f * plane + i] = frame[i] - b[i];
      },
      (done, n) => ctx.progress(done / n, `frame ${done}/${n}`),
    );
  } catch (err) {
    if (err instanceof RangeError) throw new NodeInputError(err.message);
    throw err;
  }
  return {
    corrected: { ...v, dtype: 'f32', data: corrected, meta: deriveMeta(v.meta) },
    background: { ...v, dtype: 'f32', data: background, meta: deriveMeta(v.meta) },
  };
}
