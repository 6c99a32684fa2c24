/** Synthetic training data with known labels for the CNN tests (not a test file itself). */
import { seededUniform } from '../../segment/assertSamples';

/** Two phases: discs of radius 5..9 px (class 1, bright) on a background (class 0), plus noise. */
export function twoPhase(width: number, height: number, seed: number): { image: Float32Array; labels: Uint8Array } {
  const rand = seededUniform(seed);
  const image = new Float32Array(width * height);
  const labels = new Uint8Array(width * height);
  const n = Math.round((width * height) / 400);
  for (let k = 0; k < n; k++) {
    const cx = rand() * width;
    const cy = rand() * height;
    const r = 5 + 4 * rand();
    for (let y = Math.max(0, Math.floor(cy - r)); y < Math.min(height, Math.ceil(cy + r)); y++)
      for (let x = Math.max(0, Math.floor(cx - r)); x < Math.min(width, Math.ceil(cx + r)); x++)
        if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) labels[y * width + x] = 1;
  }
  for (let i = 0; i < image.length; i++) image[i] = 100 + 50 * labels[i] + 20 * (rand() + rand() + rand() - 1.5);
  return { image, labels };
}
