/** Graph checks and walks over a workflow document (no React, no DOM). */
export { canConnect, type ConnectCheck } from './canConnect';
export { checkGraph } from './checkGraph';
export { findCycles } from './findCycles';
export { topologicalOrder, GraphCycleError } from './topologicalOrder';
export { upstreamOf } from './upstreamOf';
export { downstreamOf } from './downstreamOf';
