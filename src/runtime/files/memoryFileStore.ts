/**
 * FileProvider over a map of name → file: the studio's worker and tests. A file up to 256 MiB is
 * held as bytes (files dropped or restored from IndexedDB are put here once, transferred, never
 * copied per node). A bigger one stays a `Blob`/`File` — a handle the page passed to the worker,
 * not a copy — and is read with `blob.slice(a, b).arrayBuffer()`, so a 20 GB stack opens by
 * reading its headers and the frames asked for. Identities (full or sampled sha256) are computed
 * once per `put`, so cache keys cost nothing afterwards.
 */
import type { FileProvider } from '../nodeDefinition';
import { NodeInputError } from '../nodeDefinition';
import type { FileRef } from '../params';
import { sha256Hex } from '../hash';
import { getAllocLimit } from '../alloc';
import { sampledSha256 } from './sampledSha256';
import { blobRangeReader, type BlobRangeReader } from './blobRangeReader';
import { SAMPLED_IDENTITY_NOTE, checkRecordedIdentity, identityHash, isSampledSize, type FileIdentity } from './fileIdentity';

type StoredFile = { id: FileIdentity } & ({ bytes: Uint8Array } | { blob: Blob; reader: BlobRangeReader });

export class MemoryFileStore implements FileProvider {
  private readonly files = new Map<string, StoredFile>();

  /**
   * Stores (or replaces) a file under its name; returns its reference with hash and size. A Blob
   * over 256 MiB is kept as the Blob; a smaller one is read into memory.
   */
  async put(name: string, data: ArrayBuffer | Uint8Array | Blob): Promise<FileRef> {
    if (typeof name !== 'string' || name === '')
      throw new NodeInputError(`putFile: name must be a non-empty string, got ${JSON.stringify(name)}`);
    let stored: StoredFile;
    if (typeof Blob !== 'undefined' && data instanceof Blob && isSampledSize(data.size)) {
      const blob = data;
      const lastModified = (blob as Partial<File>).lastModified;
      const reader = blobRangeReader(blob);
      const sampled = await sampledSha256(blob.size, (a, b) => reader.read(a, b));
      const id: FileIdentity = {
        sampledSha256: sampled,
        size: blob.size,
        ...(typeof lastModified === 'number' ? { lastModified } : {}),
        identity: SAMPLED_IDENTITY_NOTE,
      };
      stored = { id, blob, reader };
    } else {
      const bytes =
        data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(await data.arrayBuffer());
      // Bytes over 256 MiB (put as a buffer, e.g. by tests) get the sampled identity too.
      const id: FileIdentity = isSampledSize(bytes.byteLength)
        ? {
            sampledSha256: await sampledSha256(bytes.byteLength, async (a, b) => bytes.subarray(a, b)),
            size: bytes.byteLength,
            identity: SAMPLED_IDENTITY_NOTE,
          }
        : { sha256: await sha256Hex(bytes), size: bytes.byteLength };
      stored = { id, bytes };
    }
    this.files.set(name, stored);
    return this.refOf(name, stored);
  }

  private refOf(name: string, f: StoredFile): FileRef {
    return 'sha256' in f.id
      ? { name, sha256: f.id.sha256, size: f.id.size }
      : { name, sampledSha256: f.id.sampledSha256, size: f.id.size };
  }

  has(name: string): boolean {
    return this.files.has(name);
  }

  delete(name: string): boolean {
    return this.files.delete(name);
  }

  list(): FileRef[] {
    return [...this.files].map(([name, f]) => this.refOf(name, f));
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
    // A reference that records an identity must match, or results would silently differ from the saved run.
    checkRecordedIdentity(ref, f.id, `file "${ref.name}"`);
    return f;
  }

  /** The whole file. A big File is read only if it fits the allocation limit (loaders prefer `readRange`). */
  async read(ref: FileRef): Promise<Uint8Array> {
    const f = this.lookup(ref);
    if ('bytes' in f) return f.bytes;
    const limit = getAllocLimit();
    if (f.blob.size > limit)
      throw new NodeInputError(
        `file "${ref.name}" (${(f.blob.size / 2 ** 30).toFixed(2)} GiB) is read by ranges only; this node needs it whole, ` +
          `which exceeds the allocation limit of ${(limit / 2 ** 30).toFixed(2)} GiB`,
      );
    return new Uint8Array(await f.blob.arrayBuffer());
  }

  async hash(ref: FileRef): Promise<string> {
    return identityHash(this.lookup(ref).id);
  }

  async identity(ref: FileRef): Promise<FileIdentity> {
    return this.lookup(ref).id;
  }

  /** Bytes `[start, end)`: a view on stored bytes (no copy), or a `File.slice` read of a big file. */
  async readRange(ref: FileRef, start: number, end: number): Promise<Uint8Array> {
    const f = this.lookup(ref);
    if ('bytes' in f) return f.bytes.subarray(Math.max(0, start), Math.min(f.bytes.byteLength, end));
    const from = Math.max(0, Math.min(start, f.blob.size));
    const to = Math.max(from, Math.min(end, f.blob.size));
    try {
      return await f.reader.read(from, to);
    } catch (e) {
      // A File is a handle on the disk file: it fails once that file is changed, moved or deleted.
      throw new NodeInputError(
        `file "${ref.name}": cannot read bytes ${from}–${to} (${e instanceof Error ? e.message : String(e)}); ` +
          'the file may have changed or moved since it was added — add it again',
      );
    }
  }

  async size(ref: FileRef): Promise<number> {
    return this.lookup(ref).id.size;
  }
}
