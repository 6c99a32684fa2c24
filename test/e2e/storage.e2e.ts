// Large intermediates in the Origin Private File System and the storage panel, in Debian Chromium
// (production build): with a 100 kB spill threshold the CT example's image outputs leave the
// worker's memory for OPFS after the run; the overlay preview is read back from there; the panel
// shows the files by workflow and node; Clear empties it.
import { describe, expect, it } from 'vitest';
import { shot, useStudio } from './harness';

const studio = useStudio();
const { node } = studio;
const spilled = async () => Number(await studio.page.getByTestId('storage-spilled').getAttribute('data-bytes'));

describe('storage panel', () => {
  it('shows OPFS usage after a run, previews from it, and clears it', async () => {
    const { page } = studio;
    await page.goto(`${studio.url}?example=ct-segmentation&spillBytes=100000`);
    await node('overlay').waitFor({ timeout: 30_000 });
    await studio.waitFilesLoaded(['slice']);
    await page.getByTestId('run-all').click();
    await studio.waitDone(['slice', 'denoise', 'segment', 'overlay', 'export']);
    // The overlay's inputs were spilled: its preview is built from what is read back.
    await node('overlay').click();
    await page.getByTestId('preview-image').waitFor({ state: 'visible', timeout: 15_000 });

    await page.getByTestId('menu-storage').click();
    await page.getByTestId('storage-panel').waitFor();
    await expect.poll(spilled, { timeout: 15_000 }).toBeGreaterThan(1_000_000);
    const table = await page.getByTestId('storage-table').textContent();
    expect(table).toContain('Nano-CT segmentation (NMC electrode)');
    expect(table).toMatch(/slice/);
    expect(table).toMatch(/denoise/);
    expect(await page.getByTestId('storage-estimate').textContent()).toMatch(/This site uses \d/);
    await shot(page, 'storage-01-panel');

    await page.getByTestId('storage-clear').click();
    await expect.poll(spilled, { timeout: 15_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('storage-table').count()).toBe(0);
    await shot(page, 'storage-02-cleared');
    expect(studio.errors).toEqual([]);
  }, 120_000);
});
