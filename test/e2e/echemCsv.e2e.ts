// io.load-echem on a cellpy "custom instrument" CSV in a real browser: after a run the column
// parameters become lists of the file's columns with the guess as "auto"; choosing another column
// and re-running changes the output table.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, shot, useStudio } from './harness';

const studio = useStudio();

const workflow = {
  format: 'operando-flow.workflow',
  version: 2,
  meta: { title: 'Cycler CSV (e2e)', description: 'custom_good_small.csv → io.load-echem', created: '2026-12-02T12:00:00Z', app: 'operando-flow 0.1.0' },
  nodes: [{ id: 'ec', type: 'io.load-echem', typeVersion: 2, label: 'Cycler CSV', position: { x: 0, y: 0 }, params: { files: [{ name: 'custom_good_small.csv' }] } }],
  edges: [],
};

const status = () => studio.status('ec');
/** Runs the workflow and waits for the node to finish. */
async function runAll(): Promise<void> {
  await studio.page.getByTestId('run-all').click();
  await expect.poll(status, { timeout: 30_000, interval: 250 }).toMatch(/done|cached|error/);
  expect(await status()).toBe('done');
}
/** The potential column of the preview table (first rows). */
async function potentials(): Promise<string[]> {
  const table = studio.page.getByTestId('preview-table');
  await table.waitFor({ timeout: 10_000 });
  const head = await table.locator('thead th').allTextContents();
  const k = head.findIndex((h) => h.startsWith('potential'));
  return table.locator(`tbody tr td:nth-child(${k + 1})`).allTextContents();
}

describe('io.load-echem column mapping in the inspector', () => {
  it('shows the file\'s columns as lists with the guess preselected; another column re-runs to another table', async () => {
    const { page, inspector } = studio;
    await studio.gotoEmptyCanvas();
    await studio.openWorkflow(workflow, 'echem-csv.json');
    await studio.addFiles('ec', join(ROOT, 'test', 'fixtures', 'echem', 'bad-csv', 'custom_good_small.csv'), { timeout: 10_000 });
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
