/**
 * Image reduction for previews: an integer factor so the long side fits `maxSide`, then either
 * box averaging (intensities: every source pixel counts, NaN ignored) or nearest sampling
 * (labels: class indices must never be averaged into classes that are not there). Edge blocks
 * that are cut by the border average what they hold. Always allocates plain (transferable) arrays.
 */
export function previewFactor(width: number, height: number, maxSide = 1024): number {
  if (!Number.isInteger(maxSide) || maxSide < 1) throw new RangeError(`maxSide: expected an integer ≥ 1, got ${maxSide}`);
  return Math.max(1, Math.ceil(Math.max(width, height) / maxSide));
}

function checkShape(data: ArrayLike<number>, width: number, height: number): void {
  if (!Number.isInteger(width) || width < 1 || !Number.isInteger(height) || height < 1)
    throw new RangeError(`width × height: expected positive integers, got ${width} × ${height}`);
  if (data.length < width * height)
    throw new RangeError(`data: expected ≥ ${width * height} values for ${width} × ${height}, got ${data.length}`);
}

/** Block mean over `factor × factor` blocks, ignoring NaN (a block of NaN only gives NaN). */
export function downsampleBox(
  data: ArrayLike<number>,
  width: number,
  height: number,
  factor: number,
): { data: Float32Array; width: number; height: number } {
  checkShape(data, width, height);
  const w = Math.ceil(width / factor);
  const h = Math.ceil(height / factor);
  const out = new Float32Array(w * h);
  if (factor === 1) {
    for (let i = 0; i < w * h; i++) out[i] = data[i];
    return { data: out, width: w, height: h };
  }
  const sum = new Float64Array(w);
  const cnt = new Uint32Array(w);
  for (let oy = 0; oy < h; oy++) {
    sum.fill(0);
    cnt.fill(0);
    const yEnd = Math.min(height, (oy + 1) * factor);
    for (let y = oy * factor; y < yEnd; y++) {
      const row = y * width;
      for (let x = 0; x < width; x++) {
        const v = data[row + x];
        if (Number.isNaN(v)) continue;
        const ox = Math.floor(x / factor);
        sum[ox] += v;
        cnt[ox]++;
      }
    }
    for (let ox = 0; ox < w; ox++) out[oy * w + ox] = cnt[ox] ? sum[ox] / cnt[ox] : NaN;
  }
  return { data: out, width: w, height: h };
}

/** The top-left pixel of each `factor × factor` block (labels). */
export function downsampleNearest<T extends Float32Array | Uint8Array>(
  data: ArrayLike<number>,
  width: number,
  height: number,
  factor: number,
  out: T,
): { data: T; width: number; height: number } {
  checkShape(data, width, height);
  const w = Math.ceil(width / factor);
  const h = Math.ceil(height / factor);
  if (out.length !== w * h) throw new RangeError(`out: expected ${w * h} elements, got ${out.length}`);
  for (let oy = 0; oy < h; oy++) {
    const row = oy * factor * width;
    for (let ox = 0; ox < w; ox++) out[oy * w + ox] = data[row + ox * factor];
  }
  return { data: out, width: w, height: h };
}
