/**
 * A small registry of fake node types for workflow and graph tests, independent of the real nodes.
 * Their `run` is never called here.
 */
import { defineNode } from '../../nodeDefinition';
import { makeRegistry } from '../../registryTypes';
import { WORKFLOW_FORMAT, WORKFLOW_VERSION, type WorkflowDocument } from '../types';

export const loadSpectraNode = defineNode({
  type: 'io.load-spectra',
  version: 1,
  category: 'io',
  title: 'Load spectra',
  help: 'Reads spectra.',
  inputs: [],
  outputs: [{ name: 'spectra', label: 'Spectra', kinds: ['spectra', 'spectrum'] }],
  params: {
    files: { type: 'files', label: 'Files', description: 'Spectrum files.', accept: ['.xdi'], multiple: true, default: [] },
  },
  run: async () => ({}),
});

export const loadImageNode = defineNode({
  type: 'io.load-image',
  version: 1,
  category: 'io',
  title: 'Load image',
  help: 'Reads an image.',
  inputs: [],
  outputs: [{ name: 'image', label: 'Image', kinds: ['image', 'stack'] }],
  params: {
    file: { type: 'files', label: 'File', description: 'One TIFF.', accept: ['.tif'], multiple: false, default: [] },
  },
  run: async () => ({}),
});

/** Version 2: v1 called the window `width`. */
export const smoothNode = defineNode({
  type: 'clean.smooth',
  version: 2,
  category: 'clean',
  title: 'Smooth',
  help: 'Smooths spectra.',
  inputs: [{ name: 'spectra', label: 'Spectra', kinds: ['spectrum', 'spectra'], required: true }],
  outputs: [{ name: 'spectra', label: 'Spectra', kinds: ['spectrum', 'spectra'] }],
  params: {
    method: {
      type: 'enum',
      label: 'Method',
      description: 'Filter.',
      default: 'savgol',
      options: [
        { value: 'savgol', label: 'Savitzky–Golay' },
        { value: 'gaussian', label: 'Gaussian' },
      ],
    },
    window: { type: 'integer', label: 'Window', description: 'Points.', default: 7, min: 3, max: 101, parity: 'odd' },
    order: { type: 'integer', label: 'Order', description: 'Polynomial order.', default: 2, min: 0, max: 10 },
    sigma: { type: 'number', label: 'Sigma', description: 'Width.', default: 1, min: 0, exclusiveMin: true, unit: 'eV' },
    e0: { type: 'number', label: 'E0', description: 'Edge.', default: null as unknown as number, nullable: true, nullLabel: 'auto', unit: 'eV' },
    name: { type: 'string', label: 'Name', description: 'Output name.', default: 'smoothed', pattern: '[a-z]+' },
    keep: { type: 'boolean', label: 'Keep', description: 'Keep input.', default: false },
  },
  migrate: (from, params) => {
    if (from < 2 && 'width' in params) {
      const { width, ...rest } = params;
      return { ...rest, window: width };
    }
    return params;
  },
  check: (p) => (p.order >= p.window ? [{ param: 'order', message: `order: must be < window (${p.window}), got ${p.order}` }] : []),
  run: async () => ({}),
});

export const thresholdNode = defineNode({
  type: 'segment.threshold',
  version: 1,
  category: 'segment',
  title: 'Threshold',
  help: 'Thresholds an image.',
  inputs: [{ name: 'image', label: 'Image', kinds: ['image', 'stack'], required: true }],
  outputs: [{ name: 'labels', label: 'Labels', kinds: ['labels'] }],
  params: { level: { type: 'number', label: 'Level', description: 'Threshold.', default: 0.5, min: 0, max: 1 } },
  run: async () => ({}),
});

export const plotNode = defineNode({
  type: 'view.plot',
  version: 1,
  category: 'view',
  title: 'Plot',
  help: 'Plots spectra | tables.',
  inputs: [
    { name: 'spectra', label: 'Spectra', kinds: ['spectrum', 'spectra'], required: true },
    { name: 'table', label: 'Table', kinds: ['table'] },
  ],
  outputs: [],
  params: {},
  isOutput: true,
  run: async () => ({}),
});

export const fakeRegistry = makeRegistry([loadSpectraNode, loadImageNode, smoothNode, thresholdNode, plotNode]);

/** load → smooth → plot, plus an image branch load → threshold. */
export function sampleDoc(): WorkflowDocument {
  return {
    format: WORKFLOW_FORMAT,
    version: WORKFLOW_VERSION,
    meta: { title: 'Sample', created: '2026-11-25T09:00:00.000Z' },
    nodes: [
      { id: 'n1', type: 'io.load-spectra', typeVersion: 1, params: { files: [{ name: 'a.xdi' }] }, position: { x: 0, y: 0 } },
      {
        id: 'n2',
        type: 'clean.smooth',
        typeVersion: 2,
        label: 'Smooth',
        params: { e0: null, keep: false, method: 'savgol', name: 'smoothed', order: 2, sigma: 1, window: 7 },
        position: { x: 200, y: 0 },
      },
      { id: 'n3', type: 'view.plot', typeVersion: 1, params: {}, position: { x: 400, y: 0 } },
      { id: 'n4', type: 'io.load-image', typeVersion: 1, params: { file: [] }, position: { x: 0, y: 200 } },
      { id: 'n5', type: 'segment.threshold', typeVersion: 1, params: { level: 0.5 }, position: { x: 200, y: 200 } },
    ],
    edges: [
      { id: 'e1', source: 'n1', sourcePort: 'spectra', target: 'n2', targetPort: 'spectra' },
      { id: 'e2', source: 'n2', sourcePort: 'spectra', target: 'n3', targetPort: 'spectra' },
      { id: 'e3', source: 'n4', sourcePort: 'image', target: 'n5', targetPort: 'image' },
    ],
  };
}
