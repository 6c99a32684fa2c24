/// <reference types="@webgpu/types" />
/**
 * 1-D FFTs of contiguous complex rows on the GPU: Stockham radix-2 for powers of two, Bluestein
 * through it for other lengths (the CPU plan's chirp and kernel, `ops/fft/fftPlanCache`), inverse
 * by conjugation; and the transpose that `fftNd.ts` uses to bring the next axis last.
 */
import { getFftPlan, type BluesteinPlan } from '../../ops/fft/fftPlanCache';
import { bluesteinMulWgsl, bluesteinPostWgsl, bluesteinPreWgsl, conjScaleWgsl, stockhamWgsl, transposeWgsl } from '../wgsl/fft.wgsl';
import { f32, params, type GpuContext } from './gpuContext';

/** Float32 values of Bluestein scratch one row of length n needs (0 for powers of two). */
export function bluesteinScratch(n: number): number {
  const p = getFftPlan(n);
  return p.kind === 'bluestein' ? 2 * p.m : 0;
}

function twiddles(ctx: GpuContext, n: number): GPUBuffer {
  return ctx.table(`tw:${n}`, () => {
    const t = new Float32Array(Math.max(2, n));
    for (let m = 0; m < n / 2; m++) {
      const a = (-2 * Math.PI * m) / n;
      t[2 * m] = Math.cos(a);
      t[2 * m + 1] = Math.sin(a);
    }
    return t;
  });
}

/** In place: x → scale · (sign = −1: conj x; 1: x), `count` complex values. */
function conjScale(ctx: GpuContext, buf: GPUBuffer, count: number, sign: number, scale: number): Promise<void> {
  return ctx.dispatch(conjScaleWgsl, 'main', [{ buffer: buf, size: count * 8 }], params(count, f32(sign), f32(scale)), count);
}

/** Power-of-two FFT (Stockham) of `batch` contiguous rows of length n: src → dst (src unchanged). */
async function stockham(ctx: GpuContext, src: GPUBuffer, dst: GPUBuffer, n: number, batch: number): Promise<void> {
  const bytes = n * batch * 8;
  if (n === 1) {
    ctx.copy(src, dst, bytes);
    return;
  }
  const stages = Math.round(Math.log2(n));
  const tw = twiddles(ctx, n);
  const half = n / 2;
  const count = batch * half;
  await ctx.withBuffers([bytes], async ([tmp]) => {
    const bufs = stages % 2 === 1 ? [dst, tmp] : [tmp, dst];
    for (let s = 0; s < stages; s++) {
      const ns = 1 << s;
      const from = s === 0 ? src : bufs[(s - 1) % 2];
      const to = bufs[s % 2];
      await ctx.dispatch(stockhamWgsl, 'main', [{ buffer: from, size: bytes }, { buffer: to, size: bytes }, tw], params(n, half, ns, count, half / ns), count);
    }
  });
}

/** Bluestein FFT of `batch` rows of length n (not a power of two), in chunks of rows that fit. */
async function bluestein(ctx: GpuContext, plan: BluesteinPlan, input: GPUBuffer, dst: GPUBuffer, batch: number): Promise<void> {
  const { n, m } = plan;
  if (2 * m > ctx.maxValues) {
    throw new RangeError(`fft2d: a transform of length ${n} needs ${2 * m * 4} bytes of Bluestein scratch, over the GPU binding limit ${ctx.maxBindingBytes}`);
  }
  const count = n * batch;
  const chunk = Math.min(batch, Math.floor(ctx.maxValues / (2 * m)));
  const chirp = ctx.table(`chirp:${n}`, () => {
    const c = new Float32Array(2 * n);
    for (let k = 0; k < n; k++) {
      c[2 * k] = plan.chirpRe[k];
      c[2 * k + 1] = plan.chirpIm[k];
    }
    return c;
  });
  const kernel = ctx.table(`bluestein:${n}`, () => Float32Array.from(plan.kernel));
  const whole = { buffer: input, size: count * 8 };
  const out = { buffer: dst, size: count * 8 };
  await ctx.withBuffers([chunk * m * 8, chunk * m * 8], async ([s1, s2]) => {
    for (let r0 = 0; r0 < batch; r0 += chunk) {
      const rowsNow = Math.min(chunk, batch - r0);
      const cm = rowsNow * m;
      const scratch1 = { buffer: s1, size: cm * 8 };
      const scratch2 = { buffer: s2, size: cm * 8 };
      await ctx.dispatch(bluesteinPreWgsl, 'main', [whole, scratch1, chirp], params(n, m, r0, cm), cm);
      await stockham(ctx, s1, s2, m, rowsNow);
      await ctx.dispatch(bluesteinMulWgsl, 'main', [scratch2, kernel], params(m, cm), cm);
      await stockham(ctx, s2, s1, m, rowsNow);
      await ctx.dispatch(bluesteinPostWgsl, 'main', [scratch1, out, chirp], params(n, m, r0, rowsNow * n, f32(1 / m)), rowsNow * n);
    }
  });
}

/**
 * 1-D FFTs of `batch` contiguous complex rows of length n (any n): src → dst, src unchanged.
 * Inverse by conjugation: conj(FFT(conj x))/n, as `fft1d`.
 */
export async function fftRows(ctx: GpuContext, src: GPUBuffer, dst: GPUBuffer, n: number, batch: number, inverse: boolean): Promise<void> {
  const count = n * batch;
  const plan = getFftPlan(n);
  const forward = (input: GPUBuffer) => (plan.kind === 'bluestein' ? bluestein(ctx, plan, input, dst, batch) : stockham(ctx, input, dst, n, batch));
  if (!inverse) return forward(src);
  await ctx.withBuffers([count * 8], async ([conj]) => {
    ctx.copy(src, conj, count * 8);
    await conjScale(ctx, conj, count, -1, 1);
    await forward(conj);
  });
  await conjScale(ctx, dst, count, -1, 1 / n);
}

/** rows × cols complex src → its cols × rows transpose in dst. */
export function transpose(ctx: GpuContext, src: GPUBuffer, dst: GPUBuffer, rows: number, cols: number): Promise<void> {
  const count = rows * cols;
  return ctx.dispatch(transposeWgsl, 'main', [{ buffer: src, size: count * 8 }, { buffer: dst, size: count * 8 }], params(rows, cols, count), count);
}
