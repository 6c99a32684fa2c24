/**
 * The studio controller: connects the editor store to the engine (worker), to IndexedDB
 * (autosave, stored data files) and to the bundled examples. All I/O of the editor goes through
 * here; components call these methods and read the store.
 */
import type * as Comlink from 'comlink';
import type { EngineApi, Preview, PreviewRequest } from '../runtime/engineApi';
import type { EmittedFile } from '../runtime/nodeDefinition';
import type { FileRef, FileParam } from '../runtime/params';
import type { NodeRegistry } from '../runtime/registryTypes';
import { upstreamOf } from '../runtime/graph/upstreamOf';
import { parseWorkflow } from '../runtime/workflow/parseWorkflow';
import { newWorkflow, serializeWorkflow } from '../runtime/workflow/serializeWorkflow';
import type { WorkflowDocument } from '../runtime/workflow/types';
import type { StorageUsage } from '../runtime/storage/spillStore';
import { isSampledSize } from '../runtime/files/fileIdentity';
import { referencedFiles } from './docEdits';
import type { EditorStore } from './editorStore';
import { assetUrl, downloadName, parseExampleIndex, type ExampleEntry } from './examples';
import { fileExtension, groupByLoader, loaderForFile, readableExtensions, readFileHead } from './fileRouting';
import { debounce, type StudioStorage } from './persistence';
import { resultFiles } from './resultFiles';

export interface EngineHandle {
  api: Comlink.Remote<EngineApi>;
  terminate(): void;
}

export interface StudioOptions {
  /** App base URL (`import.meta.env.BASE_URL`). */
  base: string;
  /** Sends bytes to the engine, transferring the buffer; a big `File` goes as a handle (not read). */
  putFile: (api: Comlink.Remote<EngineApi>, name: string, bytes: ArrayBuffer | File) => Promise<FileRef>;
  fetch?: typeof fetch;
  autosaveMs?: number;
}

export class Studio {
  private examplesCache: Promise<ExampleEntry[]> | null = null;
  private readonly fetch: typeof fetch;
  private readonly autosave;
  private lastSavedDoc: WorkflowDocument | null = null;
  /** Compute backend forced for every run (`?backend=`); undefined = the engine default (auto). */
  private backend: 'cpu' | 'webgpu' | 'auto' | undefined;

  constructor(
    readonly store: EditorStore,
    readonly registry: NodeRegistry,
    readonly engine: EngineHandle,
    private readonly storage: StudioStorage | null,
    private readonly opts: StudioOptions,
  ) {
    this.fetch = opts.fetch ?? ((...a) => globalThis.fetch(...a));
    this.autosave = debounce(() => void this.saveNow(), opts.autosaveMs ?? 500);
    store.subscribe(() => {
      if (store.getState().doc !== this.lastSavedDoc) this.autosave.schedule();
    });
  }

  // --- storage (the storage panel) -------------------------------------------------------

  /** Large intermediates the engine keeps in the browser's storage (OPFS), with the origin's estimate. */
  async storageUsage(): Promise<StorageUsage> {
    return this.engine.api.storageUsage();
  }

  /** Deletes those files; answers the usage afterwards. */
  async clearStorage(): Promise<StorageUsage> {
    return this.engine.api.clearStorage();
  }

  // --- startup ---------------------------------------------------------------------------

  /** Restores the autosave (unless `?reset=1`), or opens `?example=<id>`, or the first example. */
  async start(search: string): Promise<void> {
    const q = new URLSearchParams(search);
    // `?backend=cpu|webgpu|auto`: force the compute backend of every run (tests, benchmarks).
    const backend = q.get('backend');
    if (backend === 'cpu' || backend === 'webgpu' || backend === 'auto') this.backend = backend;
    // `?spillBytes=N`: outputs of N bytes or more leave the worker's memory for OPFS after a run (tests).
    const spillBytes = Number(q.get('spillBytes') ?? NaN);
    if (spillBytes >= 0) await this.engine.api.setSpillThreshold(spillBytes);
    const example = q.get('example');
    if (example) {
      await this.openExample(example);
      return;
    }
    if (q.get('reset') !== '1' && this.storage) {
      const text = await this.storage.loadAutosave().catch(() => null);
      if (text) {
        const { doc, issues } = parseWorkflow(text, this.registry);
        if (doc) {
          this.lastSavedDoc = doc;
          this.store.replaceDoc(doc);
          this.store.showIssues(issues.length ? { title: 'Restored workflow: issues', issues } : null);
          await this.ensureFiles(doc);
          return;
        }
      }
    }
    const list = await this.examples().catch(() => []);
    if (list.length) await this.openExample(list[0].id);
  }

  // --- workflow menu ------------------------------------------------------------------------

  newWorkflow(): void {
    this.store.replaceDoc(newWorkflow());
    this.store.showIssues(null);
    this.store.notify('New workflow');
  }

  /** Opens workflow text; reports problems by node and field and opens whatever can be opened. */
  async openText(text: string, sourceName: string, fromExample = false): Promise<boolean> {
    const { doc, issues } = parseWorkflow(text, this.registry);
    if (!doc) {
      this.store.showIssues({ title: `Cannot open ${sourceName}`, issues });
      this.store.notify(`Cannot open ${sourceName}: ${issues[0]?.message ?? 'not a workflow'}`, 'error');
      return false;
    }
    this.store.replaceDoc(doc);
    this.store.showIssues(issues.length ? { title: `Opened ${sourceName} with ${issues.length} issue(s)`, issues } : null);
    this.store.notify(`Opened ${sourceName}${issues.length ? ` — ${issues.length} issue(s), see the list` : ''}`, issues.length ? 'error' : 'ok');
    await this.ensureFiles(doc, fromExample);
    return true;
  }

  async openFile(file: File): Promise<void> {
    try {
      await this.openText(await file.text(), file.name);
    } catch (e) {
      this.store.notify(`Cannot read ${file.name}: ${message(e)}`, 'error');
    }
  }

  /** Downloads the document as `<title>.json`. */
  save(): void {
    const doc = this.store.getState().doc;
    const stamped = { ...doc, meta: { ...doc.meta, modified: new Date().toISOString() } };
    downloadBlob(new Blob([serializeWorkflow(stamped)], { type: 'application/json' }), downloadName(doc.meta.title));
  }

  examples(): Promise<ExampleEntry[]> {
    this.examplesCache ??= this.fetchJson('examples/index.json').then(parseExampleIndex);
    this.examplesCache.catch(() => (this.examplesCache = null));
    return this.examplesCache;
  }

  async openExample(id: string): Promise<void> {
    try {
      const entry = (await this.examples()).find((e) => e.id === id);
      if (!entry) {
        this.store.notify(`No example "${id}"`, 'error');
        return;
      }
      const res = await this.fetch(assetUrl(this.opts.base, `examples/${entry.workflow}`));
      if (!res.ok) throw new Error(`examples/${entry.workflow}: HTTP ${res.status}`);
      await this.openText(await res.text(), entry.title, true);
    } catch (e) {
      this.store.notify(`Cannot open example ${id}: ${message(e)}`, 'error');
    }
  }

  // --- data files -----------------------------------------------------------------------

  /**
   * Makes sure the engine holds every file the document references: from IndexedDB, else from
   * the bundled example data. Reports what is still missing.
   */
  ensureFiles(doc: WorkflowDocument, examplesFirst = false): Promise<void> {
    // A run waits for this, so "Run all" right after opening an example never races the fetches.
    const loading = this.filesReady.then(() => this.loadMissingFiles(doc, examplesFirst));
    this.filesReady = loading.catch(() => undefined);
    return loading;
  }

  /** Resolves once every file fetch started by `ensureFiles` has finished. */
  private filesReady: Promise<void> = Promise.resolve();

  private async loadMissingFiles(doc: WorkflowDocument, examplesFirst: boolean): Promise<void> {
    const wanted = referencedFiles(doc);
    const have = new Set((await this.refreshEngineFiles()).map((f) => f.name));
    const missing: string[] = [];
    const readdBig: string[] = [];
    await Promise.all(
      wanted
        .filter((n) => !have.has(n))
        .map(async (name) => {
          // An example's own data wins over a same-named file the user stored earlier.
          const fromExamples = examplesFirst ? await this.fetchExampleData(name) : null;
          const stored = fromExamples ? undefined : await this.storage?.getFile(name).catch(() => undefined);
          const bytes = fromExamples ?? stored?.bytes ?? (examplesFirst ? null : await this.fetchExampleData(name));
          if (bytes) await this.opts.putFile(this.engine.api, name, bytes);
          else if (stored && !stored.bytes) readdBig.push(`${name} (${(stored.size / 2 ** 30).toFixed(2)} GiB)`);
          else missing.push(name);
        }),
    );
    await this.refreshEngineFiles();
    if (readdBig.length)
      this.store.notify(
        `${readdBig.join(', ')}: large files are not copied into the browser's storage — add them again in the loader's Files field`,
        'error',
      );
    else if (missing.length)
      this.store.notify(
        `Missing data file(s): ${missing.slice(0, 4).join(', ')}${missing.length > 4 ? ` and ${missing.length - 4} more` : ''} — add them in the loader's Files field`,
        'error',
      );
  }

  private async fetchExampleData(name: string): Promise<ArrayBuffer | null> {
    try {
      const res = await this.fetch(assetUrl(this.opts.base, `examples/data/${name}`));
      // A dev/preview server answers unknown paths with index.html: that is not the file.
      if (!res.ok || (res.headers.get('content-type') ?? '').includes('text/html')) return null;
      return await res.arrayBuffer();
    } catch {
      return null;
    }
  }

  async refreshEngineFiles(): Promise<FileRef[]> {
    const files = await this.engine.api.listFiles();
    this.store.setEngineFiles(files);
    return files;
  }

  /**
   * Stores files in IndexedDB (for reloads) and sends them to the engine. A file over 256 MiB is
   * not read here: the `File` handle goes to the worker, which reads the ranges loaders ask for,
   * and IndexedDB keeps only its name, size and date.
   */
  async addFiles(files: readonly File[]): Promise<FileRef[]> {
    const refs: FileRef[] = [];
    for (const f of files) {
      if (isSampledSize(f.size)) {
        await this.storage?.putFileRecord(f.name, f.size, f.lastModified).catch(() => undefined);
        refs.push(await this.opts.putFile(this.engine.api, f.name, f));
        continue;
      }
      const bytes = await f.arrayBuffer();
      await this.storage?.putFile(f.name, bytes).catch(() => undefined);
      // The buffer is transferred (detached here) after IndexedDB took its own copy.
      refs.push(await this.opts.putFile(this.engine.api, f.name, bytes));
    }
    await this.refreshEngineFiles();
    return refs;
  }

  /** Files dropped on the canvas: a workflow `.json` opens; data files get a loader node. */
  async dropFiles(files: readonly File[], at: { x: number; y: number }): Promise<void> {
    // a .json is a workflow unless it is a data file's metadata (zarr.json)
    const json = files.find((f) => fileExtension(f.name) === '.json' && !loaderForFile(f.name));
    if (json) {
      await this.openFile(json);
      return;
    }
    // the loader is chosen from the first bytes too (TIFF vs Pilatus TIFF, HDF5, JCAMP…), as `inspect` does
    const heads = await Promise.all(files.map((f) => readFileHead(f)));
    const { loaders, unknown } = groupByLoader(files.map((f, i) => ({ name: f.name, head: heads[i] })));
    if (unknown.length) this.store.notify(`No loader for ${unknown.join(', ')} (expected ${readableExtensions()} or a workflow .json)`, 'error');
    let k = 0;
    for (const [type, names] of loaders) {
      const def = this.registry.get(type);
      if (!def) {
        this.store.notify(`The loader ${type} is not available`, 'error');
        continue;
      }
      const refs = await this.addFiles(files.filter((f) => names.includes(f.name)));
      // the node's file parameter (`files` for loaders, `geometry` for a .poni)
      const [param, spec] = (Object.entries(def.params as Record<string, { type: string }>).find(([, p]) => p.type === 'files') ?? ['files', undefined]) as [string, FileParam | undefined];
      const groups = spec?.multiple ? [refs] : refs.map((r) => [r]);
      for (const g of groups) {
        this.store.addNode(type, { x: at.x + 30 * k, y: at.y + 30 * k }, { [param]: g });
        k++;
      }
    }
  }

  // --- running ----------------------------------------------------------------------------

  async run(targetNodeId?: string): Promise<void> {
    if (this.store.getState().running) return;
    await this.filesReady;
    const st = this.store.getState();
    if (st.running) return;
    const doc = st.doc;
    if (doc.nodes.length === 0) {
      this.store.notify('Nothing to run: add nodes from the palette', 'info');
      return;
    }
    const ids = targetNodeId ? [...upstreamOf(doc, targetNodeId)] : doc.nodes.map((n) => n.id);
    this.store.startRun(ids);
    try {
      const summary = await this.engine.api.run(
        doc,
        { ...(targetNodeId ? { targetNodeId } : {}), ...(this.backend ? { backend: this.backend } : {}) },
        // The engine client wraps the callback for the worker (Comlink.proxy).
        (e) => this.store.nodeEvent(e),
      );
      // Downloads: folders zipped, the workflow that ran beside each export's files.
      this.store.endRun(summary.cancelled, resultFiles(summary.files, doc, this.registry));
      const kept = await this.keepModelFiles(summary.files);
      if (summary.issues.length) {
        this.store.showIssues({ title: 'The workflow cannot run', issues: summary.issues });
        this.store.notify(`Cannot run: ${summary.issues[0].message}`, 'error');
      } else if (summary.cancelled) this.store.notify('Run cancelled');
      else if (summary.failed.length)
        this.store.notify(`${summary.failed.length} node(s) failed: ${summary.failed[0].message}`, 'error');
      else
        this.store.notify(
          `Run finished: ${summary.executed.length} executed, ${summary.cached.length} from cache`,
          'ok',
        );
      if (kept.length) {
        const before = this.store.getState().notice;
        const note = `model ${kept.join(', ')} saved to your files`;
        this.store.notify(before ? `${before.text} · ${note}` : note, before?.tone ?? 'ok');
      }
    } catch (e) {
      this.store.endRun(false);
      this.store.notify(`Run failed: ${message(e)}`, 'error');
    }
  }

  /**
   * Trained models emitted by a run (`*.ofmodel.json`, also the best-so-far one of a cancelled
   * training) join the user's files: IndexedDB (kept across reloads) and the engine, so a CNN
   * segmentation node can pick them as its model file. Returns their names.
   */
  private async keepModelFiles(files: readonly { file: EmittedFile }[]): Promise<string[]> {
    const models = files.filter(({ file }) => file.name.toLowerCase().endsWith('.ofmodel.json'));
    if (!models.length) return [];
    for (const { file } of models) {
      const bytes = file.bytes.slice(); // own copy: the engine takes (transfers) this one
      await this.storage?.putFile(file.name, bytes).catch(() => undefined);
      await this.opts.putFile(this.engine.api, file.name, bytes.buffer);
    }
    await this.refreshEngineFiles();
    return models.map(({ file }) => file.name);
  }

  async cancel(): Promise<void> {
    await this.engine.api.cancel();
  }

  preview(req: PreviewRequest): Promise<Preview | null> {
    return this.engine.api.preview(req);
  }

  // --- autosave ---------------------------------------------------------------------------

  private async saveNow(): Promise<void> {
    if (!this.storage) return;
    const doc = this.store.getState().doc;
    this.lastSavedDoc = doc;
    await this.storage
      .saveAutosave(serializeWorkflow(doc), (t) => parseWorkflow(t, this.registry).doc !== null)
      .catch(() => false);
  }

  flushAutosave(): void {
    this.autosave.flush();
  }

  private async fetchJson(path: string): Promise<unknown> {
    const res = await this.fetch(assetUrl(this.opts.base, path));
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    return res.json();
  }
}

export function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
