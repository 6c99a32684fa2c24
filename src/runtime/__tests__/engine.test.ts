import { beforeEach, describe, expect, it } from 'vitest';
import type { NodeEvent } from '../engineApi';
import { Engine } from '../engine';
import { loops, resetCounters, runs, testRegistry, wf } from '../executor/__tests__/fakeNodes';

beforeEach(() => resetCounters());

const doc = () =>
  wf(
    [
      ['load', 'test.load', { files: [{ name: 'scan.bin' }] }],
      ['add', 'test.add', { add: 1 }],
    ],
    ['load.out->add.in'],
  );

describe('Engine (in-process)', () => {
  it('putFile → run → outputs, outputKinds, preview; a second run is served from the cache', async () => {
    const engine = new Engine(testRegistry);
    const ref = await engine.putFile('scan.bin', new Uint8Array([5, 6, 7]).buffer);
    expect(ref).toMatchObject({ name: 'scan.bin', size: 3 });
    expect(await engine.listFiles()).toEqual([ref]);

    const events: NodeEvent[] = [];
    const summary = await engine.run(doc(), {}, (e) => events.push(e));
    expect(summary).toMatchObject({ ok: true, cancelled: false, issues: [], failed: [] });
    expect(summary.executed.sort()).toEqual(['add', 'load']);
    expect(Object.keys(summary).sort()).toEqual(['cached', 'cancelled', 'executed', 'failed', 'files', 'issues', 'ok']);
    expect(events.filter((e) => e.status === 'done').map((e) => e.nodeId).sort()).toEqual(['add', 'load']);

    expect([...(engine.outputs('add')!.out as { y: Float64Array }).y]).toEqual([6, 7, 8]);
    expect(await engine.outputKinds('add')).toEqual({ out: 'spectrum' });
    expect(await engine.outputKinds('nope')).toEqual({});
    const p = await engine.preview({ nodeId: 'add' });
    expect(p?.type).toBe('plot');
    if (p?.type === 'plot') expect([...p.series[0].y]).toEqual([6, 7, 8]);
    expect(await engine.preview({ nodeId: 'nope' })).toBeNull();
    await expect(engine.preview({ nodeId: 'add', port: 'zzz' })).rejects.toThrow(/no output "zzz"/);

    const again = await engine.run(doc(), {}, () => {});
    expect(again.cached.sort()).toEqual(['add', 'load']);
    expect(Object.fromEntries(runs)).toEqual({ load: 1, add: 1 });

    await engine.putFile('scan.bin', new Uint8Array([1]).buffer);
    const changed = await engine.run(doc(), {}, () => {});
    expect(changed.executed.sort()).toEqual(['add', 'load']);
    expect([...(engine.outputs('add')!.out as { y: Float64Array }).y]).toEqual([2]);
  });

  it('validate parses and checks the graph, naming the problem', async () => {
    const engine = new Engine(testRegistry);
    const good = await engine.validate(JSON.stringify(doc()));
    expect(good.doc?.nodes).toHaveLength(2);
    expect(good.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const broken = wf([['add', 'test.add']]);
    const bad = await engine.validate(broken);
    expect(bad.issues.some((i) => i.nodeId === 'add' && /required input "in"/.test(i.message))).toBe(true);
    const badParam = await engine.validate(wf([['s', 'test.source', { value: 'x' }]]));
    expect(badParam.issues.filter((i) => i.nodeId === 's' && /value/.test(i.message))).toHaveLength(1);
    const notJson = await engine.validate('{ nope');
    expect(notJson.doc).toBeNull();
    expect(notJson.issues[0].severity).toBe('error');
  });

  it('refuses a second run while one is in progress; cancel resolves once stopped, then a run starts', async () => {
    const engine = new Engine(testRegistry);
    const long = wf([['long', 'test.forever']]);
    const first = engine.run(long, {}, () => {});
    expect(engine.running).toBe(true);
    const refused = await engine.run(doc(), {}, () => {});
    expect(refused.ok).toBe(false);
    expect(refused.issues[0].message).toMatch(/a run is already in progress/);
    await new Promise((r) => setTimeout(r, 40));
    await engine.cancel();
    expect(engine.running).toBe(false);
    const stopped = loops.get('long');
    expect((await first).cancelled).toBe(true);
    await new Promise((r) => setTimeout(r, 40));
    expect(loops.get('long')).toBe(stopped);
    await engine.putFile('scan.bin', new Uint8Array([1]));
    expect((await engine.run(doc(), {}, () => {})).ok).toBe(true);
    await engine.cancel(); // idle: no-op
  });

  it('keeps outputs of earlier runs for preview; drops those of failed and removed nodes', async () => {
    const engine = new Engine(testRegistry);
    const two = wf(
      [
        ['a', 'test.source', { value: 1 }],
        ['b', 'test.add'],
      ],
      ['a.out->b.in'],
    );
    await engine.run(two, {}, () => {});
    await engine.run(two, { targetNodeId: 'a' }, () => {});
    expect(engine.outputs('b')).toBeDefined();
    const failing = wf([['a', 'test.fail']]);
    await engine.run(failing, {}, () => {});
    expect(engine.outputs('a')).toBeUndefined();
    expect(engine.outputs('b')).toBeUndefined();
  });
});
