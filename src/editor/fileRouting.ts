/**
 * Which loader node opens a data file dropped on the canvas. The decision is `detectFileFormat`'s
 * (src/ops/io/detectFileFormat.ts), the same that `operando-flow inspect` reports: content
 * signatures in the first 4 KiB first, then the extension.
 */
import { detectFileFormat, fileExtension, knownExtensions } from '../ops/io/detectFileFormat';

export { fileExtension };

/** How many bytes of a dropped file the detector looks at. */
export const HEAD_BYTES = 4096;

/** The first bytes of a dropped file (the whole file is not read for this). */
export async function readFileHead(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
}

/** Loader node type for a file, from its name and (when given) its first bytes; null when no loader reads it. */
export function loaderForFile(name: string, head: Uint8Array = new Uint8Array(0)): string | null {
  return detectFileFormat(name, head)?.node ?? null;
}

/** A dropped file: its name, and its first bytes when they have been read. */
export type DroppedFile = string | { name: string; head?: Uint8Array };

/** Groups dropped files by loader type (several spectra files → one series loader). */
export function groupByLoader(files: readonly DroppedFile[]): { loaders: Map<string, string[]>; unknown: string[] } {
  const loaders = new Map<string, string[]>();
  const unknown: string[] = [];
  for (const f of files) {
    const name = typeof f === 'string' ? f : f.name;
    const t = loaderForFile(name, typeof f === 'string' ? undefined : f.head);
    if (!t) unknown.push(name);
    else loaders.set(t, [...(loaders.get(t) ?? []), name]);
  }
  return { loaders, unknown };
}

/** For the "no loader" notice: the extensions some loader reads. */
export function readableExtensions(): string {
  return knownExtensions().join(' ');
}
