/**
 * 3-D phase correlation with its FFTs on a compute backend: fft3d of both volumes, the normalised
 * cross-power spectrum and its inverse fft3d stay on the backend; only R and the correlation
 * volume come back, and the peak search and upsampled-DFT refinement run on the host
 * (`locateCorrelationPeak3d`, the same code as the float64 CPU op `phaseCorrelation3d`).
 */
import type { ComputeBackend, DeviceArray, TileRunOptions } from './computeBackend';
import { locateCorrelationPeak3d, type PhaseCorrelation3dResult } from '../ops/volume/phaseCorrelation3d';

export async function phaseCorrelation3dOnBackend(
  backend: ComputeBackend,
  reference: Float32Array,
  moving: Float32Array,
  width: number,
  height: number,
  depth: number,
  upsampleFactor: number,
  run: TileRunOptions = {},
): Promise<PhaseCorrelation3dResult> {
  const n = width * height * depth;
  for (const [what, v] of [['reference', reference], ['moving', moving]] as const) {
    if (v.length !== n) throw new RangeError(`phaseCorrelation3d (${what}): ${v.length} values, expected depth·height·width = ${depth}·${height}·${width} = ${n}`);
  }
  if (!Number.isInteger(upsampleFactor) || upsampleFactor < 1) {
    throw new RangeError(`phaseCorrelation3d: upsampleFactor = ${upsampleFactor}, expected an integer ≥ 1`);
  }
  // Three FFTs of one shape (same bands when tiled): FFT k's pieces count as k·total + done of 3·total.
  const fftRun = (k: number): TileRunOptions => ({
    signal: run.signal,
    onProgress: run.onProgress && ((done, total) => run.onProgress!(k * total + done, 3 * total)),
  });
  const handles: DeviceArray[] = [];
  const keep = (h: DeviceArray) => (handles.push(h), h);
  try {
    const fa = keep(await backend.fft3d(reference, depth, height, width, fftRun(0)));
    const fb = keep(await backend.fft3d(moving, depth, height, width, fftRun(1)));
    // Σ(re² + im²) over the interleaved spectrum is Σ|F|².
    const srcAmp = (await backend.reduce(fa)).sumSquares;
    const tgtAmp = (await backend.reduce(fb)).sumSquares;
    const r = keep(await backend.crossPowerSpectrum(fa, fb));
    const c = keep(await backend.fft3d(r, depth, height, width, { inverse: true, ...fftRun(2) }));
    const rh = await backend.read(r);
    const ch = await backend.read(c);
    const split = (x: Float32Array, part: 0 | 1) => Float64Array.from({ length: n }, (_, i) => x[2 * i + part]);
    return locateCorrelationPeak3d(
      { pr: split(rh, 0), pi: split(rh, 1), cr: split(ch, 0), ci: split(ch, 1), srcAmp, tgtAmp },
      width,
      height,
      depth,
      upsampleFactor,
    );
  } finally {
    for (const h of handles) h.dispose();
  }
}
