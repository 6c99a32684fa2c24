import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { makeRegistry } from '../../runtime/registryTypes';
import { parseWorkflow } from '../../runtime/workflow/parseWorkflow';
import { exportZarrNode } from '../../nodes/export/exportZarr';
import { exportCsvNode } from '../../nodes/export/exportCsv';
import { loadSpectraNode } from '../../nodes/io/loadSpectra';
import { doc } from './testRegistry';
import { resultFiles, type NodeFile } from '../resultFiles';

const registry = makeRegistry([loadSpectraNode, exportZarrNode, exportCsvNode]);
const file = (nodeId: string, name: string, text = name): NodeFile => ({ nodeId, file: { name, mime: 'x', bytes: new TextEncoder().encode(text) } });

describe('resultFiles', () => {
  const d = doc(
    [
      { id: 'load', type: 'io.load-spectra', typeVersion: 1, position: { x: 0, y: 0 }, params: {} },
      { id: 'z', type: 'export.zarr', typeVersion: 1, position: { x: 0, y: 0 }, params: { fileName: 'vol' } },
      { id: 'c', type: 'export.csv', typeVersion: 1, position: { x: 0, y: 0 }, params: {} },
    ],
    [],
  );

  it('zips a folder (store at the zip root) and adds the workflow beside each export', () => {
    const out = resultFiles(
      [file('z', 'vol.zarr/.zgroup', '{"zarr_format":2}'), file('z', 'vol.zarr/data/0.0'), file('z', 'vol.provenance.json'), file('c', 'c.csv'), file('c', 'c.provenance.json')],
      d,
      registry,
    );
    expect(out.map((f) => `${f.nodeId}:${f.file.name}`)).toEqual([
      'z:vol.zarr.zip',
      'z:vol.provenance.json',
      'z:vol.workflow.json',
      'c:c.csv',
      'c:c.provenance.json',
      'c:c.workflow.json',
    ]);
    const zip = unzipSync(out[0].file.bytes);
    expect(Object.keys(zip).sort()).toEqual(['.zgroup', 'data/0.0']);
    expect(new TextDecoder().decode(zip['.zgroup'])).toBe('{"zarr_format":2}');
    expect(out[0].file.mime).toBe('application/zip');
    const wf = parseWorkflow(new TextDecoder().decode(out[2].file.bytes), registry);
    expect(wf.doc?.nodes.map((n) => n.id)).toEqual(['load', 'z', 'c']);
  });

  it('leaves runs without exports as they are', () => {
    expect(resultFiles([], d, registry)).toEqual([]);
    const other = [file('load', 'model.ofmodel.json')];
    expect(resultFiles(other, d, registry)).toEqual(other);
  });
});
