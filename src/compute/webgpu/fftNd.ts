/// <reference types="@webgpu/types" />
/**
 * DFT over the last `axes` axes of a row-major array (1-D batched rows, 2-D, 3-D; real or complex
 * in, interleaved complex out). Resident: each step transforms the last axis (contiguous rows)
 * and transposes (rest × last) so that the next axis becomes the last; after `axes` steps the
 * order is back (1-D: one step, no transpose). Length-1 axes are skipped (their transpose moves
 * nothing). Too large for one binding: bands of lines along each axis go through host memory.
 */
import type { ArrayInput, DeviceArray, TileRunOptions } from '../computeBackend';
import { TileSteps } from '../tileSteps';
import { realToComplexWgsl } from '../wgsl/fft.wgsl';
import { bluesteinScratch, fftRows, transpose } from './fft';
import { gpuResult, hostValues, onHost, withInputs } from './gpuArrays';
import { params, type GpuContext } from './gpuContext';

export function fftNd(
  ctx: GpuContext,
  op: string,
  input: ArrayInput,
  kind: 'real' | 'complex',
  shape: readonly number[],
  axes: number,
  inverse: boolean,
  options?: TileRunOptions,
): Promise<DeviceArray> {
  const n = shape.reduce((a, b) => a * b, 1);
  const lengths = shape.slice(shape.length - axes);
  return withInputs(ctx, op, [input], async ([x]) => {
    // Resident when the complex array and each axis's Bluestein scratch fit.
    if (x.buffer && ctx.fits(2 * n) && lengths.every((len) => ctx.fits(bluesteinScratch(len)))) {
      return gpuResult(ctx, 2 * n, await fftResident(ctx, x.buffer, kind, shape, axes, inverse));
    }
    return onHost(ctx, await fftTiled(ctx, op, await hostValues(ctx, x), kind, shape, axes, inverse, options));
  });
}

/** The resident transform; returns a new pooled buffer of 2n values. */
async function fftResident(ctx: GpuContext, src: GPUBuffer, kind: 'real' | 'complex', shape: readonly number[], axes: number, inverse: boolean): Promise<GPUBuffer> {
  const n = shape.reduce((a, b) => a * b, 1);
  let a = ctx.pool.acquire(n * 8);
  if (kind === 'real') {
    await ctx.dispatch(realToComplexWgsl, 'main', [{ buffer: src, size: n * 4 }, { buffer: a, size: n * 8 }], params(n), n);
  } else ctx.copy(src, a, n * 8);
  let b = ctx.pool.acquire(n * 8);
  if (axes === 1) {
    const len = shape[shape.length - 1];
    await fftRows(ctx, a, b, len, n / len, inverse);
    [a, b] = [b, a];
  } else {
    const dims = [...shape];
    for (let k = 0; k < axes; k++) {
      const len = dims[dims.length - 1];
      if (len > 1) {
        await fftRows(ctx, a, b, len, n / len, inverse);
        await transpose(ctx, b, a, n / len, len);
      }
      dims.unshift(dims.pop()!);
    }
  }
  ctx.pool.release(b);
  return a;
}

/**
 * The same through host memory: for each axis, bands of lines along it are gathered into
 * contiguous rows, transformed on the GPU, and scattered back.
 */
async function fftTiled(
  ctx: GpuContext,
  op: string,
  data: Float32Array,
  kind: 'real' | 'complex',
  shape: readonly number[],
  axes: number,
  inverse: boolean,
  options?: TileRunOptions,
): Promise<Float32Array> {
  const n = shape.reduce((a, b) => a * b, 1);
  // Lines per band along an axis of length len (at least one line, as many as one binding holds).
  const bandOf = (len: number) => Math.max(1, Math.min(n / len, Math.floor(ctx.maxValues / (2 * len))));
  const transformed = shape.slice(shape.length - axes).filter((len) => len > 1);
  const steps = new TileSteps(options, transformed.reduce((a, len) => a + Math.ceil(n / len / bandOf(len)), 0));
  const out = new Float32Array(2 * n);
  if (kind === 'real') for (let i = 0; i < n; i++) out[2 * i] = data[i];
  else out.set(data);
  for (let ax = shape.length - 1; ax >= shape.length - axes; ax--) {
    const len = shape[ax];
    if (len === 1) continue;
    const rowValues = 2 * len;
    if (!ctx.fits(rowValues) || !ctx.fits(bluesteinScratch(len))) {
      throw new RangeError(`${op}: one transform of length ${len} does not fit the GPU binding limit of ${ctx.maxBindingBytes} bytes`);
    }
    // Line l along this axis: outer o = ⌊l/S⌋, inner i = l mod S, elements o·len·S + i + k·S.
    const S = shape.slice(ax + 1).reduce((a, b) => a * b, 1);
    const lines = n / len;
    const band = bandOf(len);
    const buf = new Float32Array(band * rowValues);
    const move = (l0: number, nl: number, gather: boolean) => {
      if (S === 1) {
        if (gather) buf.set(out.subarray(2 * l0 * len, 2 * (l0 + nl) * len));
        else out.set(buf.subarray(0, nl * rowValues), 2 * l0 * len);
        return;
      }
      for (let j = 0; j < nl; j++) {
        const l = l0 + j;
        const o = Math.floor(l / S);
        const base = o * len * S + (l - o * S);
        for (let k = 0; k < len; k++) {
          const e = 2 * (base + k * S);
          const b = 2 * (j * len + k);
          if (gather) {
            buf[b] = out[e];
            buf[b + 1] = out[e + 1];
          } else {
            out[e] = buf[b];
            out[e + 1] = buf[b + 1];
          }
        }
      }
    };
    await ctx.withBuffers([buf.byteLength, buf.byteLength], async ([src, dst]) => {
      for (let l0 = 0; l0 < lines; l0 += band) {
        steps.before();
        const nl = Math.min(band, lines - l0);
        const view = buf.subarray(0, nl * rowValues);
        move(l0, nl, true);
        ctx.write(src, view);
        await fftRows(ctx, src, dst, len, nl, inverse);
        await ctx.download(dst, view.length, view);
        move(l0, nl, false);
        await steps.after();
      }
    });
  }
  return out;
}
