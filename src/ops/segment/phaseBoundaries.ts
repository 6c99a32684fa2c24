import { assertVolume } from './assertVolume';
import { regionProperties } from './regionProperties';
import { surfaceAreaMarchingCubes } from './surfaceAreaMarchingCubes';

export interface PhaseBoundariesOptions {
  /** Number of phases: values 0…classes−1. */
  classes: number;
  /**
   * Frames of `frames × height × width` data, and whether they form one volume (3-D surface areas)
   * or separate 2-D images (perimeters summed over frames).
   * @default { frames: 1, volume: false }
   */
  frames?: number;
  volume?: boolean;
}

/**
 * Boundary size of every phase of a segmentation (each value's mask as a whole, whatever its
 * components): in 3-D the marching-cubes surface area of the padded mask as skimage measures it
 * (`surfaceAreaMarchingCubes`), in 2-D `skimage.measure.perimeter(labels == c, neighbourhood=4)`
 * summed over frames. With the phase's size it gives the specific surface (interface per volume),
 * the quantity electrode models take from tomography. Index = phase value.
 */
export function phaseBoundaries(labels: Uint8Array | Uint16Array, width: number, height: number, options: PhaseBoundariesOptions): Float64Array {
  const { classes } = options;
  const frames = options.frames ?? 1;
  assertVolume('phaseBoundaries', labels, width, height, frames);
  if (!Number.isInteger(classes) || classes < 1) throw new RangeError(`phaseBoundaries: classes = ${classes}, expected a positive integer`);
  if (options.volume && frames > 1) return surfaceAreaMarchingCubes(labels, width, height, frames, { count: classes, background: -1 });
  const plane = width * height;
  const out = new Float64Array(classes);
  // regionProperties measures labels 1…count: one reused frame buffer holding phase + 1.
  const shifted = new Uint16Array(plane);
  for (let f = 0; f < frames; f++) {
    for (let i = 0; i < plane; i++) {
      const c = labels[f * plane + i];
      if (c >= classes) throw new RangeError(`phaseBoundaries: value ${c} at frame ${f}, pixel ${i} is not a phase 0…${classes - 1}`);
      shifted[i] = c + 1;
    }
    const per = regionProperties(shifted, width, height, { count: classes }).perimeter;
    for (let c = 0; c < classes; c++) out[c] += per[c];
  }
  return out;
}
