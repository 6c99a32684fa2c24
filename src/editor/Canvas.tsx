/**
 * The graph canvas. React Flow draws nodes/edges derived from the document; every change goes
 * back through the store (drag positions are transient until the drag ends).
 */
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  type IsValidConnection,
  type NodeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useReducer, useRef, type DragEvent, type MouseEvent } from 'react';
import { canConnect } from '../runtime/graph/canConnect';
import { CATEGORY_INFO, categoryOf } from './categories';
import { connectionToEdge, docToFlow, type FlowNode } from './flowConversion';
import { FlowNodeComponent } from './FlowNode';
import { NODE_DND_TYPE } from './Palette';
import { useEditor, useStudio } from './studioContext';
import { useIssueCounts } from './useIssueCounts';

const nodeTypes = { operando: FlowNodeComponent };

export function Canvas(props: {
  /** Double-click on the empty canvas: where to insert the next palette pick (flow and screen px). */
  onRequestInsert: (flowPos: { x: number; y: number }, screen: { x: number; y: number }) => void;
  /** Where to draw the pending-insert marker (px in the canvas box), or null. */
  insertMarker: { x: number; y: number } | null;
}) {
  const { store, studio } = useStudio();
  const rf = useReactFlow<FlowNode, Edge>();
  const doc = useEditor((s) => s.doc);
  const runStates = useEditor((s) => s.runStates);
  const selectedNodes = useEditor((s) => s.selectedNodes);
  const selectedEdges = useEditor((s) => s.selectedEdges);
  const dragPositions = useEditor((s) => s.dragPositions);
  const docEpoch = useEditor((s) => s.docEpoch);
  const issueCounts = useIssueCounts(doc);
  const measured = useRef(new Map<string, { width: number; height: number }>());
  const [measureTick, bumpMeasure] = useReducer((x: number) => x + 1, 0);
  const wrapper = useRef<HTMLDivElement>(null);

  const { nodes, edges } = useMemo(
    () =>
      docToFlow(doc, {
        registry: store.registry,
        runStates,
        selectedNodes,
        selectedEdges,
        dragPositions: dragPositions ?? undefined,
        measured: measured.current,
        issueCounts,
      }),
    // measureTick: re-derive after React Flow reported new sizes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [doc, runStates, selectedNodes, selectedEdges, dragPositions, issueCounts, store.registry, measureTick],
  );

  // A newly opened document is framed once its nodes have been measured.
  useEffect(() => {
    if (docEpoch === 0) return;
    const t = setTimeout(() => void rf.fitView({ padding: 0.08, maxZoom: 1.1 }), 60);
    return () => clearTimeout(t);
  }, [docEpoch, rf]);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      let sized = false;
      const drag: Record<string, { x: number; y: number }> = {};
      let sel: Set<string> | null = null;
      for (const c of changes) {
        if (c.type === 'dimensions' && c.dimensions) {
          const prev = measured.current.get(c.id);
          if (!prev || prev.width !== c.dimensions.width || prev.height !== c.dimensions.height) {
            measured.current.set(c.id, c.dimensions);
            sized = true;
          }
        } else if (c.type === 'position' && c.position && c.dragging) {
          drag[c.id] = c.position;
        } else if (c.type === 'select') {
          sel ??= new Set(store.getState().selectedNodes);
          if (c.selected) sel.add(c.id);
          else sel.delete(c.id);
        }
      }
      if (Object.keys(drag).length) store.dragTo(drag);
      if (sel) store.select(sel, store.getState().selectedEdges);
      if (sized) bumpMeasure();
    },
    [store],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      let sel: Set<string> | null = null;
      for (const c of changes) {
        if (c.type === 'select') {
          sel ??= new Set(store.getState().selectedEdges);
          if (c.selected) sel.add(c.id);
          else sel.delete(c.id);
        }
      }
      if (sel) store.select(store.getState().selectedNodes, sel);
    },
    [store],
  );

  const check = useCallback(
    (c: { source: string; sourceHandle?: string | null; target: string; targetHandle?: string | null }) =>
      canConnect(store.registry, store.getState().doc, c.source, c.sourceHandle ?? '', c.target, c.targetHandle ?? ''),
    [store],
  );

  const isValidConnection: IsValidConnection<Edge> = useCallback((c) => check(c).ok, [check]);

  const onConnect = useCallback(
    (c: Connection) => {
      const e = connectionToEdge(c);
      if (!e) return;
      const r = check(c);
      if (!r.ok) {
        store.notify(`Cannot connect: ${r.reason}`, 'error');
        return;
      }
      store.connect(e);
    },
    [store, check],
  );

  // React Flow refuses the drop silently; say why, using the same check.
  const onConnectEnd = useCallback(
    (_e: globalThis.MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid !== false || !state.toHandle || !state.fromHandle || !state.toNode || !state.fromNode) return;
      const fromIsSource = state.fromHandle.type === 'source';
      if (state.fromHandle.type === state.toHandle.type) {
        store.notify(
          `Cannot connect: ${fromIsSource ? 'an output to an output' : 'an input to an input'} — drag from an output (right) to an input (left)`,
          'error',
        );
        return;
      }
      const c = fromIsSource
        ? { source: state.fromNode.id, sourceHandle: state.fromHandle.id, target: state.toNode.id, targetHandle: state.toHandle.id }
        : { source: state.toNode.id, sourceHandle: state.toHandle.id, target: state.fromNode.id, targetHandle: state.fromHandle.id };
      const r = check(c);
      if (!r.ok) store.notify(`Cannot connect: ${r.reason}`, 'error');
    },
    [store, check],
  );

  const onNodeDragStop = useCallback(
    (_e: globalThis.MouseEvent | TouchEvent, _n: FlowNode, dragged: FlowNode[]) => {
      store.endDrag(Object.fromEntries(dragged.map((n) => [n.id, n.position])));
    },
    [store],
  );

  const onDragOver = (e: DragEvent) => {
    const types = [...e.dataTransfer.types];
    if (types.includes(NODE_DND_TYPE) || types.includes('Files')) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  };

  const onDrop = (e: DragEvent) => {
    const pos = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    const type = e.dataTransfer.getData(NODE_DND_TYPE);
    if (type) {
      e.preventDefault();
      if (store.registry.get(type)) store.addNode(type, { x: pos.x - 90, y: pos.y - 30 });
      return;
    }
    const files = [...e.dataTransfer.files];
    if (files.length) {
      e.preventDefault();
      void studio.dropFiles(files, pos);
    }
  };

  const onDoubleClick = (e: MouseEvent) => {
    const t = e.target as HTMLElement;
    if (!t.closest('.react-flow__pane') || t.closest('.react-flow__node')) return;
    const box = wrapper.current!.getBoundingClientRect();
    props.onRequestInsert(rf.screenToFlowPosition({ x: e.clientX, y: e.clientY }), {
      x: e.clientX - box.left,
      y: e.clientY - box.top,
    });
  };

  return (
    <div className="canvas" ref={wrapper} onDragOver={onDragOver} onDrop={onDrop} onDoubleClick={onDoubleClick}>
      <ReactFlow<FlowNode, Edge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        onNodeDragStop={onNodeDragStop}
        onPaneClick={() => store.select([], [])}
        isValidConnection={isValidConnection}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control']}
        zoomOnDoubleClick={false}
        fitView
        fitViewOptions={{ padding: 0.08, maxZoom: 1.1 }}
        minZoom={0.1}
        maxZoom={2.5}
        proOptions={{ hideAttribution: true }}
        defaultEdgeOptions={{ type: 'default' }}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#c9ced6" />
        <MiniMap
          pannable
          zoomable
          nodeColor={(n) => {
            const c = categoryOf((n as FlowNode).data.node.type);
            return c ? CATEGORY_INFO[c].color : '#9aa0a6';
          }}
          nodeStrokeWidth={2}
          maskColor="rgba(240, 242, 245, 0.7)"
        />
        <Controls showInteractive={false} />
      </ReactFlow>
      {props.insertMarker && (
        <div className="insert-marker" style={{ left: props.insertMarker.x, top: props.insertMarker.y }} />
      )}
      {doc.nodes.length === 0 && (
        <div className="canvas-empty">
          <p>Drag nodes from the palette, double-click to search, or drop data files (.tif, .xdi, .txt…) or a workflow .json here.</p>
        </div>
      )}
    </div>
  );
}
