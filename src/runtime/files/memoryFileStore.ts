/**
 * FileProvider over an in-memory map of name → bytes: the studio's worker (files dropped or
 * restored from IndexedDB are put here once, transferred, never copied per node) and tests.
 * Hashes are computed once per `put`, so cache keys cost nothing afterwards.
 */
import type { FileProvider } from '../nodeDefinition';
import { NodeInputError } from '../nodeDefinition';
import type { FileRef } from '../params';
import { sha256Hex } from '../hash';

interface StoredFile {
  bytes: Uint8Array;
  sha256: string;
}

export class MemoryFileStore implements FileProvider {
  private readonly files = new Map<string, StoredFile>();

  /** Stores (or replaces) a file under its name; returns its reference with hash and size. */
  async put(name: string, data: ArrayBuffer | Uint8Array): Promise<FileRef> {
    if (typeof name !== 'string' || name === '')
      throw new NodeInputError(`putFile: name must be a non-empty string, got ${JSON.stringify(name)}`);
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    const sha256 = await sha256Hex(bytes);
    this.files.set(name, { bytes, sha256 });
    return { name, sha256, size: bytes.byteLength };
  }

  has(name: string): boolean {
    return this.files.has(name);
  }

  delete(name: string): boolean {
    return this.files.delete(name);
  }

  list(): FileRef[] {
    return [...this.files].map(([name, f]) => ({ name, sha256: f.sha256, size: f.bytes.byteLength }));
  }

  private lookup(ref: FileRef): StoredFile {
    if (typeof ref?.name !== 'string' || ref.name === '')
      throw new NodeInputError(`file reference: expected {"name": "<file>"}, got ${JSON.stringify(ref)}`);
    const f = this.files.get(ref.name);
    if (!f) {
      const known = [...this.files.keys()];
      throw new NodeInputError(
        `file "${ref.name}" is not loaded; add it to the workflow's files` +
          (known.length ? ` (loaded: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', …' : ''})` : ''),
      );
    }
    // A reference that records a hash must match, or results would silently differ from the saved run.
    if (ref.sha256 && ref.sha256.toLowerCase() !== f.sha256)
      throw new NodeInputError(
        `file "${ref.name}": content differs from the workflow's record (sha256 ${ref.sha256.slice(0, 12)}…, loaded ${f.sha256.slice(0, 12)}…)`,
      );
    return f;
  }

  async read(ref: FileRef): Promise<Uint8Array> {
    return this.lookup(ref).bytes;
  }

  async hash(ref: FileRef): Promise<string> {
    return this.lookup(ref).sha256;
  }

  /** Bytes `[start, end)` as a view on the stored file (no copy). */
  async readRange(ref: FileRef, start: number, end: number): Promise<Uint8Array> {
    const { bytes } = this.lookup(ref);
    return bytes.subarray(Math.max(0, start), Math.min(bytes.byteLength, end));
  }

  async size(ref: FileRef): Promise<number> {
    return this.lookup(ref).bytes.byteLength;
  }
}
