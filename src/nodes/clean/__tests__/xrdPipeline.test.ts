// The XRD nodes through the engine: detector image + .poni → integrate → CSV export, and a pattern file.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../runtime/engine';
import { wf } from '../../../runtime/executor/__tests__/fakeNodes';
import { makeRegistry } from '../../../runtime/registryTypes';
import type { SpectrumValue } from '../../../runtime/values';
import { exportCsvNode } from '../../export/exportCsv';
import { loadDetectorImageNode } from '../../io/loadDetectorImage';
import { loadPatternNode } from '../../io/loadPattern';
import { azimuthalIntegrateNode } from '../azimuthalIntegrate';

const XRD = resolve(__dirname, '../../../../test/fixtures/xrd');

describe('XRD pipeline through the engine', () => {
  it('EDF + .poni → azimuthal integration → CSV, with provenance of both files', async () => {
    const engine = new Engine(makeRegistry([loadDetectorImageNode, azimuthalIntegrateNode, loadPatternNode, exportCsvNode]));
    for (const f of ['ring_int32.edf', 'ring.poni', 'LiMn2O4_crop.xrdml']) await engine.putFile(f, new Uint8Array(readFileSync(join(XRD, f))));
    const doc = wf(
      [
        ['img', 'io.load-detector-image', { files: [{ name: 'ring_int32.edf' }] }],
        ['int', 'clean.azimuthal-integrate', { geometry: [{ name: 'ring.poni' }], npt: 200, unit: 'q_A^-1', polarizationFactor: 0.99 }],
        ['csv', 'export.csv', {}],
        ['pat', 'io.load-pattern', { files: [{ name: 'LiMn2O4_crop.xrdml' }], xAxis: 'q' }],
      ],
      ['img.image->int.image', 'int.pattern->csv.data'],
    );
    const summary = await engine.run(doc, {}, () => {});
    expect(summary.failed).toEqual([]);
    const pattern = engine.outputs('int')!.pattern as SpectrumValue;
    expect(pattern.x.length).toBe(200);
    expect(pattern.xAxis.unit).toBe('Å⁻¹');
    expect(pattern.meta.sources.map((s) => s.name)).toEqual(['ring_int32.edf', 'ring.poni']);
    expect(pattern.meta.history.map((h) => h.nodeType)).toEqual(['io.load-detector-image', 'clean.azimuthal-integrate']);
    expect(summary.files.map((f) => f.file.name.split('.').slice(1).join('.'))).toEqual(['csv', 'provenance.json']);
    expect((engine.outputs('pat')!.pattern as SpectrumValue).xAxis.name).toBe('q');
  });
});
