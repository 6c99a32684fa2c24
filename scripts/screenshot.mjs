#!/usr/bin/env node
/**
 * Screenshot of the studio for visual checks.
 *
 *   npx vite build && (npx vite preview --port 4173 --strictPort &) && node scripts/screenshot.mjs out.png
 *
 * Options: --url <url> (default http://localhost:4173/?reset=1), --select <nodeId> (default: the
 * first finished view node), --no-run (shot before running), --width/--height (default 1440×900).
 * Opens the page in a fresh profile, waits for the start-up example, presses "Run all", waits for
 * the run to finish, selects a node so the preview shows, and writes the PNG. Browser console
 * errors are printed (exit code 1 if the page threw).
 */
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const flag = (name) => args.includes(`--${name}`);
const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--') && !['--no-run'].includes(args[i - 1])));
const out = resolve(positional[0] ?? 'screenshot.png');
const url = opt('url', 'http://localhost:4173/?reset=1');
const width = Number(opt('width', 1440));
const height = Number(opt('height', 900));

const profile = mkdtempSync(join(tmpdir(), 'operando-shot-'));
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width, height },
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
let pageErrors = 0;
try {
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error') console.error(`[console] ${m.text()}`);
  });
  page.on('pageerror', (e) => {
    pageErrors++;
    console.error(`[pageerror] ${e.message}`);
  });
  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 60_000 });
  await page.waitForSelector('[data-testid^="node-"]', { timeout: 30_000 });
  if (!flag('no-run')) {
    await page.click('[data-testid="run-all"]');
    // The run is over when "Run all" is enabled again and no node is queued or running.
    await page.waitForFunction(
      () =>
        !document.querySelector('[data-testid="run-all"]')?.hasAttribute('disabled') &&
        !document.querySelector('[data-status="running"], [data-status="queued"]') &&
        (document.querySelector('[data-status="done"], [data-status="cached"], [data-status="error"]') ||
          document.querySelector('[data-testid="notice"]')),
      null,
      { timeout: 180_000, polling: 200 },
    );
    const target =
      opt('select') ??
      (await page.evaluate(() => {
        const el =
          document.querySelector('[data-type^="view."][data-status="done"], [data-type^="view."][data-status="cached"]') ??
          document.querySelector('[data-status="done"]');
        return el?.getAttribute('data-testid')?.slice('node-'.length) ?? null;
      }));
    if (target) {
      await page.click(`[data-testid="node-${target}"] .fnode-title`);
      await page.waitForSelector('[data-testid="preview-plot"] canvas, [data-testid="preview-image"], [data-testid="preview-table"]', { timeout: 30_000 }).catch(() => {
        console.error(`no preview appeared for ${target}`);
      });
    }
  }
  await page.waitForTimeout(400);
  await page.screenshot({ path: out });
  const statuses = await page.$$eval('[data-status]', (els) => els.map((e) => `${e.getAttribute('data-testid')}=${e.getAttribute('data-status')}`));
  console.log(`wrote ${out}\n${statuses.join(' ')}`);
} finally {
  await ctx.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(pageErrors ? 1 : 0);
