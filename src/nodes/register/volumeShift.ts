/**
 * register.volume-shift: 3-D translation between two stacks treated as volumes (z slices), by 3-D
 * phase correlation with sub-voxel upsampling; outputs the moving volume shifted onto the fixed
 * one and a one-row table of the shift.
 */
import { defineNode, NodeInputError, requireInput } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import { deriveMeta, type StackValue, type TableValue } from '../../runtime/values';
import { phaseCorrelation3d } from '../../ops/volume/phaseCorrelation3d';
import { shiftVolume } from '../../ops/volume/shiftVolume';
import { hannWindow2d } from '../../ops/image/hannWindow2d';
import { selectBackend } from '../../compute/selectBackend';
import { phaseCorrelation3dOnBackend } from '../../compute/phaseCorrelation3dOnBackend';

const params = defineParams({
  upsampleFactor: {
    type: 'integer',
    label: 'Upsampling',
    description: 'The shift is found to 1/upsampling of a voxel (Guizar-Sicairos refinement in 3-D). 10 → 0.1 voxel.',
    default: 10,
    min: 1,
    max: 200,
  },
  window: {
    type: 'enum',
    label: 'Window',
    description:
      'Taper applied (after subtracting the mean) to both volumes before correlating: a 3-D Hann window removes the ' +
      'bias of the volume borders; none reproduces skimage on raw volumes.',
    default: 'hann',
    options: [
      { value: 'hann', label: 'Hann', description: 'separable symmetric Hann window along z, y and x' },
      { value: 'none', label: 'none', description: 'raw volumes, as skimage.registration.phase_cross_correlation' },
    ],
  },
  fill: {
    type: 'number',
    label: 'Fill value',
    description: 'Value of voxels that come from outside the volume after shifting.',
    default: 0,
    advanced: true,
  },
});

export const volumeShiftNode = defineNode({
  type: 'register.volume-shift',
  version: 1,
  category: 'register',
  title: 'Volume shift (3-D)',
  help:
    'Finds the 3-D translation that registers a moving volume (a stack of z slices) onto a fixed one of the same size, ' +
    'by 3-D phase correlation with upsampled-DFT refinement (skimage.registration.phase_cross_correlation on 3-D ' +
    'arrays; Guizar-Sicairos et al., Opt. Lett. 33:156, 2008), then shifts the moving volume by trilinear ' +
    'interpolation (scipy.ndimage.shift order 1, constant fill). The table gives the shift (dz, dy, dx in voxels) ' +
    'applied and skimage\'s error metric.',
  inputs: [
    { name: 'fixed', label: 'Fixed volume', kinds: ['stack'], required: true },
    { name: 'moving', label: 'Moving volume', kinds: ['stack'], required: true },
  ],
  outputs: [
    { name: 'registered', label: 'Registered', kinds: ['stack'] },
    { name: 'shift', label: 'Shift', kinds: ['table'] },
  ],
  params,
  async run(inputs, p, ctx) {
    const a = requireInput(inputs, 'fixed', ['stack']);
    const b = requireInput(inputs, 'moving', ['stack']);
    if (a.width !== b.width || a.height !== b.height || a.frames !== b.frames) {
      throw new NodeInputError(
        `moving: expected the size of the fixed volume (${a.frames}×${a.height}×${a.width}), got ${b.frames}×${b.height}×${b.width}`,
      );
    }
    const { width, height, frames } = a;
    const plane = width * height;
    await ctx.progress(0, `3-D phase correlation of ${frames}×${height}×${width}`);
    const win2 = p.window === 'hann' ? hannWindow2d(width, height) : null;
    const winZ = p.window === 'hann' ? hannWindow2d(frames, 1) : null;
    const prepare = (v: StackValue): StackValue['data'] | Float64Array => {
      if (!win2 || !winZ) return v.data;
      let mean = 0;
      for (let i = 0; i < v.data.length; i++) mean += v.data[i];
      mean /= v.data.length;
      const out = new Float64Array(v.data.length);
      for (let z = 0; z < frames; z++) {
        const wz = winZ[z];
        for (let i = 0; i < plane; i++) out[z * plane + i] = (v.data[z * plane + i] - mean) * wz * win2[i];
      }
      return out;
    };
    let r: ReturnType<typeof phaseCorrelation3d>;
    let registered: Float32Array;
    try {
      // The 3-D FFTs run on the run's compute backend; CPU keeps the float64 op (the reference).
      const choice = ctx.backend ?? 'auto';
      const backend = choice === 'cpu' ? null : await selectBackend(choice);
      ctx.usedBackend?.(backend?.name ?? 'cpu');
      if (backend && backend.name !== 'cpu') {
        const f32 = (x: ArrayLike<number>) => (x instanceof Float32Array ? x : Float32Array.from(x));
        // Volumes over one GPU binding run the FFTs in bands: cancel between them, progress per band.
        const run = { signal: ctx.signal, onProgress: (done: number, total: number) => ctx.progress((0.7 * done) / total, `FFT band ${done}/${total}`) };
        r = await phaseCorrelation3dOnBackend(backend, f32(prepare(a)), f32(prepare(b)), width, height, frames, p.upsampleFactor, run);
      } else r = phaseCorrelation3d(prepare(a), prepare(b), width, height, frames, { upsampleFactor: p.upsampleFactor });
      await ctx.progress(0.7, `shift (${r.shift.map((s) => s.toFixed(2)).join(', ')}) voxels; applying`);
      registered = shiftVolume(b.data, width, height, frames, { shift: r.shift, fill: p.fill });
    } catch (e) {
      if (e instanceof RangeError) throw new NodeInputError(e.message);
      throw e;
    }
    await ctx.progress(1);
    const meta = deriveMeta(b.meta, a.meta);
    const table: TableValue = {
      kind: 'table',
      rows: 1,
      columns: [
        { name: 'dz', unit: 'voxel', data: Float64Array.of(r.shift[0]) },
        { name: 'dy', unit: 'voxel', data: Float64Array.of(r.shift[1]) },
        { name: 'dx', unit: 'voxel', data: Float64Array.of(r.shift[2]) },
        { name: 'error', unit: '', data: Float64Array.of(r.error) },
      ],
      meta,
    };
    return { registered: { ...b, dtype: 'f32', data: registered, meta }, shift: table };
  },
});
