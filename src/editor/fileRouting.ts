/** Which loader node opens a data file dropped on the canvas, chosen by its extension. */
const LOADERS: Record<string, string> = {
  '.tif': 'io.load-image',
  '.tiff': 'io.load-image',
  '.xdi': 'io.load-spectra',
  '.txt': 'io.load-spectra',
  '.dat': 'io.load-spectra',
  '.xmu': 'io.load-spectra',
  '.nor': 'io.load-spectra',
  '.mpt': 'io.load-echem',
  '.mpr': 'io.load-echem',
  // xrd: added by helper
  '.xy': 'io.load-pattern',
  '.xye': 'io.load-pattern',
  '.chi': 'io.load-pattern',
  '.xrdml': 'io.load-pattern',
  '.edf': 'io.load-detector-image',
};

export function fileExtension(name: string): string {
  const i = name.lastIndexOf('.');
  return i < 0 ? '' : name.slice(i).toLowerCase();
}

/** Loader node type for a file name, or null when no loader reads it. */
export function loaderForFile(name: string): string | null {
  return LOADERS[fileExtension(name)] ?? null;
}

/** Groups dropped file names by loader type (several spectra files → one series loader). */
export function groupByLoader(names: readonly string[]): { loaders: Map<string, string[]>; unknown: string[] } {
  const loaders = new Map<string, string[]>();
  const unknown: string[] = [];
  for (const name of names) {
    const t = loaderForFile(name);
    if (!t) unknown.push(name);
    else loaders.set(t, [...(loaders.get(t) ?? []), name]);
  }
  return { loaders, unknown };
}
