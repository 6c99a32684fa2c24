/** The bundled examples: `public/examples/index.json` lists them; their data lives in `examples/data/`. */
export interface ExampleEntry {
  id: string;
  title: string;
  description: string;
  /** Workflow file name inside `examples/`. */
  workflow: string;
}

/** Checks the index's shape, naming the entry and field that is wrong. */
export function parseExampleIndex(v: unknown): ExampleEntry[] {
  if (!Array.isArray(v)) throw new Error('examples/index.json: expected an array of examples');
  return v.map((e, i) => {
    const o = (e ?? {}) as Record<string, unknown>;
    for (const k of ['id', 'title', 'workflow'] as const) {
      if (typeof o[k] !== 'string' || o[k] === '')
        throw new Error(`examples/index.json: entry ${i}: expected a non-empty string "${k}"`);
    }
    return {
      id: o.id as string,
      title: o.title as string,
      description: typeof o.description === 'string' ? o.description : '',
      workflow: o.workflow as string,
    };
  });
}

/** URL of a path under the app's base (`/` in dev, possibly a sub-path when deployed). */
export function assetUrl(base: string, path: string): string {
  const b = base.endsWith('/') ? base : base + '/';
  return b + path.split('/').map(encodeURIComponent).join('/');
}

/** Safe download name for a workflow title: `Ni XANES: fit` → `Ni XANES- fit.json`. */
export function downloadName(title: string, ext = '.json'): string {
  // Characters that file systems refuse (and control characters) become '-'.
  const safe = [...title].map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? '-' : ch)).join('');
  const clean = safe.replace(/-+/g, '-').trim().replace(/^\.+/, '');
  return (clean || 'workflow').slice(0, 120) + ext;
}
