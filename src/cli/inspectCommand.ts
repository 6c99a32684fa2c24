/**
 * `operando-flow inspect FILE…`: what each data file is, as the project's readers see it — loader,
 * value kind, shape, dtype, axes with units, key metadata — or why it is refused. Never a stack
 * trace: a reader's message (file, line/field, expectation) is printed as the refusal.
 */
import { open, readdir, readFile, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseCommandArgs } from './args';
import { CliError, EXIT_OK, EXIT_USAGE, type CliIO } from './errors';
import { chooseLoader, inspectZarrFolder, type InspectSummary, type NearbyFiles } from './inspectLoaders';
import { knownExtensions } from '../ops/io/detectFileFormat';

export const inspectHelp = `Usage: operando-flow inspect <file> [<file> …]

Prints, for each file, a JSON object with the loader chosen (by content, then extension), the
node that loads it, the value kind, shape, dtype, axes with units and key metadata (instrument,
edge, start time, number of frames or cycles) — or "refused" with the reader's message naming
the file, line or field and what was expected. The output is one JSON array.

Exit status: 0 every file opened, 2 any file was refused (or bad usage).

Options:
  -h, --help  show this help
`;

/** Files other than lazy containers are read whole; bigger ones are refused before anything is allocated. */
export const INSPECT_MAX_BYTES = 2 ** 31;

export type InspectEntry = ({ file: string; ok: true } & InspectSummary) | { file: string; ok: false; loader: string | null; refused: string };

/** A folder is a Zarr store (`.zarray`, `.zgroup`, `zarr.json`) or refused. */
async function inspectFolder(dir: string): Promise<InspectEntry> {
  const read = async (key: string) => {
    try {
      return new Uint8Array(await readFile(join(dir, key)));
    } catch {
      return undefined;
    }
  };
  if (!(await read('.zarray')) && !(await read('.zgroup')) && !(await read('zarr.json')))
    return { file: dir, ok: false, loader: null, refused: `${dir}: is a folder without .zarray, .zgroup or zarr.json: expected a file or a Zarr store` };
  try {
    return { file: dir, ok: true, ...(await inspectZarrFolder(dir, read)) };
  } catch (e) {
    return { file: dir, ok: false, loader: 'zarr', refused: e instanceof Error ? e.message : String(e) };
  }
}

/** Inspects one file; never throws. Big containers (HDF5) are read lazily, other files whole. */
export async function inspectFile(file: string): Promise<InspectEntry> {
  let fh: FileHandle | undefined;
  try {
    let size: number;
    let head: Uint8Array;
    try {
      const info = await stat(file);
      if (info.isDirectory()) return await inspectFolder(file);
      size = info.size;
      fh = await open(file, 'r');
      head = await readRange(fh, 0, Math.min(size, 4096));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
      return { file, ok: false, loader: null, refused: `${file}: cannot read: ${why}` };
    }
    const loader = chooseLoader(file, head);
    if (!loader) {
      const ext = /\.[^./\\]+$/.exec(file.toLowerCase())?.[0] ?? '(none)';
      let start = '';
      for (let i = 0; i < Math.min(head.length, 16); i++) start += head[i] >= 32 && head[i] < 127 ? String.fromCharCode(head[i]) : '.';
      const known = knownExtensions().join(' ');
      return {
        file,
        ok: false,
        loader: null,
        refused: `no reader for ${file}: extension ${ext}, content starts "${start}": expected a format OperandoFlow reads (${known}, EC-Lab, Maccor, Neware, a Zarr folder)`,
      };
    }
    try {
      let summary: InspectSummary;
      if (loader.inspectSource) {
        const handle = fh;
        summary = await loader.inspectSource({ name: file, size, read: (a, b) => readRange(handle, Math.max(0, a), Math.min(size, b)) });
      } else {
        if (size > INSPECT_MAX_BYTES)
          return { file, ok: false, loader: loader.name, refused: `${file}: ${size} bytes: inspect reads ${loader.name} files up to ${INSPECT_MAX_BYTES} bytes whole` };
        summary = await loader.inspect(await readRange(fh, 0, size), file, nearbyFiles(file));
      }
      return { file, ok: true, ...summary };
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      return { file, ok: false, loader: loader.name, refused: msg.includes(file) ? msg : `${file}: ${msg}` };
    }
  } finally {
    await fh?.close();
  }
}

/** The folder of a file, for loaders that look beside it (a frame's .hdr, a header's frames). */
function nearbyFiles(file: string): NearbyFiles {
  const dir = dirname(file);
  return {
    list: async () => (await readdir(dir).catch(() => [] as string[])).filter((n) => n !== basename(file)),
    read: async (name) => {
      try {
        return new Uint8Array(await readFile(join(dir, name)));
      } catch {
        return undefined;
      }
    },
  };
}

async function readRange(fh: FileHandle, start: number, end: number): Promise<Uint8Array> {
  const out = new Uint8Array(Math.max(0, end - start));
  let at = 0;
  while (at < out.length) {
    const { bytesRead } = await fh.read(out, at, out.length - at, start + at);
    if (bytesRead === 0) break;
    at += bytesRead;
  }
  return at === out.length ? out : out.subarray(0, at);
}

export async function inspectCommand(argv: string[], io: CliIO): Promise<number> {
  const { positionals, values } = parseCommandArgs('inspect', argv, {});
  if (values.help) {
    io.out(inspectHelp);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new CliError('inspect: expected at least one file. See "operando-flow inspect --help".', 2);
  const entries: InspectEntry[] = [];
  for (const f of positionals) entries.push(await inspectFile(f));
  io.out(JSON.stringify(entries, null, 2));
  const refused = entries.filter((e) => !e.ok).length;
  if (refused > 0) io.err(`operando-flow inspect: ${refused} of ${entries.length} file${entries.length > 1 ? 's' : ''} refused`);
  return refused > 0 ? EXIT_USAGE : EXIT_OK;
}
