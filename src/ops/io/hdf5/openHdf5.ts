import type { File as H5File } from 'h5wasm';
import type { ByteSource } from '../raw/byteSource';
import { loadH5wasm, type H5wasm } from './loadH5wasm';

export interface OpenHdf5Options {
  /** Files up to this size are read whole, in one read. @default 67108864 (64 MiB) */
  wholeFileBelow?: number;
  /** Granularity of lazy reads of bigger files, in bytes. @default 1048576 (1 MiB) */
  blockSize?: number;
  /** Missing ranges fetched for one operation before giving up (a guard against a read loop). @default 100000 */
  maxFetches?: number;
}

/** An open HDF5 file whose bytes come from a ByteSource, read lazily. */
export interface Hdf5Reader {
  readonly name: string;
  readonly size: number;
  /**
   * Runs `fn` on the open file. `fn` must only read (it may be run again): when HDF5 asks for
   * bytes not yet fetched, the read fails, the missing range is fetched from the source and `fn`
   * runs again on a freshly opened file. Throws `fn`'s own errors (HDF5's message appended).
   */
  use<T>(fn: (file: H5File, h5: H5wasm) => T): Promise<T>;
  /** Bytes read from the source so far. */
  readonly bytesFetched: number;
  close(): void;
}

const EIO = 29;
let mounts = 0;

/**
 * Opens an HDF5 file with h5wasm without copying it whole into the WebAssembly file system: the
 * file is a node of Emscripten's FS whose reads are served from blocks fetched from the
 * ByteSource (whole small files, ranged blocks of big ones). h5wasm's reads are synchronous and
 * the source's are not, so a read of a missing block fails with EIO, the block is fetched, and the
 * operation is run again on a new mount (a new inode, so no state of the failed attempt — sieve
 * buffers, half-read metadata — is reused). Reading a frame of a 20 GB file thus reads its
 * metadata blocks and that frame's bytes only.
 */
export async function openHdf5(source: ByteSource, options: OpenHdf5Options = {}): Promise<Hdf5Reader> {
  const h5 = await loadH5wasm();
  const size = source.size;
  const whole = size <= (options.wholeFileBelow ?? 64 * 1024 * 1024);
  const B = whole ? Math.max(1, size) : (options.blockSize ?? 1024 * 1024);
  const maxFetches = options.maxFetches ?? 100000;
  const blocks = new Map<number, Uint8Array>();
  /** Blocks fetched for large (data) reads: dropped after each successful `use`. */
  const transient = new Set<number>();
  let missing: [number, number][] = [];
  let bytesFetched = 0;

  async function fetch(start: number, end: number): Promise<void> {
    const b0 = Math.floor(start / B);
    const b1 = Math.floor((end - 1) / B);
    let from = b0;
    while (from <= b1) {
      if (blocks.has(from)) {
        from++;
        continue;
      }
      let to = from;
      while (to + 1 <= b1 && !blocks.has(to + 1)) to++;
      const s = from * B;
      const e = Math.min(size, (to + 1) * B);
      const bytes = await source.read(s, e);
      bytesFetched += bytes.byteLength;
      if (bytes.byteLength !== e - s) throw new Error(`${source.name}: read of bytes ${s}…${e} returned ${bytes.byteLength} bytes (file changed or truncated?)`);
      for (let b = from; b <= to; b++) {
        blocks.set(b, bytes.subarray((b - from) * B, Math.min(bytes.byteLength, (b - from + 1) * B)));
        if (to - from >= 4) transient.add(b);
      }
      from = to + 1;
    }
  }
  if (whole && size > 0) await fetch(0, size);

  function read(_stream: unknown, buffer: Uint8Array, offset: number, length: number, position: number): number {
    if (position >= size) return 0;
    const n = Math.min(length, size - position);
    const b0 = Math.floor(position / B);
    const b1 = Math.floor((position + n - 1) / B);
    for (let b = b0; b <= b1; b++) {
      if (!blocks.has(b)) {
        missing.push([position, position + n]);
        throw new h5.FS.ErrnoError(EIO);
      }
    }
    for (let b = b0; b <= b1; b++) {
      const blk = blocks.get(b)!;
      const s = Math.max(position, b * B);
      const e = Math.min(position + n, b * B + blk.byteLength);
      buffer.set(blk.subarray(s - b * B, e - b * B), offset + s - position);
    }
    return n;
  }

  let path: string | null = null;
  let file: H5File | null = null;
  function mount(): string {
    const name = `of-lazy-${++mounts}.h5`;
    const node = h5.FS.createFile('/', name, {}, true, false);
    Object.defineProperty(node, 'usedBytes', { get: () => size });
    node.stream_ops = { ...node.stream_ops, read };
    return `/${name}`;
  }
  function unmount(): void {
    try {
      file?.close();
    } catch {
      // a failed attempt may leave HDF5 ids open; the next attempt uses a new mount
    }
    file = null;
    if (path) h5.FS.unlink(path);
    path = null;
  }
  const describe = (err: unknown): Error => {
    const raw = err instanceof Error ? err.message : String(err);
    const detail = `${h5.takeErrorText()}\n${raw}`;
    const lines = detail.split('\n').filter((l) => /\(\): /.test(l));
    const last = lines.length ? lines[lines.length - 1].replace(/^.*\(\): /, '').trim() : '';
    const msg = raw.includes('HDF5-DIAG') ? 'HDF5 error' : raw;
    return new Error(`${source.name}: ${msg}${last ? ` (HDF5: ${last})` : ''}`);
  };

  /** Runs `fn`, fetching what it misses and running it again, until it succeeds or fails on its own. */
  async function attempt<T>(fn: (file: H5File, h5: H5wasm) => T): Promise<T> {
    for (let fetches = 0; ; fetches++) {
      missing = [];
      let result: T;
      try {
        if (!file) {
          path = mount();
          file = new h5.File(path, 'r');
        }
        result = fn(file, h5);
      } catch (err) {
        if (missing.length === 0) {
          if (!file) unmount();
          throw describe(err);
        }
        h5.takeErrorText();
        unmount();
        if (fetches >= maxFetches) throw new Error(`${source.name}: gave up after ${fetches} ranged reads for one operation`);
        const todo = missing;
        for (const [s, e] of todo) await fetch(s, e);
        continue;
      }
      for (const b of transient) blocks.delete(b);
      transient.clear();
      return result;
    }
  }
  let queue: Promise<unknown> = Promise.resolve();

  const reader: Hdf5Reader = {
    name: source.name,
    size,
    get bytesFetched() {
      return bytesFetched;
    },
    use(fn) {
      // one operation at a time: attempts share the mount and the list of missing ranges
      const run = queue.then(() => attempt(fn));
      queue = run.catch(() => undefined);
      return run;
    },
    close() {
      unmount();
      blocks.clear();
    },
  };
  await reader.use(() => undefined);
  return reader;
}
