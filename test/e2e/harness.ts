/**
 * End-to-end harness: serves the production build with `vite preview` on a free port and drives
 * Debian's Chromium through playwright-core in a fresh profile (so IndexedDB autosave starts empty
 * and nothing leaks between runs). A test file calls `useStudio()` for one studio with its
 * beforeAll/afterAll, its page and the shared steps (studioSession.ts).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { StudioSession } from './studioSession';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const ARTIFACTS = join(ROOT, 'test', 'e2e', 'artifacts');
const VITE = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // WebGPU without a GPU (SwiftShader); the studio's 'auto' backend still picks the CPU on a
  // fallback adapter, test/e2e/webgpu.e2e.ts forces WebGPU with ?backend=webgpu.
  '--enable-unsafe-webgpu',
];

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, log: () => string, timeoutMs = 30_000): Promise<void> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`vite preview exited (${child.exitCode}):\n${log()}`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not answer on ${url} within ${timeoutMs} ms:\n${log()}`);
}

export interface Studio {
  url: string;
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far (asserted empty by the tests). */
  errors: string[];
  close(): Promise<void>;
}

/** Newest modification time under the given paths (files or folders), ms. */
function newestMtime(paths: string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) for (const e of readdirSync(p)) visit(join(p, e));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of paths) if (existsSync(p)) visit(p);
  return newest;
}

/** Whether `dist/` is missing or older than the sources it is built from. */
function buildIsStale(): boolean {
  const index = join(ROOT, 'dist', 'index.html');
  if (!existsSync(index)) return true;
  const sources = ['src', 'public', 'index.html', 'vite.config.ts'].map((p) => join(ROOT, p));
  return newestMtime(sources) > statSync(index).mtimeMs;
}

export interface OpenStudioOptions {
  /** Extra Chromium flags, e.g. '--enable-unsafe-webgpu'. */
  args?: string[];
}

/** Builds if needed, serves `dist/`, opens a fresh Chromium profile on it. */
export async function openStudio(options: OpenStudioOptions = {}): Promise<Studio> {
  if (buildIsStale()) {
    // `npm test` builds first; a lone `vitest --project e2e` after an edit gets a fresh build here.
    const b = spawnSync(process.execPath, [VITE, 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`vite build failed:\n${b.stdout}\n${b.stderr}`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const port = await freePort();
  let out = '';
  const server = spawn(process.execPath, [VITE, 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (d) => (out += d));
  server.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}/`;
  const profile = mkdtempSync(join(tmpdir(), 'operando-e2e-'));
  let context: BrowserContext | undefined;
  try {
    await waitForHttp(url, server, () => out);
    context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
    });
  } catch (e) {
    server.kill();
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return {
    url,
    context,
    page,
    errors,
    async close() {
      await context!.close().catch(() => {});
      server.kill();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });

/**
 * One studio for the calling file or describe block: opened in beforeAll, closed (browser, server,
 * profile, temp files) in afterAll. The session's page and helpers work inside tests and hooks.
 */
export function useStudio(options: OpenStudioOptions = {}): StudioSession {
  const session = new StudioSession();
  beforeAll(async () => session.attach(await openStudio(options)));
  afterAll(() => session.close());
  return session;
}
