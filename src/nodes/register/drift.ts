/**
 * register.drift: estimates the translation of every frame of a stack by phase correlation (to a
 * fixed frame, to the previous frame cumulatively, or to the running mean of the frames registered
 * so far) and applies it (bilinear, bicubic or Fourier), giving a registered stack, optionally
 * cropped to the area common to all frames, and a table of shifts.
 */
import { clearFrameShiftScratch, estimateFrameShift, prepareForCorrelation } from '../../ops/image/estimateFrameShift';
import { defineNode, NodeInputError, requireInput } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import { deriveMeta, type StackValue, type TableValue } from '../../runtime/values';
import { allocFloat32, allocFloat64 } from '../../runtime/alloc';
import { mapFrames } from '../../workers/pool/mapFrames';
import { hannWindow2d } from '../../ops/image/hannWindow2d';
import { realFft2d } from '../../ops/fft/realFft2d';
import { assertImageData } from '../../ops/image/assertImageData';
import { warpAffine } from '../../ops/image/warpAffine';
import { cropCommon } from '../../ops/image/cropCommon';
import { tablePlotPreview } from '../../runtime/preview/tablePlotPreview';
import { selectBackend } from '../../compute/selectBackend';
import { forEachFrame } from '../../ops/stack/forEachFrame';

const params = defineParams({
  mode: {
    type: 'enum',
    label: 'Register to',
    description:
      'Which frame each frame is aligned to. "Reference frame": every frame against one fixed frame (best when the ' +
      'content stays alike). "Previous frame": each frame against the one before, shifts summed (follows slowly ' +
      'changing content; small errors accumulate). "Running mean": each frame against the mean of the frames ' +
      'already registered (less noise than a single frame).',
    default: 'to-reference',
    options: [
      { value: 'to-reference', label: 'reference frame', description: 'every frame against the reference frame' },
      { value: 'previous', label: 'previous frame', description: 'frame f against frame f − 1, cumulative' },
      { value: 'running-mean', label: 'running mean', description: 'frame f against the mean of registered frames 0 … f − 1' },
    ],
  },
  reference: {
    type: 'integer',
    label: 'Reference frame',
    description:
      'Index (0-based) of the frame the others are aligned to (its shift is 0). Pick a sharp, typical frame. With ' +
      '"previous frame" and "running mean" the chain starts at frame 0 and the shifts are then expressed relative to this frame.',
    default: 0,
    min: 0,
  },
  upsampleFactor: {
    type: 'integer',
    label: 'Upsampling',
    description: 'Shifts are found to 1/upsampling of a pixel (Guizar-Sicairos refinement). 10 → 0.1 px; 100 → 0.01 px, slower on big images.',
    default: 10,
    min: 1,
    max: 1000,
  },
  window: {
    type: 'enum',
    label: 'Window',
    description:
      'Taper applied (after subtracting the mean) to both frames before correlating. Hann removes the bias that the ' +
      'frame borders cause for sub-pixel shifts of non-periodic images; none reproduces skimage on raw frames.',
    default: 'hann',
    options: [
      { value: 'hann', label: 'Hann', description: 'separable symmetric Hann window' },
      { value: 'none', label: 'none', description: 'raw frames, as skimage.registration.phase_cross_correlation' },
    ],
  },
  interpolation: {
    type: 'enum',
    label: 'Apply shift by',
    description:
      'How frames are moved: bilinear or bicubic interpolation (pixels shifted in from outside get the fill value; ' +
      'bicubic keeps fine detail sharper) or Fourier shift (exact for band-limited images, content wraps around the edges).',
    default: 'bilinear',
    options: [
      { value: 'bilinear', label: 'bilinear', description: 'as scipy.ndimage.shift(order=1, mode="constant", cval=fill)' },
      { value: 'bicubic', label: 'bicubic', description: 'cubic B-spline, as scipy.ndimage.shift(order=3); fill outside' },
      { value: 'fourier', label: 'Fourier shift', description: 'as scipy.ndimage.fourier_shift; circular' },
    ],
  },
  fill: {
    type: 'number',
    label: 'Fill value',
    description: 'Bilinear/bicubic: value of pixels that come from outside the frame after shifting.',
    default: 0,
    advanced: true,
  },
  crop: {
    type: 'boolean',
    label: 'Crop to common area',
    description: 'Keep only the rectangle that holds image data in every registered frame (no fill borders).',
    default: false,
  },
});

export const driftNode = defineNode({
  type: 'register.drift',
  version: 2,
  category: 'register',
  title: 'Drift correction',
  help:
    'Aligns the frames of a stack by translation. Each frame (mean removed, Hann-tapered by default) is ' +
    'phase-correlated with the reference frame as ' +
    'skimage.registration.phase_cross_correlation (normalization "phase", upsampled DFT refinement; ' +
    'Guizar-Sicairos et al., Opt. Lett. 33:156, 2008), then shifted. The shifts table gives per frame the ' +
    'shift (dy, dx in pixels) that was applied to register it onto the reference, and skimage\'s error metric. ' +
    'Series modes: to a fixed frame, to the previous frame (shifts summed), to the running mean. With "crop", the ' +
    'output keeps only the area covered by every shifted frame. The preview is the drift plot: dy and dx against the ' +
    'frame coordinate (time, energy, …).',
  // v1 → v2 added the modes "previous" and "running-mean", bicubic interpolation and "crop" (off: v1 behaviour).
  migrate: (from, stored) => (from < 2 ? { ...stored, crop: false } : stored),
  inputs: [{ name: 'stack', label: 'Stack', kinds: ['stack'], required: true }],
  outputs: [
    { name: 'registered', label: 'Registered', kinds: ['stack'] },
    { name: 'shifts', label: 'Shifts', kinds: ['table'] },
  ],
  params,
  preview(_inputs, _p, _frame, outputs) {
    // The drift plot: the shifts table's dy and dx over its frame-coordinate column.
    const t = outputs?.shifts;
    return t && t.kind === 'table' ? tablePlotPreview(t, t.columns[1].name, 'dy,dx') : null;
  },
  async run(inputs, p, ctx) {
    // The op keeps its scratch planes for the frames of one stack; free them when the node is done.
    try {
      const v = requireInput(inputs, 'stack', ['stack']);
      if (p.reference >= v.frames) {
        throw new NodeInputError(`reference: expected a frame index 0..${v.frames - 1} (the stack has ${v.frames} frames), got ${p.reference}`);
      }
      const { width, height, frames } = v;
      const plane = width * height;
      // In shared memory, so pool threads read the window (and the reference spectrum) without a copy each.
      const win = p.window === 'hann' ? allocFloat64(plane) : null;
      win?.set(hannWindow2d(width, height));
      const frameAt = (f: number) => v.data.subarray(f * plane, (f + 1) * plane);
      const spectrumOf = (frame: Float64Array | typeof v.data, what: string, out?: { re: Float64Array; im: Float64Array }) => {
        try {
          assertImageData(what, frame, width, height);
          return realFft2d(prepareForCorrelation(frame, win, new Float64Array(win ? plane : 0)), height, width, out);
        } catch (e) {
          if (e instanceof RangeError) throw new NodeInputError(e.message);
          throw e;
        }
      };
      const dy = new Float64Array(frames);
      const dx = new Float64Array(frames);
      const err = new Float64Array(frames);
      if (p.mode === 'to-reference' || p.mode === 'previous') {
        // Every frame's estimate is independent (against one fixed spectrum, or against frame f − 1 with
        // the shifts summed afterwards): frames in parallel on the frame pool when there is one.
        const fixed = p.mode === 'to-reference';
        const referenceSpectrum = fixed
          ? spectrumOf(frameAt(p.reference), `reference frame ${p.reference}`, { re: allocFloat64(plane), im: allocFloat64(plane) })
          : undefined;
        const est = allocFloat64(3 * frames); // per frame: dy, dx, error
        try {
          await mapFrames(
            'register.estimateShift',
            { against: fixed ? 'fixed' : 'previous', referenceSpectrum, stack: fixed ? undefined : v.data, window: win, upsampleFactor: p.upsampleFactor },
            v.data,
            null,
            width,
            height,
            { values: est, signal: ctx.signal, onFrame: (done, n) => ctx.progress((0.5 * done) / n, `estimated frame ${done}/${n}`) },
          );
        } catch (e) {
          if (e instanceof RangeError) throw new NodeInputError(e.message);
          throw e;
        }
        for (let f = 0; f < frames; f++) {
          // 'previous': pairwise shifts f → f − 1, summed: frame f shifted by Σ_{k ≤ f} d_k lands on frame 0.
          dy[f] = est[3 * f] + (fixed || f === 0 ? 0 : dy[f - 1]);
          dx[f] = est[3 * f + 1] + (fixed || f === 0 ? 0 : dx[f - 1]);
          err[f] = est[3 * f + 2];
        }
      } else {
        // Running mean of the registered frames 0 … f − 1 (pixels shifted in from outside not counted).
        const sum = Float64Array.from(frameAt(0));
        const count = new Float64Array(plane).fill(1);
        const mean = new Float64Array(plane);
        const moved = new Float32Array(plane);
        const one = new Float64Array(3); // dy, dx, error of the frame at hand
        for (let f = 1; f < frames; f++) {
          await ctx.progress((0.5 * f) / frames, `frame ${f + 1}/${frames} against the running mean`);
          for (let i = 0; i < plane; i++) mean[i] = sum[i] / count[i];
          try {
            estimateFrameShift(frameAt(f), width, height, { against: 'fixed', referenceSpectrum: spectrumOf(mean, 'running mean'), window: win, upsampleFactor: p.upsampleFactor }, f, one);
          } catch (e) {
            if (e instanceof RangeError) throw new NodeInputError(`frame ${f}: ${e.message}`);
            throw e;
          }
          [dy[f], dx[f], err[f]] = one;
          if (f === frames - 1) break;
          // Accumulated with the bicubic spline whatever the output interpolation (less blur in the mean).
          try {
            warpAffine(frameAt(f), width, height, { matrix: [1, 0, -dy[f], 0, 1, -dx[f]], order: 3, fill: NaN, out: moved });
          } catch (e) {
            if (e instanceof RangeError) throw new NodeInputError(`frame ${f}: ${e.message}`);
            throw e;
          }
          for (let i = 0; i < plane; i++) {
            const m = moved[i];
            if (m === m) {
              sum[i] += m;
              count[i]++;
            }
          }
        }
      }
      if (p.mode !== 'to-reference') {
        // Express the shifts relative to the reference frame (its shift becomes 0).
        const ry = dy[p.reference];
        const rx = dx[p.reference];
        for (let f = 0; f < frames; f++) {
          dy[f] -= ry;
          dx[f] -= rx;
        }
      }
      // Applying the shifts is frame-parallel: on the frame pool when there is one (src/workers/pool),
      // into shared memory so the pool writes frames in place.
      let out: Float32Array = allocFloat32(v.data.length);
      // Bilinear shifts have a GPU kernel (src/compute): the run's backend choice decides.
      const choice = ctx.backend ?? 'auto';
      const selected = p.interpolation === 'bilinear' && choice !== 'cpu' ? await selectBackend(choice) : null;
      const backend = selected && selected.name !== 'cpu' ? selected : null;
      ctx.usedBackend?.(backend?.name ?? 'cpu');
      const onFrame = (done: number, n: number) => ctx.progress(0.5 + (0.5 * done) / n, `shifted frame ${done}/${n}`);
      try {
        if (backend) {
          await forEachFrame(
            v.data,
            width,
            height,
            async (frame, f) => {
              assertImageData('bilinearShift', frame, width, height); // the CPU op's messages
              const r = await backend.bilinearShift2d(frame instanceof Float32Array ? frame : Float32Array.from(frame), width, height, { dy: dy[f], dx: dx[f], fill: p.fill, signal: ctx.signal });
              try {
                await backend.read(r, out.subarray(f * plane, (f + 1) * plane));
              } finally {
                r.dispose();
              }
            },
            onFrame,
          );
        } else {
          await mapFrames('register.shiftFrame', { interpolation: p.interpolation, fill: p.fill, dy: Array.from(dy), dx: Array.from(dx) }, v.data, out, width, height, {
            signal: ctx.signal,
            onFrame,
          });
        }
      } catch (e) {
        if (e instanceof RangeError) throw new NodeInputError(e.message);
        throw e;
      }
      let size = { width, height };
      if (p.crop) {
        try {
          const c = cropCommon(out, width, height, { dy, dx });
          out = c.data;
          size = { width: c.width, height: c.height };
        } catch (e) {
          if (e instanceof RangeError) throw new NodeInputError(`crop: ${e.message}`);
          throw e;
        }
      }
      await ctx.progress(1);
      const registered: StackValue = { ...v, ...size, dtype: 'f32', data: out, meta: deriveMeta(v.meta) };
      const shifts: TableValue = {
        kind: 'table',
        rows: frames,
        columns: [
          { name: 'frame', unit: '', data: Float64Array.from({ length: frames }, (_, i) => i) },
          // The frame coordinate under its axis name (time, energy, z), kept distinct from the index column.
          { name: v.frameAxis.name === 'frame' ? 'coord' : v.frameAxis.name, unit: v.frameAxis.unit, data: Float64Array.from(v.frameCoords) },
          { name: 'dy', unit: 'px', data: dy },
          { name: 'dx', unit: 'px', data: dx },
          { name: 'error', unit: '', data: err },
        ],
        meta: deriveMeta(v.meta),
      };
      return { registered, shifts };
    } finally {
      clearFrameShiftScratch();
    }
  },
});
