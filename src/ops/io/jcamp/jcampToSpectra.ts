/**
 * One block of a read JCAMP-DX file as a project value: a `spectrum` when the block has one page
 * (or only the first page is asked for), a `spectra` series with one row per page otherwise
 * (NTUPLES: real and imaginary parts, or the rows of an nD block), all on the block's x axis.
 */
import type { SpectraValue, SpectrumValue, ValueMeta } from '../../../runtime/values';
import type { JcampBlock, JcampFile } from './readJcamp';

export interface JcampToSpectraOptions {
  /** 1-based block among those with data; 0 picks the spectrum (not the FID) of a LINK file, else the first block. @default 0 */
  block?: number;
  /** NMR x axis: chemical shift in ppm, or in Hz (δ × observe frequency in MHz, relative to the shift reference). @default 'ppm' */
  xUnit?: 'ppm' | 'Hz';
  /** Every page as a series, or only the first (the real part of an NTUPLES spectrum). @default 'all' */
  pages?: 'all' | 'first';
}

/** Thrown for a parameter that does not fit the file; the message names the parameter. */
export class JcampChoiceError extends Error {}

export function pickJcampBlock(file: JcampFile, block = 0): JcampBlock {
  if (block === 0) return file.blocks.find((b) => /SPECTRUM/i.test(b.dataType) && !/FID/i.test(b.dataType)) ?? file.blocks[0];
  const b = file.blocks[block - 1];
  if (!b)
    throw new JcampChoiceError(
      `block: ${block}, but the file has ${file.blocks.length} block${file.blocks.length === 1 ? '' : 's'} with data ` +
        `(${file.blocks.map((x) => `${x.index}: ${x.dataType || x.title}`).join(', ')}): expected 0 (auto) to ${file.blocks.length}`,
    );
  return b;
}

export function jcampToSpectra(file: JcampFile, fileName: string, options: JcampToSpectraOptions = {}): SpectrumValue | SpectraValue {
  const b = pickJcampBlock(file, options.block ?? 0);
  const pages = options.pages === 'first' ? b.pages.slice(0, 1) : b.pages;
  let xAxis = { ...b.xAxis };
  let x = pages[0].x;
  if (options.xUnit === 'Hz' && xAxis.unit === 'ppm') {
    if (b.observeFrequency === undefined)
      throw new JcampChoiceError(`xUnit: Hz needs ##.OBSERVE FREQUENCY, which block ${b.index} of ${fileName} lacks: expected ppm for this file`);
    const f = b.observeFrequency;
    x = Float64Array.from(x, (v) => v * f);
    xAxis = { name: 'chemical shift', unit: 'Hz' };
  }
  const meta: ValueMeta = { sources: [], history: [], attrs: { format: 'JCAMP-DX', block: b.index, ...b.attrs } };
  if (pages.length === 1) return { kind: 'spectrum', x, y: pages[0].y, xAxis, yAxis: pages[0].yAxis, meta };
  const n = x.length;
  for (const p of pages)
    if (p.x.length !== n)
      throw new JcampChoiceError(`pages: page ${p.label} of block ${b.index} in ${fileName} has ${p.x.length} points, page ${pages[0].label} ${n}: use pages "first"`);
  const y = new Float64Array(pages.length * n);
  pages.forEach((p, i) => y.set(p.y, i * n));
  return {
    kind: 'spectra',
    x,
    y,
    frames: pages.length,
    points: n,
    // pages are not a time series: their index stands in for time
    time: Float64Array.from(pages, (_, i) => i),
    frameLabels: pages.map((p) => p.label),
    xAxis,
    yAxis: { name: pages.every((p) => p.yAxis.unit === pages[0].yAxis.unit) ? 'intensity' : pages[0].yAxis.name, unit: pages[0].yAxis.unit },
    meta,
  };
}
