/**
 * FileProvider for Node (the CLI and tests): resolves a file reference by name against an ordered
 * list of folders — the workflow's own folder first, then `--data` folders, then the bundled
 * examples — so a workflow that runs in the studio runs unchanged from a checkout.
 */
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { open, readFile, stat, type FileHandle } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { FileProvider } from '../nodeDefinition';
import { NodeInputError } from '../nodeDefinition';
import type { FileRef } from '../params';
import { sha256Hex } from '../hash';
import { sampledSha256 } from './sampledSha256';
import { SAMPLED_IDENTITY_NOTE, checkRecordedIdentity, identityHash, isSampledSize, type FileIdentity } from './fileIdentity';

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
  const hashes = new Map<string, { mtimeMs: number; size: number; id: FileIdentity }>();

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

  async function identityOf(path: string, bytes?: Uint8Array): Promise<FileIdentity> {
    const st = await stat(path);
    const known = hashes.get(path);
    if (known && known.mtimeMs === st.mtimeMs && known.size === st.size) return known.id;
    let id: FileIdentity;
    if (isSampledSize(st.size)) {
      // Over 256 MiB: the sampled identity, the same function as the studio's (File.slice there).
      const fh = await open(path, 'r');
      try {
        const sampled = await sampledSha256(st.size, async (a, b) => {
          const out = new Uint8Array(b - a);
          const { bytesRead } = await fh.read(out, 0, out.byteLength, a);
          return out.subarray(0, bytesRead);
        });
        id = { sampledSha256: sampled, size: st.size, lastModified: Math.floor(st.mtimeMs), identity: SAMPLED_IDENTITY_NOTE };
      } finally {
        await fh.close();
      }
    } else {
      // Without the bytes at hand, stream the file. node:crypto's sha256 equals WebCrypto's.
      id = { sha256: bytes ? await sha256Hex(bytes) : await streamSha256(path), size: st.size };
    }
    hashes.set(path, { mtimeMs: st.mtimeMs, size: st.size, id });
    return id;
  }

  async function identity(ref: FileRef): Promise<FileIdentity> {
    const path = await locate(ref);
    const id = await identityOf(path);
    checkRecorded(ref, path, id);
    return id;
  }

  /** A reference that records an identity must match the file found, or results would silently differ. */
  function checkRecorded(ref: FileRef, path: string, id: FileIdentity): void {
    checkRecordedIdentity(ref, id, `file "${ref.name}" (${path})`);
  }

  // Lazy loaders read a header, then thousands of small ranges (one IFD per page of a TIFF stack):
  // the file is located and opened once and kept open while reads follow each other, closed
  // after IDLE_CLOSE_MS without one.
  const IDLE_CLOSE_MS = 500;
  interface Open { name: string; fh: FileHandle; size: number; users: number; timer?: ReturnType<typeof setTimeout> }
  const opened = new Map<string, Promise<Open>>();
  async function openFor(ref: FileRef): Promise<Open> {
    let p = opened.get(ref.name);
    if (!p) {
      p = (async () => {
        const fh = await open(await locate(ref), 'r');
        return { name: ref.name, fh, size: (await fh.stat()).size, users: 0 };
      })();
      opened.set(ref.name, p);
      p.catch(() => opened.delete(ref.name));
    }
    const h = await p;
    h.users++;
    clearTimeout(h.timer);
    return h;
  }
  function release(h: Open): void {
    if (--h.users > 0) return;
    h.timer = setTimeout(() => {
      opened.delete(h.name);
      void h.fh.close();
    }, IDLE_CLOSE_MS);
    h.timer.unref?.();
  }

  return {
    dirs: searched,
    locate,
    async read(ref) {
      const path = await locate(ref);
      const buf = await readFile(path);
      const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
      checkRecorded(ref, path, await identityOf(path, bytes));
      return bytes;
    },
    async hash(ref) {
      return identityHash(await identity(ref));
    },
    identity,
    /** A positioned read of `[start, end)` (fewer bytes at the end of the file); reads nothing else. */
    async readRange(ref, start, end) {
      const h = await openFor(ref);
      try {
        const { fh, size } = h;
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
        release(h);
      }
    },
    async size(ref) {
      return (await stat(await locate(ref))).size;
    },
  };
}
