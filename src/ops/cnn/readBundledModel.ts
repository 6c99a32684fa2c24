/**
 * The models bundled with the app (`public/models/`): `index.json` lists them
 * (`{ "models": [{ "name", "card", "title", "description" }] }`), each card names its network file
 * (`"file": "<name>.onnx"`). In Node (CLI, tests) the files are read from the checkout's
 * `public/models/`, as the CLI reads `public/examples/data/`; in a browser (the engine worker) they
 * are fetched from the app's own `<base>/models/`, nothing from elsewhere.
 *
 * State: decoded models are kept by name (a few MB at most), so re-running a workflow does not
 * read and parse the same network again.
 */
import type { ModelValue } from '../../runtime/values';
import { modelFromOnnx } from './modelFromOnnx';
import modelIndex from '../../../public/models/index.json';

/** One entry of `public/models/index.json`. */
export interface BundledModelEntry {
  name: string;
  card: string;
  title: string;
  description: string;
}

/** The bundled models, as `public/models/index.json` lists them (fixed at build time). */
export const BUNDLED_MODELS: readonly BundledModelEntry[] = (modelIndex as { models: BundledModelEntry[] }).models;

export interface ReadBundledModelOptions {
  /** Reads a file of `public/models/` by name; default: the checkout's folder in Node, `fetch` in a browser. */
  readFile?: (file: string) => Promise<Uint8Array>;
}

const cache = new Map<string, Promise<ModelValue>>();

function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

async function defaultReadFile(file: string): Promise<Uint8Array> {
  if (isNode()) {
    const fsName = 'node:fs/promises';
    const { readFile } = (await import(/* @vite-ignore */ fsName)) as typeof import('node:fs/promises');
    const buf = await readFile(new URL(`../../../public/models/${file}`, import.meta.url));
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  const base = (import.meta as { env?: { BASE_URL?: string } }).env?.BASE_URL ?? '/';
  const url = `${base}models/${encodeURIComponent(file)}`;
  const res = await fetch(url);
  if (!res.ok || (res.headers.get('content-type') ?? '').includes('text/html')) {
    throw new RangeError(`bundled model file "${file}" could not be loaded from ${url} (HTTP ${res.status})`);
  }
  return new Uint8Array(await res.arrayBuffer());
}

async function load(entry: BundledModelEntry, readFile: (file: string) => Promise<Uint8Array>): Promise<ModelValue> {
  const cardBytes = await readFile(entry.card);
  const card = JSON.parse(new TextDecoder().decode(cardBytes)) as { file?: unknown };
  const file = typeof card.file === 'string' ? card.file : `${entry.name}.onnx`;
  const model = modelFromOnnx(await readFile(file), cardBytes, file, entry.card);
  return { ...model, name: entry.name };
}

/**
 * The bundled model `name` as a `ModelValue` (its ONNX bytes and card). Throws a `RangeError`
 * naming the known models for an unknown name, and the file for one that cannot be read.
 */
export function readBundledModel(name: string, options: ReadBundledModelOptions = {}): Promise<ModelValue> {
  const entry = BUNDLED_MODELS.find((m) => m.name === name);
  if (!entry) {
    return Promise.reject(
      new RangeError(`bundled model "${name}" does not exist; expected one of ${BUNDLED_MODELS.map((m) => `"${m.name}"`).join(', ') || '(none)'}`),
    );
  }
  if (options.readFile) return load(entry, options.readFile);
  let p = cache.get(name);
  if (!p) {
    p = load(entry, defaultReadFile);
    cache.set(name, p);
    p.catch(() => cache.delete(name));
  }
  return p;
}
