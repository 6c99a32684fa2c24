/**
 * The one list of node types. Palette, inspector forms, `operando-flow nodes --json`,
 * docs/nodes.md and the workflow JSON Schema are all derived from it.
 */
import type { AnyNodeDefinition } from '../runtime/nodeDefinition';
import { makeRegistry, type NodeRegistry } from '../runtime/registryTypes';
import { loadSpectraNode } from './io/loadSpectra';
import { loadImageNode } from './io/loadImage';
import { normalizeXanesNode } from './clean/normalizeXanes';
import { smoothNode } from './clean/smooth';
import { denoiseNode } from './clean/denoise';
import { driftNode } from './register/drift';
import { thresholdNode } from './segment/threshold';
import { plotNode } from './view/plot';
import { imageViewNode } from './view/image';
import { overlayNode } from './view/overlay';
import { tableViewNode } from './view/table';
import { exportCsvNode } from './export/exportCsv';
import { exportTiffNode } from './export/exportTiff';
import { exportPngNode } from './export/exportPng';

export const NODE_DEFINITIONS: readonly AnyNodeDefinition[] = [
  loadSpectraNode,
  loadImageNode,
  normalizeXanesNode,
  smoothNode,
  denoiseNode,
  driftNode,
  thresholdNode,
  plotNode,
  imageViewNode,
  overlayNode,
  tableViewNode,
  exportCsvNode,
  exportTiffNode,
  exportPngNode,
];

/** The registry the studio and the CLI use. */
export const defaultRegistry: NodeRegistry = makeRegistry(NODE_DEFINITIONS);
