/**
 * What the studio keeps in IndexedDB between visits: the autosaved document (as its JSON text)
 * and the bytes of the data files the user gave it, so that a reload can put them back into the
 * engine (a worker keeps nothing across reloads). Files over 256 MiB are remembered by name, size
 * and date only (`putFileRecord`) and must be added again after a reload.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export const DB_NAME = 'operando-flow';
const AUTOSAVE_KEY = 'current';

export interface StoredFile {
  name: string;
  /** Absent for a file over 256 MiB: only its name, size and date are kept, it must be added again. */
  bytes?: ArrayBuffer;
  size: number;
  lastModified?: number;
  /** ISO time it was stored. */
  stored: string;
}

interface StudioDb extends DBSchema {
  autosave: { key: string; value: { text: string; saved: string } };
  files: { key: string; value: StoredFile };
}

export class StudioStorage {
  private constructor(private readonly db: IDBPDatabase<StudioDb>) {}

  static async open(name = DB_NAME): Promise<StudioStorage> {
    const db = await openDB<StudioDb>(name, 1, {
      upgrade(d) {
        d.createObjectStore('autosave');
        d.createObjectStore('files', { keyPath: 'name' });
      },
    });
    return new StudioStorage(db);
  }

  async loadAutosave(): Promise<string | null> {
    return (await this.db.get('autosave', AUTOSAVE_KEY))?.text ?? null;
  }

  /**
   * Stores the document text, unless `parses(text)` says it does not open: a broken document
   * must never replace the last good autosave. Returns whether it was stored.
   */
  async saveAutosave(text: string, parses: (text: string) => boolean): Promise<boolean> {
    if (!parses(text)) return false;
    await this.db.put('autosave', { text, saved: new Date().toISOString() }, AUTOSAVE_KEY);
    return true;
  }

  async clearAutosave(): Promise<void> {
    await this.db.delete('autosave', AUTOSAVE_KEY);
  }

  /** Stores a copy of the bytes (the caller may transfer its buffer to the engine afterwards). */
  async putFile(name: string, bytes: ArrayBuffer | Uint8Array): Promise<void> {
    const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    const copy = view.slice().buffer;
    await this.db.put('files', { name, bytes: copy, size: copy.byteLength, stored: new Date().toISOString() });
  }

  /**
   * Remembers a big file by name, size and date only: copying gigabytes into IndexedDB would take
   * minutes and the quota; after a reload the studio asks for the file again.
   */
  async putFileRecord(name: string, size: number, lastModified: number): Promise<void> {
    await this.db.put('files', { name, size, lastModified, stored: new Date().toISOString() });
  }

  async getFile(name: string): Promise<StoredFile | undefined> {
    return this.db.get('files', name);
  }

  async fileNames(): Promise<string[]> {
    return this.db.getAllKeys('files');
  }

  close(): void {
    this.db.close();
  }
}

/** Calls `fn` once `ms` after the last `schedule()`; `flush()` runs a pending call now. */
export function debounce(fn: () => void, ms: number): { schedule(): void; flush(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    schedule() {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        fn();
      }, ms);
    },
    flush() {
      if (timer === null) return;
      clearTimeout(timer);
      timer = null;
      fn();
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
