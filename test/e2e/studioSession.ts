/**
 * What an e2e file does with the studio it opened: find nodes, open a workflow, add data files,
 * wait for runs, download, connect ports. One place for these steps, so that every file waits
 * and fails the same way (a node in error fails at once, with its text).
 * `useStudio()` in harness.ts creates one per file and attaches the opened studio in beforeAll.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Studio } from './harness';

export interface WaitDoneOptions {
  /** @default 60_000 */
  timeout?: number;
  /** Statuses that count as finished. @default ['done', 'cached'] */
  states?: string[];
}

export interface AddFilesOptions {
  /** The file-list parameter of the node. @default 'files' */
  param?: string;
  /** How long the files may take to reach the engine. @default 30_000 */
  timeout?: number;
}

/** A workflow document as the tests write it: only what the helpers read is typed. */
export interface WorkflowDoc {
  nodes: { id: string }[];
  edges: unknown[];
}

// Helpers are arrow fields so that a file can destructure them: `const { node, status } = studio`.
// page, url, errors and inspector are getters: they exist only once beforeAll has opened the studio.
export class StudioSession {
  #studio: Studio | undefined;
  #tempDir: string | undefined;

  /** Called by useStudio's beforeAll. */
  attach(studio: Studio): void {
    this.#studio = studio;
  }

  /** Called by useStudio's afterAll: closes the browser and the server, removes temp files. */
  async close(): Promise<void> {
    await this.#studio?.close();
    this.#studio = undefined;
    if (this.#tempDir) rmSync(this.#tempDir, { recursive: true, force: true });
    this.#tempDir = undefined;
  }

  get studio(): Studio {
    // The session is created when the file is collected; the studio opens only in beforeAll.
    if (!this.#studio) throw new Error('useStudio(): the studio is not open (used outside a test, or beforeAll failed)');
    return this.#studio;
  }
  get page(): Page {
    return this.studio.page;
  }
  get url(): string {
    return this.studio.url;
  }
  /** Console errors and page errors seen so far. */
  get errors(): string[] {
    return this.studio.errors;
  }
  get inspector(): Locator {
    return this.page.getByTestId('inspector');
  }

  readonly node = (id: string): Locator => this.page.getByTestId(`node-${id}`);
  readonly status = (id: string): Promise<string | null> => this.node(id).getAttribute('data-status');
  /** The node bodies on the canvas (one per workflow node). */
  readonly canvasNodes = (): Locator => this.page.locator('.react-flow__node [data-testid^="node-"]');
  readonly edges = (): Locator => this.page.locator('.react-flow__edge');
  readonly nodeIds = async (): Promise<string[]> =>
    (await this.canvasNodes().evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('node-'.length)))).sort();
  /** A port's handle on a node. */
  readonly handle = (node: Locator, side: 'source' | 'target', port: string): Locator =>
    node.locator(`.react-flow__handle.${side}[data-handleid="${port}"]`);

  /** Writes a file into this session's temp folder (removed in afterAll); returns its path. */
  readonly tempFile = (name: string, data: string | Uint8Array): string => {
    this.#tempDir ??= mkdtempSync(join(tmpdir(), 'operando-e2e-files-'));
    const path = join(this.#tempDir, name);
    writeFileSync(path, data);
    return path;
  };

  /** A fresh studio (`?reset=1`) whose first example has opened, then File › New: an empty canvas. */
  readonly gotoEmptyCanvas = async (): Promise<void> => {
    await this.page.goto(`${this.url}?reset=1`);
    await this.page.locator('.react-flow__node').first().waitFor({ timeout: 30_000 });
    await this.page.getByTestId('menu-new').click();
    await expect.poll(() => this.page.locator('.react-flow__node').count()).toBe(0);
  };

  /** Opens `doc` as the file `fileName` through the Open input; waits until its nodes and edges are drawn. */
  readonly openWorkflow = async (doc: WorkflowDoc, fileName: string): Promise<void> => {
    await this.page.getByTestId('open-file-input').setInputFiles(this.tempFile(fileName, JSON.stringify(doc)));
    for (const n of doc.nodes) await this.node(n.id).waitFor({ timeout: 30_000 });
    await expect.poll(() => this.page.locator('.react-flow__node').count(), { timeout: 30_000 }).toBe(doc.nodes.length);
    await expect.poll(() => this.edges().count(), { timeout: 30_000 }).toBe(doc.edges.length);
  };

  /** Adds local files to a loader through its inspector and waits until none is marked missing. */
  readonly addFiles = async (nodeId: string, paths: string | string[], options: AddFilesOptions = {}): Promise<void> => {
    const { param = 'files', timeout = 30_000 } = options;
    await this.node(nodeId).click();
    await this.inspector.getByTestId(`param-${param}-add`).setInputFiles(paths);
    await expect.poll(() => this.inspector.getByTestId(`param-${param}`).locator('option.missing').count(), { timeout }).toBe(0);
  };

  /**
   * Waits until the studio has put every data file of the given loaders into the engine: selecting
   * a loader lists its files, marked "(missing)" until they are loaded.
   */
  readonly waitFilesLoaded = async (loaderIds: string[]): Promise<void> => {
    for (const id of loaderIds) {
      await this.node(id).click();
      const files = this.inspector.getByTestId('param-files');
      await files.waitFor();
      await expect.poll(() => files.locator('option.missing').count(), { timeout: 30_000 }).toBe(0);
      expect(await files.locator('option').count()).toBeGreaterThan(0);
    }
  };

  /** Waits until every given node is finished; a node in error fails at once with its text. */
  readonly waitDone = async (ids: string[], options: WaitDoneOptions = {}): Promise<void> => {
    const { timeout = 60_000, states = ['done', 'cached'] } = options;
    await this.page.waitForFunction(
      ({ list, ok }) =>
        list.every((id) => {
          const el = document.querySelector(`[data-testid="node-${id}"]`);
          const s = el?.getAttribute('data-status');
          if (s === 'error') throw new Error(`node ${id} failed: ${el?.textContent}`);
          return ok.includes(s ?? '');
        }),
      { list: ids, ok: states },
      { timeout },
    );
  };

  /** Selects a node, runs it (and what it needs) and waits until it is finished; an error throws its text. */
  readonly runSelected = async (id: string, timeout: number): Promise<void> => {
    await this.node(id).click();
    await this.page.getByTestId('run-selected').click();
    await expect.poll(() => this.status(id), { timeout, interval: 250 }).toMatch(/done|cached|error/);
    if ((await this.status(id)) === 'error') throw new Error(`${id} failed: ${await this.node(id).textContent()}`);
  };

  /** Clicks a download button; returns the downloaded file's bytes. */
  readonly download = async (testId: string): Promise<Uint8Array> => {
    const [d] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId(testId).click()]);
    return new Uint8Array(readFileSync(await d.path()));
  };

  /** Drags with the mouse from the centre of one handle to the centre of another (React Flow connect). */
  readonly connect = async (from: Locator, to: Locator): Promise<void> => {
    const a = (await from.boundingBox())!;
    const b = (await to.boundingBox())!;
    // React Flow starts a connection only after intermediate moves.
    await this.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2 + 20, { steps: 8 });
    await this.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
    await this.page.mouse.up();
  };

  /** The plot preview drew something: a canvas (uPlot) of real size inside `preview-plot`. */
  readonly expectPlot = async (): Promise<void> => {
    const plot = this.page.getByTestId('preview-plot');
    await plot.waitFor({ state: 'visible', timeout: 15_000 });
    const box = await plot.locator('canvas').first().boundingBox();
    expect(box?.width).toBeGreaterThan(150);
    expect(box?.height).toBeGreaterThan(80);
  };
}

/**
 * Fraction of a canvas's pixels that are clearly coloured (channels more than 40 apart): an
 * overlay of labels or scribbles over a grey image. Throws on an empty canvas.
 */
export function colouredFraction(canvas: Locator): Promise<number> {
  return canvas.evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d');
    if (!ctx || c.width === 0 || c.height === 0) throw new Error('the canvas is empty');
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 40) n++;
    return n / (d.length / 4);
  });
}
