// io.load-echem on a cellpy "custom instrument" CSV in a real browser: after a run the column
// parameters become lists of the file's columns with the guess as "auto"; choosing another column
// and re-running changes the output table.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStudio, ROOT, shot, type Studio } from './harness';

let studio: Studio;
let page: Page;

beforeAll(async () => {
  studio = await openStudio();
  page = studio.page;
});
afterAll(async () => {
  await studio?.close();
});

const workflow = {
  format: 'operando-flow.workflow',
  version: 2,
  meta: { title: 'Cycler CSV (e2e)', description: 'custom_good_small.csv → io.load-echem', created: '2026-12-02T12:00:00Z', app: 'operando-flow 0.1.0' },
  nodes: [{ id: 'ec', type: 'io.load-echem', typeVersion: 2, label: 'Cycler CSV', position: { x: 0, y: 0 }, params: { files: [{ name: 'custom_good_small.csv' }] } }],
  edges: [],
};

const status = () => page.getByTestId('node-ec').getAttribute('data-status');
/** Runs the workflow and waits for the node to finish. */
async function runAll(): Promise<void> {
  await page.getByTestId('run-all').click();
  await expect.poll(status, { timeout: 30_000, interval: 250 }).toMatch(/done|cached|error/);
  expect(await status()).toBe('done');
}
/** The potential column of the preview table (first rows). */
async function potentials(): Promise<string[]> {
  const table = page.getByTestId('preview-table');
  await table.waitFor({ timeout: 10_000 });
  const head = await table.locator('thead th').allTextContents();
  const k = head.findIndex((h) => h.startsWith('potential'));
  return table.locator(`tbody tr td:nth-child(${k + 1})`).allTextContents();
}

describe('io.load-echem column mapping in the inspector', () => {
  it('shows the file\'s columns as lists with the guess preselected; another column re-runs to another table', async () => {
    await page.goto(`${studio.url}?reset=1`);
    await page.locator('.react-flow__node').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('menu-new').click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(0);
    const path = join(mkdtempSync(join(tmpdir(), 'echemcsv-e2e-')), 'echem-csv.json');
    writeFileSync(path, JSON.stringify(workflow));
    await page.getByTestId('open-file-input').setInputFiles(path);
    await expect.poll(() => page.locator('.react-flow__node').count(), { timeout: 30_000 }).toBe(1);
    await page.getByTestId('node-ec').click();
    const inspector = page.getByTestId('inspector');
    await inspector.getByTestId('param-files-add').setInputFiles(join(ROOT, 'test', 'fixtures', 'echem', 'bad-csv', 'custom_good_small.csv'));
    await expect.poll(() => inspector.getByTestId('param-files').locator('option.missing').count(), { timeout: 10_000 }).toBe(0);
    // before a run: a text field (nothing known about the file yet)
    expect(await inspector.getByTestId('param-potentialColumn').evaluate((e) => e.tagName)).toBe('INPUT');

    await runAll();
    const potential = inspector.getByTestId('param-potentialColumn');
    await expect.poll(() => potential.evaluate((e) => e.tagName), { timeout: 10_000 }).toBe('SELECT');
    expect(await potential.inputValue()).toBe('');
    expect(await potential.locator('option:checked').textContent()).toBe('auto: voltage');
    expect(await potential.locator('option').allTextContents()).toEqual(['auto: voltage', 'index', 'test_time', 'step_time', 'date_stamp', 'step', 'cycle', 'current', 'voltage', 'charge_capacity', 'discharge_Capacity']);
    expect(await inspector.getByTestId('param-chargeColumn').locator('option:checked').textContent()).toBe('auto: charge_capacity');
    expect(await inspector.getByTestId('param-timeColumn').locator('option:checked').textContent()).toBe('auto: test_time');
    expect((await potentials()).slice(0, 3)).toEqual(['1.14', '1.14', '1.14']);
    await inspector.getByTestId('param-cycleColumn').scrollIntoViewIfNeeded();
    await shot(page, '30-echem-csv-mapping');

    await potential.selectOption('step_time');
    await runAll();
    expect(await inspector.getByTestId('param-potentialColumn').inputValue()).toBe('step_time');
    await expect.poll(async () => (await potentials()).slice(0, 3), { timeout: 10_000 }).toEqual(['120', '240', '360']);
    await inspector.getByTestId('param-potentialColumn').scrollIntoViewIfNeeded();
    await shot(page, '31-echem-csv-remapped');
  });

  it('logged no errors in the page', () => {
    expect(studio.errors).toEqual([]);
  });
});
