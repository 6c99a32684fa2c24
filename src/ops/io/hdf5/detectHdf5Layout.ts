import type { Hdf5Entry } from './listHdf5Tree';

/** What a file's conventions say its image data is. */
export type Hdf5Layout =
  | {
      kind: 'data-exchange';
      /** `/exchange/data`: projections, `angles × rows × columns`. */
      projections: string;
      flats?: string;
      darks?: string;
      /** Rotation angle per projection (degrees in the APS Data Exchange convention). */
      theta?: string;
    }
  | {
      kind: 'nexus';
      /** The NXentry and NXdata groups the signal was found in. */
      entry: string;
      nxdata: string;
      /** The signal dataset (the image data). */
      signal: string;
      /** Per dimension of the signal, the path of its axis dataset (or null: `.` / missing). */
      axes: (string | null)[];
    }
  | { kind: 'single'; dataset: string }
  | { kind: 'none'; candidates: string[] };

const splitNames = (v: unknown): string[] =>
  typeof v === 'string' ? v.split(/\s*[,:]\s*/).map((s) => s.trim()).filter((s) => s !== '') : [];

/**
 * Finds the image data of an HDF5 file from its conventions, as the tree lists it:
 * Data Exchange (APS/tomopy: `/exchange/data`, `data_white`, `data_dark`, `theta`), NeXus (the
 * root's and entry's `default` attributes, else the first NXdata group of the first NXentry; its
 * `signal` and `axes` attributes, NeXus 2014 convention, as nexpy/silx read them), or the only
 * dataset of two or more dimensions. Otherwise `none` with the ≥ 2-D datasets as candidates.
 */
export function detectHdf5Layout(entries: Hdf5Entry[]): Hdf5Layout {
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const isDataset = (p: string): boolean => byPath.get(p)?.kind === 'dataset';
  if (isDataset('/exchange/data')) {
    const out: Hdf5Layout = { kind: 'data-exchange', projections: '/exchange/data' };
    if (isDataset('/exchange/data_white')) out.flats = '/exchange/data_white';
    if (isDataset('/exchange/data_dark')) out.darks = '/exchange/data_dark';
    if (isDataset('/exchange/theta')) out.theta = '/exchange/theta';
    return out;
  }
  const nxClass = (p: string): unknown => byPath.get(p)?.attrs.NX_class;
  const children = (p: string): Hdf5Entry[] =>
    entries.filter((e) => e.path.startsWith(p === '/' ? '/' : p + '/') && !e.path.slice(p === '/' ? 1 : p.length + 1).includes('/') && e.path !== p);
  const root = byPath.get('/');
  const entryPaths: string[] = [];
  const rootDefault = root?.attrs.default;
  if (typeof rootDefault === 'string' && nxClass(`/${rootDefault}`) === 'NXentry') entryPaths.push(`/${rootDefault}`);
  for (const c of children('/')) if (c.kind === 'group' && nxClass(c.path) === 'NXentry' && !entryPaths.includes(c.path)) entryPaths.push(c.path);
  for (const entry of entryPaths) {
    const candidates: string[] = [];
    const def = byPath.get(entry)?.attrs.default;
    if (typeof def === 'string' && nxClass(`${entry}/${def}`) === 'NXdata') candidates.push(`${entry}/${def}`);
    for (const c of children(entry)) if (c.kind === 'group' && nxClass(c.path) === 'NXdata' && !candidates.includes(c.path)) candidates.push(c.path);
    for (const nxdata of candidates) {
      const g = byPath.get(nxdata)!;
      const signalName = typeof g.attrs.signal === 'string' ? g.attrs.signal : children(nxdata).find((c) => c.kind === 'dataset' && c.attrs.signal === 1)?.path.split('/').pop();
      if (!signalName || !isDataset(`${nxdata}/${signalName}`)) continue;
      const signal = `${nxdata}/${signalName}`;
      const rank = byPath.get(signal)!.shape?.length ?? 0;
      const axisNames = splitNames(g.attrs.axes ?? byPath.get(signal)!.attrs.axes);
      const axes = Array.from({ length: rank }, (_, d) => {
        const n = axisNames[d];
        return n && n !== '.' && isDataset(`${nxdata}/${n}`) ? `${nxdata}/${n}` : null;
      });
      return { kind: 'nexus', entry, nxdata, signal, axes };
    }
  }
  const images = entries.filter((e) => e.kind === 'dataset' && (e.shape?.length ?? 0) >= 2);
  if (images.length === 1) return { kind: 'single', dataset: images[0].path };
  return { kind: 'none', candidates: images.map((e) => e.path) };
}
