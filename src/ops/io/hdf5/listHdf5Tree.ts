import type { File as H5File, Group as H5Group } from 'h5wasm';
import type { H5wasm } from './loadH5wasm';
import { hdf5DTypeString } from './hdf5DTypeString';

export type Hdf5AttrValue = string | number | boolean | null;

/** One entry of an HDF5 file's tree. */
export interface Hdf5Entry {
  /** Absolute path, `/exchange/data`. */
  path: string;
  kind: 'group' | 'dataset' | 'datatype' | 'dangling-link' | 'external-link';
  /** Datasets: dimensions, slowest first (`[]` for a scalar). */
  shape?: number[];
  /** Datasets: numpy-style type, `<f4`, `>u2`, `|S8`, `compound`… */
  dtype?: string;
  /** Datasets: chunk shape, when chunked. */
  chunks?: number[];
  /** Attributes: scalars, short arrays (joined by ", ") and strings, truncated to 200 characters. */
  attrs: Record<string, Hdf5AttrValue>;
  /** Links: where they point (`/path`, or `file.h5:/path` for external links); never followed. */
  target?: string;
}

export interface ListHdf5TreeOptions {
  /** Stop listing after this many entries (a note is added as the last entry's attr). @default 20000 */
  maxEntries?: number;
  /** Deepest group level listed (guards against hard-link cycles). @default 32 */
  maxDepth?: number;
}

const ARRAY_ATTR_MAX = 32;

/** Converts an h5wasm attribute value to something short and JSON-safe. */
function attrValue(v: unknown): Hdf5AttrValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.length > 200 ? v.slice(0, 200) + '…' : v;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  if (ArrayBuffer.isView(v) || Array.isArray(v)) {
    const arr = Array.from(v as ArrayLike<unknown>);
    if (arr.length === 1) return attrValue(arr[0]);
    const parts = arr.slice(0, ARRAY_ATTR_MAX).map((x) => String(typeof x === 'bigint' ? Number(x) : attrValue(x)));
    return attrValue(parts.join(', ') + (arr.length > ARRAY_ATTR_MAX ? ', …' : ''));
  }
  return null;
}

function linkEntry(group: H5Group, path: string): Hdf5Entry {
  try {
    return { path, kind: 'dangling-link', target: group.get_link(path), attrs: {} };
  } catch {
    try {
      const ext = group.get_external_link(path);
      return { path, kind: 'external-link', target: `${ext.filename}:${ext.obj_path}`, attrs: {} };
    } catch {
      return { path, kind: 'dangling-link', target: '(unreadable link)', attrs: {} };
    }
  }
}


/**
 * Lists an HDF5 file's tree for a "browse, pick a dataset" view: groups, datasets with shape,
 * type, chunks and attributes, named datatypes, and links that cannot be followed — dangling soft
 * links and external links — reported with their target, never followed. Walks groups
 * depth-first in the file's link order (as h5py's `visititems`, but an object reached by two hard links is listed under both).
 */
export function listHdf5Tree(file: H5File, h5: H5wasm, options: ListHdf5TreeOptions = {}): Hdf5Entry[] {
  const maxEntries = options.maxEntries ?? 20000;
  const maxDepth = options.maxDepth ?? 32;
  const out: Hdf5Entry[] = [];
  const attrsOf = (obj: { attrs: Record<string, { value: unknown }> }): Record<string, Hdf5AttrValue> => {
    const a: Record<string, Hdf5AttrValue> = {};
    for (const [k, attr] of Object.entries(obj.attrs)) {
      try {
        a[k] = attrValue(attr.value);
      } catch {
        a[k] = null;
      }
    }
    return a;
  };
  const walk = (group: H5Group, prefix: string, depth: number): void => {
    for (const name of group.keys()) {
      if (out.length >= maxEntries) return;
      const path = `${prefix}/${name}`;
      let obj: ReturnType<H5Group['get']>;
      try {
        obj = group.get(path);
      } catch {
        // HDF5 cannot resolve it: a soft link whose target is missing (also inside a missing
        // group), or an external link whose file is not there. Report what it points to.
        out.push(linkEntry(group, path));
        continue;
      }
      if (obj instanceof h5.Group) {
        out.push({ path, kind: 'group', attrs: attrsOf(obj) });
        if (depth < maxDepth) walk(obj, path, depth + 1);
      } else if (obj instanceof h5.Dataset) {
        const m = obj.metadata;
        const e: Hdf5Entry = { path, kind: 'dataset', shape: m.shape ?? [], dtype: hdf5DTypeString(m), attrs: attrsOf(obj) };
        if (m.chunks) e.chunks = m.chunks;
        out.push(e);
      } else if (obj instanceof h5.BrokenSoftLink) {
        out.push({ path, kind: 'dangling-link', target: obj.target, attrs: {} });
      } else if (obj instanceof h5.ExternalLink) {
        out.push({ path, kind: 'external-link', target: `${obj.filename}:${obj.obj_path}`, attrs: {} });
      } else if (obj instanceof h5.Datatype) {
        out.push({ path, kind: 'datatype', attrs: {} });
      }
    }
  };
  out.push({ path: '/', kind: 'group', attrs: attrsOf(file) });
  walk(file, '', 1);
  return out;
}
