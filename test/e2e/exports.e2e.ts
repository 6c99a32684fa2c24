// Exports in a real browser (Debian Chromium via playwright-core, production build): a Data Exchange
// file (test/fixtures/io/dxchange_crop.h5) → export.hdf5 and export.zarr. The studio offers the
// HDF5 file with its provenance and the workflow that ran beside it, and the Zarr store as one zip.
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ROOT, shot, useStudio } from './harness';

const studio = useStudio();
const { node, download } = studio;

const workflow = {
  format: 'operando-flow.workflow',
  version: 2,
  meta: { title: 'Exports (e2e)', description: 'dxchange_crop.h5 → HDF5 + Zarr', created: '2026-12-02T12:00:00Z', app: 'operando-flow 0.1.0' },
  nodes: [
    { id: 'h5', type: 'io.load-hdf5', typeVersion: 1, label: 'Tooth (HDF5)', position: { x: 0, y: 0 }, params: { files: [{ name: 'dxchange_crop.h5' }] } },
    { id: 'exp', type: 'export.hdf5', typeVersion: 1, label: 'HDF5', position: { x: 340, y: 0 }, params: { fileName: 'tooth' } },
    { id: 'zarr', type: 'export.zarr', typeVersion: 1, label: 'Zarr', position: { x: 340, y: 200 }, params: { fileName: 'tooth' } },
  ],
  edges: [
    { id: 'e1', source: 'h5', sourcePort: 'data', target: 'exp', targetPort: 'data' },
    { id: 'e2', source: 'h5', sourcePort: 'data', target: 'zarr', targetPort: 'data' },
  ],
};

describe('exports in the studio', () => {
  it('offers the HDF5 file, its provenance and the workflow; the Zarr store as a zip', async () => {
    const { page } = studio;
    await studio.gotoEmptyCanvas();
    await studio.openWorkflow(workflow, 'exports.json');
    await studio.addFiles('h5', join(ROOT, 'test', 'fixtures', 'io', 'dxchange_crop.h5'));

    await page.getByTestId('run-all').click();
    await studio.waitDone(['h5', 'exp', 'zarr']);

    await node('exp').click();
    await page.getByTestId('download-tooth.h5').waitFor({ timeout: 10_000 });
    await shot(page, '30-export-hdf5-downloads');
    const h5 = await download('download-tooth.h5');
    expect(Array.from(h5.subarray(0, 8))).toEqual([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]); // HDF5 signature
    const prov = JSON.parse(new TextDecoder().decode(await download('download-tooth.provenance.json')));
    expect(prov.files).toEqual(['tooth.h5']);
    expect(prov.sources.map((s: { name: string }) => s.name)).toEqual(['dxchange_crop.h5']);
    expect(prov.history.map((h: { nodeId: string }) => h.nodeId)).toEqual(['h5', 'exp']);
    const wf = JSON.parse(new TextDecoder().decode(await download('download-tooth.workflow.json')));
    expect(wf.nodes.map((n: { id: string }) => n.id)).toEqual(['h5', 'exp', 'zarr']);

    await node('zarr').click();
    const zip = unzipSync(await download('download-tooth.zarr.zip'));
    expect(JSON.parse(new TextDecoder().decode(zip['.zattrs'])).signal).toBeTypeOf('string');
    expect(Object.keys(zip).filter((k) => k.endsWith('/.zarray')).length).toBeGreaterThanOrEqual(2);
  });

  it('logged no errors in the page', () => {
    expect(studio.errors).toEqual([]);
  });
});
