// io.load-hdf5 in a real browser (Debian Chromium via playwright-core, production build): h5wasm is
// loaded on demand in the engine worker; the Data Exchange crop of the real tooth projections
// (test/fixtures/io/dxchange_crop.h5) → clean.flat-field (flats and darks from the same file) → view.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, shot, useStudio } from './harness';

const studio = useStudio();
const { node } = studio;

const workflow = {
  format: 'operando-flow.workflow',
  version: 2,
  meta: { title: 'HDF5 Data Exchange (e2e)', description: 'dxchange_crop.h5 → flat-field → view', created: '2026-11-25T12:00:00Z', app: 'operando-flow 0.1.0' },
  nodes: [
    { id: 'h5', type: 'io.load-hdf5', typeVersion: 1, label: 'Tooth (HDF5)', position: { x: 0, y: 0 }, params: { files: [{ name: 'dxchange_crop.h5' }] } },
    { id: 'ff', type: 'clean.flat-field', typeVersion: 1, label: 'Flat-field', position: { x: 340, y: 0 }, params: { minusLog: true } },
    { id: 'view', type: 'view.image', typeVersion: 1, label: 'Corrected', position: { x: 680, y: 0 }, params: {} },
  ],
  edges: [
    { id: 'e1', source: 'h5', sourcePort: 'data', target: 'ff', targetPort: 'projections' },
    { id: 'e2', source: 'h5', sourcePort: 'flats', target: 'ff', targetPort: 'flats' },
    { id: 'e3', source: 'h5', sourcePort: 'darks', target: 'ff', targetPort: 'darks' },
    { id: 'e4', source: 'ff', sourcePort: 'corrected', target: 'view', targetPort: 'image' },
  ],
};

describe('io.load-hdf5 in the studio', () => {
  it('reads the Data Exchange file with h5wasm in the worker and feeds the flat-field node', async () => {
    const { page, inspector } = studio;
    await studio.gotoEmptyCanvas();
    await studio.openWorkflow(workflow, 'hdf5.json');
    await studio.addFiles('h5', join(ROOT, 'test', 'fixtures', 'io', 'dxchange_crop.h5'));

    await page.getByTestId('run-all').click();
    await studio.waitDone(['h5', 'ff', 'view']);
    await node('h5').click();
    await expect.poll(() => inspector.textContent(), { timeout: 10_000 }).toMatch(/stack 46×2×128 f32/);
    expect(await inspector.textContent()).toMatch(/table \d+×6/);
    await node('ff').click();
    await expect.poll(() => inspector.textContent(), { timeout: 10_000 }).toMatch(/stack 46×2×128 f32/);
    await shot(page, '20-hdf5-flatfield');
  });

  it('logged no errors in the page', () => {
    expect(studio.errors).toEqual([]);
  });
});
