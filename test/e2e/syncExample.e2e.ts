// The operando-sync example in the studio: XANES series + EC-Lab record → register.sync-echem; the
// sync node's preview is the voltage curve with the scans marked on it. Screenshot in artifacts/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStudio, shot, type Studio } from './harness';

let studio: Studio;
let page: Page;

beforeAll(async () => {
  studio = await openStudio();
  page = studio.page;
});
afterAll(async () => {
  await studio?.close();
});

const node = (id: string) => page.getByTestId(`node-${id}`);

describe('operando-sync example', () => {
  it('runs and previews the voltage curve with the frames marked', async () => {
    await page.goto(`${studio.url}?reset=1&example=operando-sync`);
    await node('sync').waitFor({ timeout: 30_000 });
    for (const id of ['operando', 'echem']) {
      await node(id).click();
      const files = page.getByTestId('inspector').getByTestId('param-files');
      await files.waitFor();
      await expect.poll(() => files.locator('option.missing').count(), { timeout: 30_000 }).toBe(0);
    }
    await page.getByTestId('run-all').click();
    await page.waitForFunction(
      (ids) =>
        ids.every((id) => {
          const s = document.querySelector(`[data-testid="node-${id}"]`)?.getAttribute('data-status');
          if (s === 'error') throw new Error(`node ${id} failed: ${document.querySelector(`[data-testid="node-${id}"]`)?.textContent}`);
          return s === 'done' || s === 'cached';
        }),
      ['operando', 'echem', 'sync', 'plot-potential', 'table'],
      { timeout: 60_000 },
    );
    await node('sync').click();
    const plot = page.getByTestId('preview-plot');
    await plot.waitFor({ state: 'visible', timeout: 15_000 });
    const box = await plot.locator('canvas').first().boundingBox();
    expect(box?.width).toBeGreaterThan(150);
    // Curve + markers is one picture: no spectrum slider.
    expect(await page.getByTestId('preview-time').count()).toBe(0);
    await expect.poll(() => page.getByTestId('preview-panel').textContent()).toMatch(/frames/);
    await shot(page, 'sync-01-voltage-with-frames');
    expect(studio.errors).toEqual([]);
  });
});
