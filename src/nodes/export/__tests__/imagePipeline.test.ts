import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../runtime/engine';
import { makeRegistry } from '../../../runtime/registryTypes';
import { wf } from '../../../runtime/executor/__tests__/fakeNodes';
import { loadImageNode } from '../../io/loadImage';
import { denoiseNode } from '../../clean/denoise';
import { thresholdNode } from '../../segment/threshold';
import { exportTiffNode } from '../exportTiff';
import { exportPngNode } from '../exportPng';
import { readTiff } from '../../../ops/io/tiff/readTiff';
import { FIXTURES } from '../../../ops/image/__tests__/helpers';

describe('image pipeline through the engine: load → denoise → threshold → export', () => {
  it('runs, exports labels as TIFF and PNG, and records provenance', async () => {
    const engine = new Engine(makeRegistry([loadImageNode, denoiseNode, thresholdNode, exportTiffNode, exportPngNode]));
    const ref = await engine.putFile('nmc_1.tif', new Uint8Array(readFileSync(join(FIXTURES, 'nmc_1.tif'))));
    const doc = wf(
      [
        ['load', 'io.load-image', { files: [{ name: 'nmc_1.tif' }] }],
        ['den', 'clean.denoise', { method: 'median', size: 3 }],
        ['seg', 'segment.threshold', { method: 'multiotsu', classes: 3, classNames: 'pore, CBD, NMC' }],
        ['tif', 'export.tiff', { fileName: 'labels' }],
        ['png', 'export.png', {}],
      ],
      ['load.image->den.image', 'den.image->seg.image', 'seg.labels->tif.image', 'seg.labels->png.image'],
    );
    const summary = await engine.run(doc, {}, () => {});
    expect(summary.failed).toEqual([]);
    expect(summary.ok).toBe(true);
    expect(summary.files.map((f) => f.file.name).sort()).toEqual(['labels.provenance.json', 'labels.tif', 'png.png', 'png.provenance.json']);
    const tif = summary.files.find((f) => f.file.name === 'labels.tif')!.file;
    const back = readTiff(tif.bytes, 'labels.tif');
    expect([back.width, back.height, back.dtype]).toEqual([601, 499, 'u8']);
    let top = 0;
    for (const v of back.data) top = Math.max(top, v);
    expect(top).toBe(2);
    // the provenance beside the TIFF: the whole chain to the export, with the source's hash
    const prov = JSON.parse(new TextDecoder().decode(summary.files.find((f) => f.file.name === 'labels.provenance.json')!.file.bytes));
    expect(prov.history.map((h: { nodeId: string }) => h.nodeId)).toEqual(['load', 'den', 'seg', 'tif']);
    expect(prov.sources).toEqual([{ name: 'nmc_1.tif', sha256: ref.sha256, size: ref.size }]);
    const labels = engine.outputs('seg')!.labels;
    expect(labels.meta.sources).toEqual([{ name: 'nmc_1.tif', sha256: ref.sha256, size: ref.size }]);
    expect(labels.meta.history.map((h) => h.nodeType)).toEqual(['io.load-image', 'clean.denoise', 'segment.threshold']);
  });
});
