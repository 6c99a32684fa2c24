/**
 * The one h5wasm (HDF5 compiled to WebAssembly) instance of this thread.
 *
 * State kept here, and only here: the module, loaded on first use by a dynamic import so that the
 * 4 MB library is fetched only when an HDF5 file is opened; the HDF5 error stack, which the C
 * library prints to stderr, is captured instead (and given to the caller for its messages); and
 * HDF5 errors throw (`activate_throwing_error_handler`) instead of returning garbage buffers.
 */
import type * as H5 from 'h5wasm';

/** The h5wasm classes and the Emscripten file system used to mount files. */
export interface H5wasm {
  File: typeof H5.File;
  Dataset: typeof H5.Dataset;
  Group: typeof H5.Group;
  BrokenSoftLink: typeof H5.BrokenSoftLink;
  ExternalLink: typeof H5.ExternalLink;
  Datatype: typeof H5.Datatype;
  /** Emscripten FS (typed loosely: only createFile/unlink/ErrnoError are used). */
  FS: EmscriptenFs;
  /** Returns and clears what HDF5 printed since the last call. */
  takeErrorText(): string;
}

export interface EmscriptenFs {
  createFile(parent: string, name: string, props: object, canRead: boolean, canWrite: boolean): EmscriptenNode;
  unlink(path: string): void;
  ErrnoError: new (errno: number) => Error;
  getStream?(fd: number): { tty?: { ops: TtyOps } } | null;
}

export interface EmscriptenNode {
  stream_ops: Record<string, unknown>;
  contents: unknown;
}

interface TtyOps {
  put_char(tty: unknown, ch: number | null): void;
  fsync(tty: unknown): void;
}

let loading: Promise<H5wasm> | null = null;

export function loadH5wasm(): Promise<H5wasm> {
  loading ??= (async () => {
    const mod = await import('h5wasm');
    const Module = (await mod.ready) as unknown as { FS: EmscriptenFs; activate_throwing_error_handler(): number };
    Module.activate_throwing_error_handler();
    let text = '';
    const stderr = Module.FS.getStream?.(2);
    if (stderr?.tty) {
      // HDF5 prints its error stack before throwing: keep it for messages, off the console.
      stderr.tty.ops = {
        put_char: (_tty, ch) => {
          if (ch !== null && text.length < 20000) text += String.fromCharCode(ch);
        },
        fsync: () => {},
      };
    }
    return {
      File: mod.File,
      Dataset: mod.Dataset,
      Group: mod.Group,
      BrokenSoftLink: mod.BrokenSoftLink,
      ExternalLink: mod.ExternalLink,
      Datatype: mod.Datatype,
      FS: Module.FS,
      takeErrorText() {
        const t = text;
        text = '';
        return t;
      },
    };
  })();
  return loading;
}
