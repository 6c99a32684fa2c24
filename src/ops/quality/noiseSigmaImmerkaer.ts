import { assertImageData, type ImageData2D } from '../image/assertImageData';

/**
 * Noise standard deviation by Immerkær's fast estimator (J. Immerkær, "Fast noise variance
 * estimation", CVIU 64:300, 1996): σ = √(π/2)·Σ|I∗N| / (6(W−2)(H−2)) with the Laplacian-difference
 * mask N = [[1,−2,1],[−2,4,−2],[1,−2,1]] over the interior (a 'valid' convolution, as
 * `scipy.signal.convolve2d(I, N, 'valid')`). N cancels linear ramps, so smooth structure barely
 * counts; strong edges still add a little. Needs at least 3×3 pixels.
 */
export function noiseSigmaImmerkaer(data: ImageData2D, width: number, height: number): number {
  assertImageData('noiseSigmaImmerkaer', data, width, height);
  if (width < 3 || height < 3) throw new RangeError(`noiseSigmaImmerkaer: image is ${width}×${height}, expected at least 3×3 pixels`);
  let sum = 0;
  for (let y = 1; y < height - 1; y++) {
    const r0 = (y - 1) * width;
    const r1 = y * width;
    const r2 = (y + 1) * width;
    for (let x = 1; x < width - 1; x++) {
      const v =
        data[r0 + x - 1] - 2 * data[r0 + x] + data[r0 + x + 1] -
        2 * (data[r1 + x - 1] - 2 * data[r1 + x] + data[r1 + x + 1]) +
        data[r2 + x - 1] - 2 * data[r2 + x] + data[r2 + x + 1];
      sum += Math.abs(v);
    }
  }
  return (Math.sqrt(Math.PI / 2) * sum) / (6 * (width - 2) * (height - 2));
}
