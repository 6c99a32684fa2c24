/** `inspect` rows for JCAMP-DX files: the block io.load-jcamp would load, with the others listed. */
import { readJcamp } from '../ops/io/jcamp/readJcamp';
import { pickJcampBlock } from '../ops/io/jcamp/jcampToSpectra';
import type { InspectSummary, Scalar } from './inspectLoaders';

export function jcampSummary(bytes: Uint8Array, name: string): InspectSummary {
  const file = readJcamp(bytes, name);
  const b = pickJcampBlock(file, 0);
  const n = b.pages[0].x.length;
  const x = b.pages[0].x;
  const meta: Record<string, Scalar> = { format: 'JCAMP-DX', blocks: file.blocks.length, block: b.index };
  for (const [k, v] of Object.entries(b.attrs)) meta[k] = v;
  if (file.blocks.length > 1) meta.otherBlocks = file.blocks.filter((o) => o !== b).map((o) => `${o.index}: ${o.dataType || o.title}`).join(', ');
  if (b.peakTable) meta.peakTable = true;
  const xAxis = { name: b.xAxis.name, unit: b.xAxis.unit, size: n, range: [x[0], x[n - 1]] as [number, number] };
  const several = b.pages.length > 1;
  return {
    loader: 'jcamp',
    node: 'io.load-jcamp',
    kind: several ? 'spectra' : 'spectrum',
    shape: several ? [b.pages.length, n] : [n],
    dtype: 'f64',
    axes: several ? [{ name: 'page', unit: '', size: b.pages.length }, xAxis] : [xAxis],
    meta: { ...meta, y: b.pages[0].yAxis.unit ? `${b.pages[0].yAxis.name} (${b.pages[0].yAxis.unit})` : b.pages[0].yAxis.name },
    warnings: file.warnings,
  };
}
