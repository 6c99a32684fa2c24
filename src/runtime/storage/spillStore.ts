/**
 * Where the engine keeps large intermediate outputs out of memory: named files (one per node
 * output) in the browser's Origin Private File System (`opfsSpillStore.ts`), or in memory in tests.
 * File names carry the workflow, node and port (`spillFileName`), so the storage panel can show
 * usage by workflow and node even for files left by an earlier session.
 */
export interface SpillStore {
  /** Writes the pieces one after another as file `name` (replacing it); resolves with the bytes written. */
  write(name: string, pieces: readonly Uint8Array[]): Promise<number>;
  /** The whole file, in a buffer starting at offset 0 (so typed-array views of it are aligned). */
  read(name: string): Promise<Uint8Array>;
  remove(name: string): Promise<void>;
  list(): Promise<{ name: string; bytes: number }[]>;
  /** Removes every file of the store. */
  clear(): Promise<void>;
  /** The origin's storage estimate, where the platform gives one. */
  estimate?(): Promise<{ usage: number | null; quota: number | null }>;
}

export interface SpillFileInfo {
  workflow: string;
  nodeId: string;
  port: string;
}

const SEP = '~';

/** `<workflow>~<node>~<port>~<key>.ofv`, each part URI-encoded (no `/`, no `~`). */
export function spillFileName(info: SpillFileInfo, key: string): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/~/g, '%7E');
  return [info.workflow, info.nodeId, info.port, key.slice(0, 24)].map(enc).join(SEP) + '.ofv';
}

/** The workflow, node and port a spill file name was made from; null for a foreign file. */
export function parseSpillFileName(name: string): SpillFileInfo | null {
  if (!name.endsWith('.ofv')) return null;
  const parts = name.slice(0, -4).split(SEP);
  if (parts.length !== 4) return null;
  try {
    const [workflow, nodeId, port] = parts.map(decodeURIComponent);
    return { workflow, nodeId, port };
  } catch {
    return null;
  }
}

/** What the storage panel shows: the browser's estimate and the engine's spill files. */
export interface StorageUsage {
  /** `navigator.storage.estimate()` (whole origin: IndexedDB, OPFS, caches); null where unavailable. */
  usage: number | null;
  quota: number | null;
  /** Node outputs at least this large are kept in the store rather than in memory. */
  thresholdBytes: number;
  /** Bytes of all spill files. */
  spilledBytes: number;
  /** One row per spill file, by workflow and node. */
  files: (SpillFileInfo & { name: string; bytes: number })[];
  /** Whether this engine has a store at all (false: outputs stay in memory). */
  available: boolean;
}
