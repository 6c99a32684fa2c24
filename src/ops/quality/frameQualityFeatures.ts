import { brisqueFeatures, BRISQUE_FEATURE_NAMES } from './brisqueFeatures';
import { intensityContrast } from './intensityContrast';
import { laplacianVariance } from './laplacianVariance';
import { noiseSigmaImmerkaer } from './noiseSigmaImmerkaer';
import { noiseSigmaWavelet } from './noiseSigmaWavelet';
import type { ImageData2D } from '../image/assertImageData';

export interface FrameQualityFeaturesOptions {
  /**
   * Compute the 36 BRISQUE statistics too (the slowest part).
   * @default true
   */
  brisque?: boolean;
  /**
   * BRISQUE intensity mapping to 0–255: (value − offset)·scale.
   * @default 0
   */
  offset?: number;
  /**
   * See `offset`.
   * @default 1
   */
  scale?: number;
}

/** Names of the basic features, in the order `frameQualityFeatures` returns them. */
export const BASIC_QUALITY_FEATURES = [
  'noiseImmerkaer',
  'noiseWavelet',
  'laplacianVariance',
  'mean',
  'rmsContrast',
  'michelson',
] as const;

/**
 * Every no-reference quality feature of one frame, as named values: noise σ (Immerkær, wavelet
 * MAD), sharpness (variance of the Laplacian), mean intensity, RMS and Michelson contrast, then
 * (optionally) the 36 BRISQUE statistics under `BRISQUE_FEATURE_NAMES`.
 */
export function frameQualityFeatures(
  data: ImageData2D,
  width: number,
  height: number,
  options: FrameQualityFeaturesOptions = {},
): { names: string[]; values: Float64Array } {
  const c = intensityContrast(data, width, height);
  const basic = [
    noiseSigmaImmerkaer(data, width, height),
    noiseSigmaWavelet(data, width, height),
    laplacianVariance(data, width, height),
    c.mean,
    c.rmsContrast,
    c.michelson,
  ];
  if (options.brisque === false) return { names: [...BASIC_QUALITY_FEATURES], values: Float64Array.from(basic) };
  const b = brisqueFeatures(data, width, height, { offset: options.offset, scale: options.scale });
  const values = new Float64Array(basic.length + b.length);
  values.set(basic);
  values.set(b, basic.length);
  return { names: [...BASIC_QUALITY_FEATURES, ...BRISQUE_FEATURE_NAMES], values };
}
