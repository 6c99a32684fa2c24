import { parseImageJ } from './readTiff';
import type { TiffPage } from './readTiffPages';

/**
 * A guess that pages 1.. of a TIFF repeat one layout at constant strides (what tifffile, ImageJ
 * and camera software write): page k's IFD lies at `ifd1 + (k-1)·ifdStride` and its strips at
 * page 1's strips `+ (k-1)·dataStride`. A guess only: the caller verifies it by reading pages.
 */
export interface UniformGuess {
  /** Page 1, the template of every later page. */
  template: TiffPage;
  ifd1: number;
  ifdStride: number;
  dataStride: number;
  /** Page counts worth verifying, most likely first (ImageJ `images=`, then what fills the file). */
  counts: number[];
}

/** Fields that describe a page's pixels and its place in the stack, not where its data lie. */
const LAYOUT: (keyof TiffPage)[] = [
  'width', 'height', 'bits', 'samplesPerPixel', 'sampleFormat', 'compression', 'photometric', 'predictor',
  'orientation', 'subfileType', 'rowsPerStrip', 'stripByteCounts', 'tileOffsets', 'tileByteCounts', 'resUnit', 'xRes', 'yRes',
];

const sameValue = (a: unknown, b: unknown): boolean =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((v, i) => Object.is(v, b[i])) : Object.is(a, b);

/** Same layout (pixels, strip sizes, calibration); `alsoText` also compares description and model. */
export function sameLayout(a: TiffPage, b: TiffPage, alsoText: boolean): boolean {
  if (!LAYOUT.every((k) => sameValue(a[k], b[k]))) return false;
  return !alsoText || (a.description === b.description && a.model === b.model);
}

/** Identical pages but for their index (what a verified page must be to match its prediction). */
export function samePage(a: TiffPage, b: TiffPage): boolean {
  return sameLayout(a, b, true) && sameValue(a.stripOffsets, b.stripOffsets);
}

/** Page k (k ≥ 1) as the guess predicts it. */
export function predictPage(g: UniformGuess, k: number): TiffPage {
  const shift = (k - 1) * g.dataStride;
  return { ...g.template, index: k, stripOffsets: g.template.stripOffsets!.map((o) => o + shift) };
}

export const predictIfd = (g: UniformGuess, k: number): number => g.ifd1 + (k - 1) * g.ifdStride;

/**
 * From the first three pages of a chain (`ifds` their IFD offsets, `ifdLen` the size of page 2's
 * IFD table), a uniform-series guess, or null when the pages do not look like one: uncompressed
 * strips with known byte counts, pages 1 and 2 identical but for offsets that advance by one
 * stride for every strip, page 0 with the same layout (it may alone carry a description).
 */
export function guessUniformSeries(pages: TiffPage[], ifds: number[], ifdLen: number, fileSize: number): UniformGuess | null {
  if (pages.length !== 3 || ifds.length !== 3) return null;
  const [p0, p1, p2] = pages;
  if (p1.compression !== 1 || p1.tileOffsets !== null || !p1.stripOffsets || !p1.stripByteCounts) return null;
  if (!sameLayout(p0, p1, false) || !sameLayout(p1, p2, true)) return null;
  const o1 = p1.stripOffsets;
  const o2 = p2.stripOffsets!;
  if (o1.length === 0 || o1.length !== o2.length || o1.length !== p1.stripByteCounts.length) return null;
  const dataStride = o2[0] - o1[0];
  const ifdStride = ifds[2] - ifds[1];
  if (dataStride <= 0 || ifdStride <= 0 || !o1.every((o, s) => o2[s] - o === dataStride)) return null;
  // The last page whose IFD and strips still lie inside the file, counted from page 1.
  const dataEnd = Math.max(...o1.map((o, s) => o + p1.stripByteCounts![s]));
  const fits = Math.min(Math.floor((fileSize - ifdLen - ifds[1]) / ifdStride), Math.floor((fileSize - dataEnd) / dataStride));
  const counts: number[] = [];
  const ij = parseImageJ(p0.description).images;
  if (ij > 3) counts.push(ij);
  if (fits + 2 > 3 && fits + 2 !== ij) counts.push(fits + 2);
  return { template: p1, ifd1: ifds[1], ifdStride, dataStride, counts };
}
