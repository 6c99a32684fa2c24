/**
 * Document → React Flow nodes/edges. The document is the single source of truth; React Flow only
 * gets a derived view (plus transient drag positions and measured sizes it reported itself).
 */
import type { Edge, Node } from '@xyflow/react';
import type { AnyNodeDefinition, PortSpec } from '../runtime/nodeDefinition';
import type { NodeRegistry } from '../runtime/registryTypes';
import { VALUE_KINDS, type ValueKind } from '../runtime/values';
import type { WorkflowDocument, WorkflowNode } from '../runtime/workflow/types';
import { portColor } from './kindColors';
import type { NodeRunState } from './runState';

export interface FlowNodeData extends Record<string, unknown> {
  node: WorkflowNode;
  /** Undefined for a node type the registry does not know (kept, marked). */
  def: AnyNodeDefinition | undefined;
  /** Ports shown for an unknown node: those its edges use, so the edges stay drawn. */
  inputs: PortSpec[];
  outputs: PortSpec[];
  run: NodeRunState;
  /** Parameter problems (live validation), shown as a mark on the node. */
  issueCount: number;
}

export type FlowNode = Node<FlowNodeData, 'operando'>;

export interface FlowViewState {
  registry: NodeRegistry;
  runStates: Readonly<Record<string, NodeRunState>>;
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  /** Positions of nodes being dragged (not yet committed to the document). */
  dragPositions?: Readonly<Record<string, { x: number; y: number }>>;
  /** Sizes React Flow measured, kept so re-derived nodes do not flicker. */
  measured?: ReadonlyMap<string, { width: number; height: number }>;
  issueCounts?: Readonly<Record<string, number>>;
}

const IDLE: NodeRunState = { status: 'idle' };

/** Ports an unknown node needs so that its edges can still be drawn. */
export function inferredPorts(doc: WorkflowDocument, nodeId: string): { inputs: PortSpec[]; outputs: PortSpec[] } {
  const ins = new Set<string>();
  const outs = new Set<string>();
  for (const e of doc.edges) {
    if (e.target === nodeId) ins.add(e.targetPort);
    if (e.source === nodeId) outs.add(e.sourcePort);
  }
  const port = (name: string): PortSpec => ({ name, label: name, kinds: [] });
  return { inputs: [...ins].map(port), outputs: [...outs].map(port) };
}

export function docToFlow(doc: WorkflowDocument, view: FlowViewState): { nodes: FlowNode[]; edges: Edge[] } {
  const defs = new Map<string, AnyNodeDefinition | undefined>();
  const nodes: FlowNode[] = doc.nodes.map((n) => {
    const def = view.registry.get(n.type);
    defs.set(n.id, def);
    const ports = def ? { inputs: def.inputs, outputs: def.outputs } : inferredPorts(doc, n.id);
    const m = view.measured?.get(n.id);
    const fn: FlowNode = {
      id: n.id,
      type: 'operando',
      position: view.dragPositions?.[n.id] ?? n.position,
      selected: view.selectedNodes.has(n.id),
      data: {
        node: n,
        def,
        inputs: ports.inputs,
        outputs: ports.outputs,
        run: view.runStates[n.id] ?? IDLE,
        issueCount: view.issueCounts?.[n.id] ?? 0,
      },
    };
    if (m) fn.measured = { width: m.width, height: m.height };
    return fn;
  });
  const edges: Edge[] = doc.edges.map((e) => {
    const declared: ValueKind[] = defs.get(e.source)?.outputs.find((p) => p.name === e.sourcePort)?.kinds ?? [];
    // A port that may give several kinds is coloured by what it gave in the last run.
    const produced = producedKind(view.runStates[e.source]?.outputs?.[e.sourcePort]);
    const kinds = declared.length > 1 && produced && declared.includes(produced) ? [produced] : declared;
    const color = kinds.length === 1 ? portColor(kinds) : '#98a2ad';
    const selected = view.selectedEdges.has(e.id);
    return {
      id: e.id,
      source: e.source,
      sourceHandle: e.sourcePort,
      target: e.target,
      targetHandle: e.targetPort,
      selected,
      // Data is flowing into a node that is computing.
      animated: view.runStates[e.target]?.status === 'running',
      style: { stroke: color, strokeWidth: selected ? 3 : 2 },
    };
  });
  return { nodes, edges };
}

/** A React Flow connection as the document's edge fields; null when a handle id is missing. */
export function connectionToEdge(c: {
  source: string | null;
  sourceHandle?: string | null;
  target: string | null;
  targetHandle?: string | null;
}): { source: string; sourcePort: string; target: string; targetPort: string } | null {
  if (!c.source || !c.target || !c.sourceHandle || !c.targetHandle) return null;
  return { source: c.source, sourcePort: c.sourceHandle, target: c.target, targetPort: c.targetHandle };
}

/** The kind named at the start of an output description (`describeValue`: "spectra 29×300"). */
export function producedKind(description: string | undefined): ValueKind | undefined {
  const k = description?.split(' ')[0];
  return (VALUE_KINDS as readonly string[]).includes(k ?? '') ? (k as ValueKind) : undefined;
}
