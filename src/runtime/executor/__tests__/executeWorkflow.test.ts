import { beforeEach, describe, expect, it } from 'vitest';
import type { NodeEvent } from '../../engineApi';
import { MemoryFileStore } from '../../files/memoryFileStore';
import { executeWorkflow, type ExecuteOptions } from '../executeWorkflow';
import { OutputCache } from '../outputCache';
import { log, loops, resetCounters, runs, testRegistry, wf } from './fakeNodes';

const files = new MemoryFileStore();

async function run(doc: ReturnType<typeof wf>, opts: Partial<ExecuteOptions> = {}) {
  const events: NodeEvent[] = [];
  const result = await executeWorkflow(doc, testRegistry, { files, onEvent: (e) => events.push(e), ...opts });
  const statusOf = (id: string) => events.filter((e) => e.nodeId === id).map((e) => e.status);
  const last = (id: string) => statusOf(id).at(-1);
  return { result, events, statusOf, last };
}

beforeEach(() => resetCounters());

// src → mid → leaf, and src → other
const chain = (midAdd = 1) =>
  wf(
    [
      ['src', 'test.source', { value: 10 }],
      ['mid', 'test.add', { add: midAdd }],
      ['leaf', 'test.add', { add: 100 }],
      ['other', 'test.add', { add: -1 }],
    ],
    ['src.out->mid.in', 'mid.out->leaf.in', 'src.out->other.in'],
  );

describe('executeWorkflow: order and concurrency', () => {
  it('runs in topological order and passes values along the edges', async () => {
    const doc = wf(
      [
        ['c', 'test.join'],
        ['b', 'test.add', { add: 2 }],
        ['a', 'test.source', { value: 1 }],
      ],
      ['a.out->b.in', 'a.out->c.a', 'b.out->c.b'],
    );
    const { result, events } = await run(doc);
    expect(result.ok).toBe(true);
    const started = events.filter((e) => e.status === 'running' && e.progress === 0).map((e) => e.nodeId);
    expect(started).toEqual(['a', 'b', 'c']);
    expect(events.slice(0, 3).map((e) => e.status)).toEqual(['queued', 'queued', 'queued']);
    // c = a + (a + 2) = [1, 2] + [3, 4]
    expect([...(result.records.get('c')!.outputs.out as { y: Float64Array }).y]).toEqual([4, 6]);
  });

  it('two independent slow branches overlap (start/end order, not timing)', async () => {
    const doc = wf(
      [
        ['a1', 'test.slow', { steps: 20 }],
        ['a2', 'test.slow', { steps: 2 }],
        ['b1', 'test.slow', { steps: 20 }],
        ['b2', 'test.slow', { steps: 2 }],
      ],
      ['a1.out->a2.in', 'b1.out->b2.in'],
    );
    const { result } = await run(doc);
    expect(result.ok).toBe(true);
    const at = (s: string) => log.indexOf(s);
    expect(at('start b1')).toBeLessThan(at('end a1'));
    expect(at('start a1')).toBeLessThan(at('end b1'));
    expect(at('end a1')).toBeLessThan(at('start a2'));
    expect(at('end b1')).toBeLessThan(at('start b2'));
  });

  it('reports progress with messages while running, then done with size and description', async () => {
    const { events, result } = await run(wf([['s', 'test.slow', { steps: 3 }]]), { progressEventEveryMs: 0 });
    expect(result.executed).toEqual(['s']);
    const running = events.filter((e) => e.status === 'running');
    expect(running.at(-1)).toMatchObject({ progress: 1, message: 'step 3/3' });
    const done = events.at(-1)!;
    expect(done).toMatchObject({ status: 'done', bytes: 32, outputs: { out: 'spectrum 2 pts' }, backend: 'cpu', warnings: [] });
    if (done.status === 'done') expect(done.ms).toBeGreaterThan(0);
  });
});

describe('executeWorkflow: params', () => {
  it('an unknown param is kept but ignored, and shown as a warning on the node', async () => {
    const { result, events } = await run(wf([['s', 'test.source', { value: 2, colour: 'red' }]]));
    expect(result.ok).toBe(true);
    expect(events.at(-1)).toMatchObject({ status: 'done', warnings: ['colour: unknown parameter (kept, ignored)'] });
    expect(result.records.get('s')!.params).toEqual({ value: 2 });
  });
});

describe('executeWorkflow: cache', () => {
  it('changing one param re-runs only that node and its descendants; the rest is cached', async () => {
    const cache = new OutputCache();
    const first = await run(chain(1), { cache });
    expect(first.result.executed.sort()).toEqual(['leaf', 'mid', 'other', 'src']);
    const second = await run(chain(5), { cache });
    expect(second.result.executed.sort()).toEqual(['leaf', 'mid']);
    expect(second.result.cached.sort()).toEqual(['other', 'src']);
    expect(second.last('src')).toBe('cached');
    expect(second.last('other')).toBe('cached');
    expect(Object.fromEntries(runs)).toEqual({ src: 1, mid: 2, leaf: 2, other: 1 });
    expect([...(second.result.records.get('leaf')!.outputs.out as { y: Float64Array }).y]).toEqual([115, 116]);
    // Same params again: nothing runs.
    const third = await run(chain(5), { cache });
    expect(third.result.executed).toEqual([]);
    expect(third.result.cached).toHaveLength(4);
    expect(Object.fromEntries(runs)).toEqual({ src: 1, mid: 2, leaf: 2, other: 1 });
  });

  it('param key order and node position do not matter; an explicit default equals an omitted one', async () => {
    const cache = new OutputCache();
    await run(wf([['s', 'test.source', {}]]), { cache });
    const again = await run(wf([['s', 'test.source', { value: 1 }]]), { cache });
    expect(again.result.cached).toEqual(['s']);
  });

  it('new bytes under the same file name re-run the loader and its descendants', async () => {
    const store = new MemoryFileStore();
    const cache = new OutputCache();
    const doc = wf(
      [
        ['load', 'test.load', { files: [{ name: 'scan.bin' }] }],
        ['add', 'test.add', { add: 1 }],
        ['side', 'test.source'],
      ],
      ['load.out->add.in'],
    );
    await store.put('scan.bin', new Uint8Array([1, 2, 3]));
    await run(doc, { cache, files: store });
    const same = await run(doc, { cache, files: store });
    expect(same.result.executed).toEqual([]);
    await store.put('scan.bin', new Uint8Array([7, 8, 9]));
    const changed = await run(doc, { cache, files: store });
    expect(changed.result.executed.sort()).toEqual(['add', 'load']);
    expect(changed.result.cached).toEqual(['side']);
    expect(Object.fromEntries(runs)).toEqual({ load: 2, add: 2, side: 1 });
    const out = changed.result.records.get('add')!.outputs.out as { y: Float64Array; meta: { sources: { sha256?: string }[]; history: { params: Record<string, unknown> }[] } };
    expect([...out.y]).toEqual([8, 9, 10]);
    // Provenance records the file's hash.
    const hash = await store.hash({ name: 'scan.bin' });
    expect(out.meta.history[0].params.files).toEqual([{ name: 'scan.bin', sha256: hash }]);
  });

  it('a cache too small for an output still gives the right result, and recomputes next time', async () => {
    const cache = new OutputCache(8);
    await run(chain(), { cache });
    const again = await run(chain(), { cache });
    expect(again.result.executed).toHaveLength(4);
  });

  it('emitted files are reported, also when the node is cached', async () => {
    const cache = new OutputCache();
    const doc = wf(
      [
        ['s', 'test.source', { value: 3 }],
        ['x', 'test.emit', { name: 'y.csv' }],
      ],
      ['s.out->x.in'],
    );
    const a = await run(doc, { cache });
    const b = await run(doc, { cache });
    for (const r of [a, b]) {
      expect(r.result.files).toHaveLength(1);
      expect(r.result.files[0].nodeId).toBe('x');
      expect(new TextDecoder().decode(r.result.files[0].file.bytes)).toBe('3,4');
    }
    expect(b.result.cached).toContain('x');
  });
});

describe('executeWorkflow: run up to a node', () => {
  it('runs only the target and its ancestors', async () => {
    const { result, events } = await run(chain(), { targetNodeId: 'mid' });
    expect(result.ok).toBe(true);
    expect(result.executed.sort()).toEqual(['mid', 'src']);
    expect(new Set(events.map((e) => e.nodeId))).toEqual(new Set(['src', 'mid']));
    expect(runs.has('leaf') || runs.has('other')).toBe(false);
  });

  it('ignores problems in the part that does not run, and names an unknown target', async () => {
    const doc = wf(
      [
        ['src', 'test.source'],
        ['broken', 'test.add'], // required input not connected
      ],
      [],
    );
    const whole = await run(doc);
    expect(whole.result.ok).toBe(false);
    expect(whole.result.issues.some((i) => i.nodeId === 'broken')).toBe(true);
    expect(whole.events).toEqual([]);
    const part = await run(doc, { targetNodeId: 'src' });
    expect(part.result.ok).toBe(true);
    const missing = await run(doc, { targetNodeId: 'nope' });
    expect(missing.result.issues[0].message).toMatch(/"nope": no node with this id/);
  });
});

describe('executeWorkflow: cancel', () => {
  it('stops a long node promptly: cancelled=true and the loop stops', async () => {
    const controller = new AbortController();
    const doc = wf(
      [
        ['long', 'test.forever'],
        ['after', 'test.add'],
      ],
      ['long.out->after.in'],
    );
    const pending = run(doc, {
      signal: controller.signal,
      onEvent: (e) => {
        if (e.status === 'running' && e.progress > 0 && (loops.get('long') ?? 0) >= 3) controller.abort();
      },
      progressEventEveryMs: 0,
    });
    // onEvent above replaces the recorder: collect statuses from the result instead.
    const { result } = await pending;
    expect(result.cancelled).toBe(true);
    expect(result.ok).toBe(false);
    const stopped = loops.get('long')!;
    expect(stopped).toBeGreaterThanOrEqual(3);
    await new Promise((r) => setTimeout(r, 60));
    expect(loops.get('long')).toBe(stopped);
    expect(runs.has('after')).toBe(false);
  });

  it('reports cancelled for the running node and for nodes that did not start', async () => {
    const controller = new AbortController();
    const events: NodeEvent[] = [];
    const doc = wf(
      [
        ['long', 'test.forever'],
        ['after', 'test.add'],
      ],
      ['long.out->after.in'],
    );
    setTimeout(() => controller.abort(), 50);
    const result = await executeWorkflow(doc, testRegistry, { files, signal: controller.signal, onEvent: (e) => events.push(e) });
    expect(result.cancelled).toBe(true);
    expect(events.filter((e) => e.status === 'cancelled').map((e) => e.nodeId).sort()).toEqual(['after', 'long']);
  });

  it('resolves even when a node never checks for cancel (its result is discarded)', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const cache = new OutputCache();
    const { result, last } = await run(wf([['deaf', 'test.deaf', { ms: 400 }]]), { signal: controller.signal, cache });
    expect(result.cancelled).toBe(true);
    expect(last('deaf')).toBe('cancelled');
    expect(log).not.toContain('end deaf'); // resolved before the node finished
    expect(cache.size).toBe(0);
  });

  it('an already aborted signal runs nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const { result } = await run(chain(), { signal: controller.signal });
    expect(result.cancelled).toBe(true);
    expect(runs.size).toBe(0);
  });
});

describe('executeWorkflow: errors', () => {
  it('a failing node: its descendants are skipped, an independent branch completes', async () => {
    const doc = wf(
      [
        ['src', 'test.source'],
        ['bad', 'test.fail', { how: 'input' }],
        ['below', 'test.add'],
        ['deeper', 'test.add'],
        ['fine', 'test.add', { add: 1 }],
      ],
      ['src.out->bad.in', 'bad.out->below.in', 'below.out->deeper.in', 'src.out->fine.in'],
    );
    const { result, last, events } = await run(doc);
    expect(result.ok).toBe(false);
    expect(result.failed).toEqual([{ nodeId: 'bad', message: 'scan.xdi line 12: expected 3 columns, got 2' }]);
    expect(last('bad')).toBe('error');
    expect(last('below')).toBe('skipped');
    expect(last('deeper')).toBe('skipped');
    expect(events.find((e) => e.nodeId === 'deeper' && e.status === 'skipped')).toMatchObject({
      message: 'not run: upstream node "Failing node" (bad) failed',
    });
    expect(last('fine')).toBe('done');
    expect(runs.has('below') || runs.has('deeper')).toBe(false);
    expect(result.skipped.sort()).toEqual(['below', 'deeper']);
  });

  it('an unexpected error is prefixed with the node title (or label)', async () => {
    const doc = wf([['bad', 'test.fail', { how: 'bug' }]]);
    const { result } = await run(doc);
    expect(result.failed[0].message).toBe('Failing node: cannot read properties of undefined');
    doc.nodes[0].label = 'My step';
    const labelled = await run(doc);
    expect(labelled.result.failed[0].message).toBe('My step: cannot read properties of undefined');
  });

  it('refuses a value of the wrong kind at an input, naming node and port', async () => {
    const doc = wf(
      [
        ['img', 'test.image'],
        ['add', 'test.add'],
      ],
      ['img.out->add.in'],
    );
    const { result } = await run(doc);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0].nodeId).toBe('add');
    expect(result.failed[0].message).toMatch(/Add \(add\): input "in" accepts spectrum, but node "img" port "out" sent image/);
    expect(runs.has('add')).toBe(false);
  });

  it('refuses an output of a kind its port does not declare', async () => {
    const { result } = await run(wf([['liar', 'test.liar']]));
    expect(result.failed[0].message).toMatch(/Liar \(liar\): output "out" produced image, but the port declares spectrum/);
  });

  it('a missing file is reported verbatim on the loader', async () => {
    const { result } = await run(wf([['load', 'test.load', { files: [{ name: 'absent.xdi' }] }]]));
    expect(result.failed[0].message).toMatch(/^file "absent.xdi" is not loaded/);
  });
});

describe('executeWorkflow: provenance', () => {
  it('appends one step per node to a copy of meta; inputs are not mutated', async () => {
    const { result } = await run(chain(2));
    const src = result.records.get('src')!.outputs.out;
    const leaf = result.records.get('leaf')!.outputs.out;
    expect(src.meta.history.map((h) => h.nodeId)).toEqual(['src']);
    expect(leaf.meta.history.map((h) => [h.nodeId, h.nodeType, h.typeVersion])).toEqual([
      ['src', 'test.source', 1],
      ['mid', 'test.add', 1],
      ['leaf', 'test.add', 1],
    ]);
    expect(leaf.meta.history[1].params).toEqual({ add: 2 });
    expect(result.records.get('mid')!.inputs.in).toBe(src);
  });
});
