// The CLI's output folder for the array exports: export.zarr's store keys become a real <name>.zarr/
// folder that Load Zarr reads back from disk; export.hdf5 and its provenance sit beside it.
import { readFileSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../../src/nodes/registry';
import { Engine } from '../../src/runtime/engine';
import { nodeFileProvider } from '../../src/runtime/files/nodeFileProvider';
import { defaultParams } from '../../src/runtime/params';
import type { StackValue, ImageValue } from '../../src/runtime/values';
import { wf } from '../../src/runtime/executor/__tests__/fakeNodes';
import { writeOutputs } from '../../src/cli/writeOutputs';
import { loadZarrNode } from '../../src/nodes/io/loadZarr';
import { testContext } from '../../src/nodes/io/__tests__/imageNodeContext';

const ROOT = resolve(import.meta.dirname, '..', '..');

describe('CLI outputs of export.zarr / export.hdf5', () => {
  it('writes the Zarr store as a folder, readable by io.load-zarr from disk', async () => {
    const engine = new Engine(defaultRegistry);
    await engine.putFile('nmc_1.tif', new Uint8Array(readFileSync(join(ROOT, 'test', 'fixtures', 'image', 'nmc_1.tif'))));
    const doc = wf(
      [
        ['load', 'io.load-image', { files: [{ name: 'nmc_1.tif' }] }],
        ['z', 'export.zarr', { fileName: 'nmc' }],
        ['h', 'export.hdf5', { fileName: 'nmc.h5' }],
      ],
      ['load.image->z.data', 'load.image->h.data'],
    );
    const summary = await engine.run(doc, {}, () => {});
    expect(summary.failed).toEqual([]);
    const out = mkdtempSync(join(tmpdir(), 'of-export-cli-'));
    await writeOutputs({ doc, registry: defaultRegistry, engine, summary, outDir: out, workflowFile: 'w.json', dataDirs: [] });
    for (const f of ['nmc.zarr/.zgroup', 'nmc.zarr/.zattrs', 'nmc.zarr/intensity/.zarray', 'nmc.zarr/intensity/0.0', 'nmc.h5', 'nmc.provenance.json', 'workflow.json', 'provenance.json'])
      expect(existsSync(join(out, f)), f).toBe(true);
    const prov = JSON.parse(readFileSync(join(out, 'provenance.json'), 'utf8'));
    expect(prov.outputs.find((o: { nodeId: string }) => o.nodeId === 'z').files).toContain('nmc.zarr/intensity/0.0');

    const ctx = { ...testContext(), files: nodeFileProvider([out]) };
    const back = (await loadZarrNode.run({}, { ...defaultParams(loadZarrNode.params), files: [{ name: 'nmc.zarr/intensity/.zarray' }] }, ctx)).image as StackValue | ImageValue;
    const orig = engine.outputs('load')!.image as ImageValue;
    expect([back.kind, back.width, back.height, back.dtype]).toEqual(['image', orig.width, orig.height, orig.dtype]);
    expect(Buffer.from(back.data.buffer, back.data.byteOffset, back.data.byteLength).equals(Buffer.from(orig.data.buffer, orig.data.byteOffset, orig.data.byteLength))).toBe(true);
  });
});
