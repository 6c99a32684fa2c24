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
import { denoiseSpectraNode } from './clean/denoiseSpectra';
import { deblurNode } from './clean/deblur';
import { removeRingsNode } from './clean/removeRings';
import { flatFieldNode } from './clean/flatField';
import { intensityDriftNode } from './clean/intensityDrift';
import { backgroundNode } from './clean/background';
import { qualityScoreNode } from './clean/qualityScore';
import { rotationScaleNode } from './register/rotationScale';
import { volumeShiftNode } from './register/volumeShift';
import { affineMINode } from './register/affineMI';
import { alignSpectraNode } from './register/alignSpectra';
import { clusterNode } from './segment/cluster';
import { watershedNode } from './segment/watershed';
import { componentsNode } from './segment/components';
import { plotNode } from './view/plot';
import { imageViewNode } from './view/image';
import { overlayNode } from './view/overlay';
import { tableViewNode } from './view/table';
import { exportCsvNode } from './export/exportCsv';
import { exportTiffNode } from './export/exportTiff';
import { exportPngNode } from './export/exportPng';
import { exportHdf5Node } from './export/exportHdf5';
import { exportZarrNode } from './export/exportZarr';
import { exportJsonNode } from './export/exportJson';
// echem: added by helper
import { loadEchemNode } from './io/loadEchem';
import { echemDerivedNode } from './clean/echemDerived';
import { syncEchemNode } from './register/syncEchem';
import { pixelClassifierNode } from './segment/pixelClassifier';
import { cnnSegmentNode } from './segment/cnn'; // cnn: added by helper
import { trainCnnNode } from './segment/trainCnn'; // train-cnn: added by helper
// xrd: added by helper
import { loadPatternNode } from './io/loadPattern';
import { loadDetectorImageNode } from './io/loadDetectorImage';
import { azimuthalIntegrateNode } from './clean/azimuthalIntegrate';
// io: added by helper
import { loadHdf5Node } from './io/loadHdf5';
import { loadRawNode } from './io/loadRaw';
import { loadZarrNode } from './io/loadZarr';
import { loadStxmNode } from './io/loadStxm';
// formats: added by helper
import { loadJcampNode } from './io/loadJcamp';
import { loadAxisMaskNode } from './io/loadAxisMask';

export const NODE_DEFINITIONS: readonly AnyNodeDefinition[] = [
  loadSpectraNode,
  loadImageNode,
  normalizeXanesNode,
  smoothNode,
  denoiseNode,
  denoiseSpectraNode,
  deblurNode,
  removeRingsNode,
  flatFieldNode,
  intensityDriftNode,
  backgroundNode,
  qualityScoreNode,
  driftNode,
  rotationScaleNode,
  volumeShiftNode,
  affineMINode,
  alignSpectraNode,
  thresholdNode,
  clusterNode,
  watershedNode,
  componentsNode,
  plotNode,
  imageViewNode,
  overlayNode,
  tableViewNode,
  exportCsvNode,
  exportTiffNode,
  exportPngNode,
  exportHdf5Node,
  exportZarrNode,
  exportJsonNode,
  // echem: added by helper
  loadEchemNode,
  echemDerivedNode,
  syncEchemNode,
  pixelClassifierNode, // pixel-classifier: added by helper
  cnnSegmentNode, // cnn: added by helper
  // xrd: added by helper
  loadPatternNode,
  loadDetectorImageNode,
  azimuthalIntegrateNode,
  trainCnnNode, // train-cnn: added by helper
  // io: added by helper
  loadHdf5Node,
  loadRawNode,
  loadZarrNode,
  loadStxmNode,
  // formats: added by helper
  loadJcampNode,
  loadAxisMaskNode,
];

/** The registry the studio and the CLI use. */
export const defaultRegistry: NodeRegistry = makeRegistry(NODE_DEFINITIONS);
