// The operando-sync example in the studio: XANES series + EC-Lab record → register.sync-echem; the
// sync node's preview is the voltage curve with the scans marked on it. Screenshot in artifacts/.
import { describe, expect, it } from 'vitest';
import { shot, useStudio } from './harness';

const studio = useStudio();
const { node } = studio;

describe('operando-sync example', () => {
  it('runs and previews the voltage curve with the frames marked', async () => {
    const { page } = studio;
    await page.goto(`${studio.url}?reset=1&example=operando-sync`);
    await node('sync').waitFor({ timeout: 30_000 });
    await studio.waitFilesLoaded(['operando', 'echem']);
    await page.getByTestId('run-all').click();
    await studio.waitDone(['operando', 'echem', 'sync', 'plot-potential', 'table']);
    await node('sync').click();
    await studio.expectPlot();
    // Curve + markers is one picture: no spectrum slider.
    expect(await page.getByTestId('preview-time').count()).toBe(0);
    await expect.poll(() => page.getByTestId('preview-panel').textContent()).toMatch(/frames/);
    await shot(page, 'sync-01-voltage-with-frames');
    expect(studio.errors).toEqual([]);
  });
});
