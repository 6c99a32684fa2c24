/**
 * FileProvider for Node (the CLI and tests): resolves a file reference by name against an ordered
 * list of folders — the workflow's own folder first, then `--data` folders, then the bundled
 * examples — so a workflow that runs in the studio runs unchanged from a checkout.
 */
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { FileProvider } from '../nodeDefinition';
import { NodeInputError } from '../nodeDefinition';
import type { FileRef } from '../params';
import { sha256Hex } from '../hash';

export interface NodeFileProvider extends FileProvider {
  /** Absolute path a reference resolves to (first folder that holds it). */
  locate(ref: FileRef): Promise<string>;
  /** The folders searched, in order. */
  readonly dirs: readonly string[];
}

function streamSha256(path: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const h = createHash('sha256');
    createReadStream(path, { highWaterMark: 1 << 22 })
      .on('data', (chunk) => h.update(chunk))
      .on('error', reject)
      .on('end', () => resolvePromise(h.digest('hex')));
  });
}

export function nodeFileProvider(dirs: readonly string[]): NodeFileProvider {
  const searched = dirs.map((d) => resolve(d));
  // Hashes by path: a workflow names the same file in several nodes, and cache keys ask often.
  const hashes = new Map<string, { mtimeMs: number; size: number; sha256: string }>();

  async function locate(ref: FileRef): Promise<string> {
    if (typeof ref?.name !== 'string' || ref.name === '')
      throw new NodeInputError(`file reference: expected {"name": "<file>"}, got ${JSON.stringify(ref)}`);
    const candidates = isAbsolute(ref.name) ? [ref.name] : searched.map((d) => resolve(d, ref.name));
    for (const path of candidates) {
      const st = await stat(path).catch(() => null);
      if (st?.isFile()) return path;
    }
    const where = isAbsolute(ref.name) ? '' : ` (looked in: ${searched.join(', ')})`;
    throw new NodeInputError(`file "${ref.name}" not found${where}; pass its folder with --data <dir>`);
  }

  async function hashOf(path: string, bytes?: Uint8Array): Promise<string> {
    const st = await stat(path);
    const known = hashes.get(path);
    if (known && known.mtimeMs === st.mtimeMs && known.size === st.size) return known.sha256;
    // Without the bytes at hand, stream the file: big files (> 2 GiB cannot be read at once) are
    // hashed without holding them in memory. node:crypto's sha256 equals WebCrypto's.
    const sha256 = bytes ? await sha256Hex(bytes) : await streamSha256(path);
    hashes.set(path, { mtimeMs: st.mtimeMs, size: st.size, sha256 });
    return sha256;
  }

  /** A reference that records a hash must match the file found, or results would silently differ. */
  function checkRecorded(ref: FileRef, path: string, sha256: string): void {
    if (ref.sha256 && ref.sha256.toLowerCase() !== sha256)
      throw new NodeInputError(
        `file "${ref.name}" (${path}): content differs from the workflow's record (sha256 ${ref.sha256.slice(0, 12)}…, found ${sha256.slice(0, 12)}…)`,
      );
  }

  return {
    dirs: searched,
    locate,
    async read(ref) {
      const path = await locate(ref);
      const buf = await readFile(path);
      const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
      checkRecorded(ref, path, await hashOf(path, bytes));
      return bytes;
    },
    async hash(ref) {
      const path = await locate(ref);
      const sha256 = await hashOf(path);
      checkRecorded(ref, path, sha256);
      return sha256;
    },
    /** A positioned read of `[start, end)` (fewer bytes at the end of the file); reads nothing else. */
    async readRange(ref, start, end) {
      const path = await locate(ref);
      const fh = await open(path, 'r');
      try {
        const size = (await fh.stat()).size;
        const from = Math.max(0, Math.min(start, size));
        const length = Math.max(0, Math.min(end, size) - from);
        const bytes = new Uint8Array(length);
        let done = 0;
        while (done < length) {
          const { bytesRead } = await fh.read(bytes, done, Math.min(length - done, 1 << 30), from + done);
          if (bytesRead === 0) break;
          done += bytesRead;
        }
        return done === length ? bytes : bytes.subarray(0, done);
      } finally {
        await fh.close();
      }
    },
    async size(ref) {
      return (await stat(await locate(ref))).size;
    },
  };
}
