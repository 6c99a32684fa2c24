/**
 * SpillStore in the Origin Private File System, for the engine's worker: synchronous access
 * handles (worker-only, no copy through a stream) where the browser has them, writable streams
 * otherwise. All files live in one folder, `operando-spill/`, so clearing is one recursive remove.
 */
import type { SpillStore } from './spillStore';

const FOLDER = 'operando-spill';

/** The parts of a sync access handle we use (typed here: not in every TS DOM lib). */
interface SyncHandle {
  write(buffer: ArrayBufferView, options: { at: number }): number;
  read(buffer: ArrayBufferView, options: { at: number }): number;
  truncate(size: number): void;
  getSize(): number;
  flush(): void;
  close(): void;
}
type WithSync = FileSystemFileHandle & { createSyncAccessHandle?: () => Promise<SyncHandle> };

/** Whether this context has an Origin Private File System. */
export function hasOpfs(): boolean {
  const storage = (globalThis as { navigator?: { storage?: { getDirectory?: unknown } } }).navigator?.storage;
  return typeof storage?.getDirectory === 'function';
}

export class OpfsSpillStore implements SpillStore {
  private folder: Promise<FileSystemDirectoryHandle> | null = null;

  private dir(): Promise<FileSystemDirectoryHandle> {
    this.folder ??= navigator.storage.getDirectory().then((root) => root.getDirectoryHandle(FOLDER, { create: true }));
    // A refusal (storage blocked) is not remembered: a later call asks again.
    this.folder.catch(() => (this.folder = null));
    return this.folder;
  }

  async write(name: string, pieces: readonly Uint8Array[]): Promise<number> {
    const file = (await (await this.dir()).getFileHandle(name, { create: true })) as WithSync;
    let at = 0;
    if (typeof file.createSyncAccessHandle === 'function') {
      const h = await file.createSyncAccessHandle();
      try {
        h.truncate(0);
        for (const p of pieces) at += h.write(p, { at });
        h.flush();
      } finally {
        h.close();
      }
      return at;
    }
    const w = await file.createWritable();
    for (const p of pieces) {
      await w.write(p as Uint8Array<ArrayBuffer>);
      at += p.byteLength;
    }
    await w.close();
    return at;
  }

  async read(name: string): Promise<Uint8Array> {
    const file = (await (await this.dir()).getFileHandle(name)) as WithSync;
    if (typeof file.createSyncAccessHandle === 'function') {
      const h = await file.createSyncAccessHandle();
      try {
        const out = new Uint8Array(h.getSize());
        const n = h.read(out, { at: 0 });
        if (n !== out.byteLength) throw new RangeError(`${FOLDER}/${name}: read ${n} of ${out.byteLength} bytes`);
        return out;
      } finally {
        h.close();
      }
    }
    return new Uint8Array(await (await file.getFile()).arrayBuffer());
  }

  async remove(name: string): Promise<void> {
    await (await this.dir()).removeEntry(name).catch(() => {});
  }

  async list(): Promise<{ name: string; bytes: number }[]> {
    const out: { name: string; bytes: number }[] = [];
    const dir = (await this.dir()) as FileSystemDirectoryHandle & { values(): AsyncIterable<FileSystemHandle> };
    for await (const h of dir.values()) {
      if (h.kind !== 'file') continue;
      out.push({ name: h.name, bytes: (await (h as FileSystemFileHandle).getFile()).size });
    }
    return out;
  }

  async estimate(): Promise<{ usage: number | null; quota: number | null }> {
    const e = await navigator.storage.estimate();
    return { usage: e.usage ?? null, quota: e.quota ?? null };
  }

  async clear(): Promise<void> {
    const root = await navigator.storage.getDirectory();
    this.folder = null;
    await root.removeEntry(FOLDER, { recursive: true }).catch(() => {});
  }
}
