/** Small node set for editor tests: independent of the real nodes still being written. */
import { defineNode } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import { makeRegistry } from '../../runtime/registryTypes';
import { WORKFLOW_FORMAT, WORKFLOW_VERSION, type WorkflowDocument } from '../../runtime/workflow/types';

const load = defineNode({
  type: 'io.load-spectra',
  version: 2,
  category: 'io',
  title: 'Load spectra',
  help: 'test loader',
  inputs: [],
  outputs: [{ name: 'spectra', label: 'Spectra', kinds: ['spectra'] }],
  params: defineParams({
    files: { type: 'files', label: 'Files', description: 'd', accept: ['.xdi'], multiple: true, default: [] },
  }),
  run: async () => ({}),
});

const smooth = defineNode({
  type: 'clean.smooth',
  version: 1,
  category: 'clean',
  title: 'Smooth',
  help: 'test smoother',
  inputs: [{ name: 'spectra', label: 'Spectra', kinds: ['spectra', 'spectrum'], required: true }],
  outputs: [{ name: 'spectra', label: 'Spectra', kinds: ['spectra'] }],
  params: defineParams({
    window: { type: 'integer', label: 'Window', description: 'd', default: 5, min: 3, parity: 'odd' },
    sigma: { type: 'number', label: 'Sigma', description: 'd', default: 1, nullable: true },
  }),
  run: async () => ({}),
});

export const testRegistry = makeRegistry([load, smooth]);

export function doc(nodes: WorkflowDocument['nodes'] = [], edges: WorkflowDocument['edges'] = []): WorkflowDocument {
  return { format: WORKFLOW_FORMAT, version: WORKFLOW_VERSION, meta: { title: 'T' }, nodes, edges };
}

/** load (n1) → smooth (n2) → smooth (n3). */
export function chain(): WorkflowDocument {
  return doc(
    [
      { id: 'n1', type: 'io.load-spectra', typeVersion: 2, params: { files: [{ name: 'a.xdi' }] }, position: { x: 0, y: 0 } },
      { id: 'n2', type: 'clean.smooth', typeVersion: 1, params: { window: 5, sigma: 1 }, position: { x: 200, y: 0 } },
      { id: 'n3', type: 'clean.smooth', typeVersion: 1, params: { window: 7, sigma: null }, position: { x: 400, y: 0 } },
    ],
    [
      { id: 'e1', source: 'n1', sourcePort: 'spectra', target: 'n2', targetPort: 'spectra' },
      { id: 'e2', source: 'n2', sourcePort: 'spectra', target: 'n3', targetPort: 'spectra' },
    ],
  );
}
