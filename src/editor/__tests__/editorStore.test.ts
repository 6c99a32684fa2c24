import { describe, expect, it } from 'vitest';
import { EditorStore } from '../editorStore';
import { chain, testRegistry } from './testRegistry';

function store(t = { now: 0 }) {
  return new EditorStore(testRegistry, chain(), () => t.now);
}

describe('EditorStore', () => {
  it('notifies subscribers and undoes/redoes edits', () => {
    const s = store();
    let calls = 0;
    const off = s.subscribe(() => calls++);
    const id = s.addNode('clean.smooth', { x: 1, y: 2 });
    expect(id).toBe('n4');
    expect(s.getState().doc.nodes).toHaveLength(4);
    expect([...s.getState().selectedNodes]).toEqual(['n4']);
    s.undo();
    expect(s.getState().doc.nodes).toHaveLength(3);
    expect(s.getState().selectedNodes.size).toBe(0);
    s.redo();
    expect(s.getState().doc.nodes).toHaveLength(4);
    expect(calls).toBeGreaterThan(0);
    off();
  });

  it('merges quick edits of one parameter into one undo step', () => {
    const t = { now: 0 };
    const s = store(t);
    s.setParam('n2', 'window', 7);
    t.now = 300;
    s.setParam('n2', 'window', 9);
    t.now = 5000;
    s.setParam('n2', 'window', 11);
    s.undo();
    expect(s.getState().doc.nodes[1].params.window).toBe(9);
    s.undo();
    expect(s.getState().doc.nodes[1].params.window).toBe(5);
    expect(s.canUndo()).toBe(false);
  });

  it('commits a drag as one step at drag end only', () => {
    const s = store();
    s.dragTo({ n1: { x: 10, y: 10 } });
    s.dragTo({ n1: { x: 20, y: 30 } });
    expect(s.getState().doc.nodes[0].position).toEqual({ x: 0, y: 0 });
    expect(s.getState().dragPositions).toEqual({ n1: { x: 20, y: 30 } });
    s.endDrag();
    expect(s.getState().doc.nodes[0].position).toEqual({ x: 20, y: 30 });
    expect(s.getState().dragPositions).toBeNull();
    s.undo();
    expect(s.getState().doc.nodes[0].position).toEqual({ x: 0, y: 0 });
  });

  it('copy/paste offsets each paste further and keeps inner edges; delete removes selection', () => {
    const s = store();
    s.select(['n1', 'n2'], []);
    s.copy();
    const a = s.paste();
    const b = s.paste();
    expect(a).toEqual(['n4', 'n5']);
    expect(b).toEqual(['n6', 'n7']);
    const d = s.getState().doc;
    expect(d.nodes.find((n) => n.id === 'n4')!.position).toEqual({ x: 40, y: 40 });
    expect(d.nodes.find((n) => n.id === 'n6')!.position).toEqual({ x: 80, y: 80 });
    expect(d.edges.filter((e) => e.source === 'n6')).toHaveLength(1);
    expect([...s.getState().selectedNodes]).toEqual(['n6', 'n7']);
    s.deleteSelection();
    expect(s.getState().doc.nodes).toHaveLength(5);
  });

  it('selectAll selects every node and edge', () => {
    const s = store();
    s.selectAll();
    expect(s.getState().selectedNodes.size).toBe(3);
    expect(s.getState().selectedEdges.size).toBe(2);
    s.deleteSelection();
    expect(s.getState().doc.nodes).toHaveLength(0);
    s.undo();
    expect(s.getState().doc.nodes).toHaveLength(3);
  });

  it('tracks a run: events, end and cancel', () => {
    const s = store();
    s.startRun(['n1', 'n2']);
    expect(s.getState().running).toBe(true);
    s.nodeEvent({ nodeId: 'n1', status: 'queued' });
    s.nodeEvent({ nodeId: 'n2', status: 'running', progress: 0.4 });
    s.endRun(true);
    expect(s.getState().running).toBe(false);
    expect(s.getState().runStates.n1.status).toBe('cancelled');
    expect(s.getState().runCounter).toBe(1);
  });

  it('replaceDoc resets history and selection', () => {
    const s = store();
    s.addNode('clean.smooth', { x: 0, y: 0 });
    s.replaceDoc(chain());
    expect(s.canUndo()).toBe(false);
    expect(s.getState().selectedNodes.size).toBe(0);
  });

  it('shows an issue report only when it has issues', () => {
    const s = store();
    s.showIssues({ title: 'x', issues: [] });
    expect(s.getState().issues).toBeNull();
    s.showIssues({ title: 'x', issues: [{ severity: 'error', nodeId: 'n1', field: 'type', message: 'unknown' }] });
    expect(s.getState().issues?.issues).toHaveLength(1);
  });
});

describe('EditorStore stale results', () => {
  it('a parameter edit resets the run state of the node and its descendants only', () => {
    const s = new EditorStore(testRegistry, chain());
    for (const id of ['n1', 'n2', 'n3'])
      s.nodeEvent({ nodeId: id, status: 'done', ms: 1, bytes: 1, outputs: {}, warnings: [], backend: 'cpu' });
    s.setParam('n2', 'window', 9);
    const rs = s.getState().runStates;
    expect([rs.n1.status, rs.n2.status, rs.n3.status]).toEqual(['done', 'idle', 'idle']);
    s.dragTo({ n1: { x: 5, y: 5 } });
    s.endDrag();
    expect(s.getState().runStates.n1.status).toBe('done');
  });
});
