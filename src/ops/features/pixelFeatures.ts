import { assertImageData, type ImageData2D } from '../image/assertImageData';
import { gaussianFilter } from '../image/gaussianFilter';
import { gaussianDerivatives } from './gaussianDerivatives';

/** ilastik's scales (σ in pixels). */
export const FEATURE_SCALES = [0.7, 1.0, 1.6, 3.5, 5.0, 10.0] as const;

/**
 * ilastik's feature families. Per scale σ: `gaussian` smoothing G_σ; `gradient` magnitude of the
 * Gaussian gradient; `laplacian` of Gaussian; `dog` difference of Gaussians G_σ − G_0.66σ;
 * `structure` the two eigenvalues of the structure tensor (Gaussian gradient at σ, products
 * smoothed at σ/2); `hessian` the two eigenvalues of the Hessian of Gaussian at σ. Eigenvalues
 * largest first.
 */
export const FEATURE_FAMILIES = ['gaussian', 'gradient', 'laplacian', 'dog', 'structure', 'hessian'] as const;
export type FeatureFamily = (typeof FEATURE_FAMILIES)[number];

/** Features each family adds per scale (the tensor families give two eigenvalues). */
export const FEATURES_PER_FAMILY: Readonly<Record<FeatureFamily, number>> = {
  gaussian: 1,
  gradient: 1,
  laplacian: 1,
  dog: 1,
  structure: 2,
  hessian: 2,
};

/** Ratio of the inner Gaussian of the difference of Gaussians (ilastik: 0.66). */
const DOG_RATIO = 0.66;

export interface PixelFeaturesOptions {
  /**
   * Scales σ in pixels (> 0), any order.
   * @default FEATURE_SCALES (all six)
   */
  scales?: readonly number[];
  /**
   * Families to compute, in the block in the order of `FEATURE_FAMILIES`.
   * @default FEATURE_FAMILIES (all six)
   */
  families?: readonly FeatureFamily[];
  /** Output block (features·width·height); allocated when absent. */
  out?: Float32Array;
}

export interface PixelFeatureBlock {
  /** Feature-major block: feature f of pixel p at `data[f·pixels + p]`. */
  data: Float32Array;
  /** Number of features (rows of the block). */
  count: number;
  pixels: number;
  /** One name per feature, e.g. `gradient σ=1.6`, `hessian λ1 σ=3.5`. */
  names: string[];
}

/** Eigenvalues of [[a, b], [b, c]], largest first, into out1/out2 at index i. */
function eig2(a: number, b: number, c: number, o1: Float32Array, o2: Float32Array, i: number): void {
  const m = 0.5 * (a + c);
  const h = 0.5 * (a - c);
  const d = Math.sqrt(h * h + b * b);
  o1[i] = m + d;
  o2[i] = m - d;
}

function featureNames(scales: readonly number[], families: readonly FeatureFamily[]): string[] {
  const names: string[] = [];
  for (const s of scales) {
    for (const fam of FEATURE_FAMILIES) {
      if (!families.includes(fam)) continue;
      if (FEATURES_PER_FAMILY[fam] === 2) names.push(`${fam} λ1 σ=${s}`, `${fam} λ2 σ=${s}`);
      else names.push(`${fam} σ=${s}`);
    }
  }
  return names;
}

/**
 * ilastik's default pixel features (Sommer et al. 2011, "ilastik: Interactive Learning and
 * Segmentation Toolkit"; vigra's filters) for one 2-D image, as a float32 block of
 * features × pixels, computed per scale and family with `mode='nearest'` Gaussians truncated at 4σ.
 * References (tests): scipy.ndimage `gaussian_filter(order=…)`, `gaussian_gradient_magnitude`,
 * `gaussian_laplace`, and scikit-image 0.19 `structure_tensor_eigenvalues` / `hessian_matrix_eigvals`
 * applied to tensors of scipy Gaussian derivatives. Only the selected features are computed; scratch
 * memory is seven images, whatever the number of features.
 */
export function pixelFeatures(
  data: ImageData2D,
  width: number,
  height: number,
  options: PixelFeaturesOptions = {},
): PixelFeatureBlock {
  const op = 'pixelFeatures';
  assertImageData(op, data, width, height);
  const scales = options.scales ?? FEATURE_SCALES;
  const families = options.families ?? FEATURE_FAMILIES;
  if (scales.length === 0) throw new RangeError(`${op}: scales is empty, expected at least one σ > 0`);
  for (const s of scales) {
    if (!(s > 0) || !Number.isFinite(s)) throw new RangeError(`${op}: scales contains ${s}, expected finite σ > 0 (pixels)`);
  }
  if (families.length === 0) throw new RangeError(`${op}: families is empty, expected at least one of ${FEATURE_FAMILIES.join(', ')}`);
  for (const f of families) {
    if (!FEATURE_FAMILIES.includes(f)) throw new RangeError(`${op}: families contains "${f}", expected one of ${FEATURE_FAMILIES.join(', ')}`);
  }
  const names = featureNames(scales, families);
  const n = width * height;
  const count = names.length;
  if (options.out && options.out.length !== count * n) {
    throw new RangeError(`${op}: out has ${options.out.length} values, expected features·pixels = ${count}·${n} = ${count * n}`);
  }
  const out = options.out ?? new Float32Array(count * n);
  const has = (f: FeatureFamily) => families.includes(f);
  // Scratch images, reused for every scale.
  const [gx, gy, gxx, gxy, gyy, aux, prod] = Array.from({ length: 7 }, () => new Float32Array(n));
  let slot = 0;
  const next = () => out.subarray(slot * n, ++slot * n);

  for (const sigma of scales) {
    // The derivatives this scale needs, in one call (shared passes along x).
    const wanted: [number, number, Float32Array][] = [];
    if (has('gradient') || has('structure')) wanted.push([1, 0, gx], [0, 1, gy]);
    if (has('laplacian') || has('hessian')) wanted.push([2, 0, gxx], [0, 2, gyy]);
    if (has('hessian')) wanted.push([1, 1, gxy]);
    if (wanted.length) {
      gaussianDerivatives(data, width, height, { sigma, orders: wanted.map(([ox, oy]) => [ox, oy] as const), out: wanted.map((w) => w[2]) });
    }
    for (const fam of FEATURE_FAMILIES) {
      if (!has(fam)) continue;
      switch (fam) {
        case 'gaussian':
          gaussianFilter(data, width, height, { sigma, out: next() });
          break;
        case 'gradient': {
          const o = next();
          for (let i = 0; i < n; i++) o[i] = Math.hypot(gx[i], gy[i]);
          break;
        }
        case 'laplacian': {
          const o = next();
          for (let i = 0; i < n; i++) o[i] = gxx[i] + gyy[i];
          break;
        }
        case 'dog': {
          const o = next();
          gaussianFilter(data, width, height, { sigma, out: o });
          gaussianFilter(data, width, height, { sigma: DOG_RATIO * sigma, out: aux });
          for (let i = 0; i < n; i++) o[i] -= aux[i];
          break;
        }
        case 'structure': {
          // Tensor elements smoothed at the outer scale σ/2; the two output slots hold Jxx and Jyy
          // until the eigenvalues overwrite them, `aux` holds Jxy.
          const o1 = next();
          const o2 = next();
          const outer = sigma / 2;
          for (let i = 0; i < n; i++) prod[i] = gx[i] * gx[i];
          gaussianFilter(prod, width, height, { sigma: outer, out: o1 });
          for (let i = 0; i < n; i++) prod[i] = gy[i] * gy[i];
          gaussianFilter(prod, width, height, { sigma: outer, out: o2 });
          for (let i = 0; i < n; i++) prod[i] = gx[i] * gy[i];
          gaussianFilter(prod, width, height, { sigma: outer, out: aux });
          for (let i = 0; i < n; i++) eig2(o1[i], aux[i], o2[i], o1, o2, i);
          break;
        }
        case 'hessian': {
          const o1 = next();
          const o2 = next();
          for (let i = 0; i < n; i++) eig2(gxx[i], gxy[i], gyy[i], o1, o2, i);
          break;
        }
      }
    }
  }
  return { data: out, count, pixels: n, names };
}
