import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NodeEvent, Preview } from '../../engineApi';
import { defineNode } from '../../nodeDefinition';
import { makeRegistry } from '../../registryTypes';
import { MemoryFileStore } from '../../files/memoryFileStore';
import { executeWorkflow } from '../executeWorkflow';
import { createRunContext } from '../runContext';
import { spectrum, wf } from './fakeNodes';

const plot = (n: number): Preview => ({
  type: 'plot',
  xAxis: { name: 'epoch', unit: '' },
  yAxis: { name: 'loss', unit: '' },
  series: [{ label: 'loss', x: Float64Array.of(n), y: Float64Array.of(1 / (n + 1)) }],
});

/** Sends `count` live previews, one per "step", awaiting progress in between; emits a file midway. */
const liveNode = defineNode({
  type: 'test.live',
  version: 1,
  category: 'segment',
  title: 'Live',
  help: 'Sends live previews.',
  inputs: [],
  outputs: [{ name: 'out', label: 'Out', kinds: ['spectrum'] }],
  params: { count: { type: 'integer', label: 'Count', description: 'previews', default: 5 } },
  async run(_i, p, ctx) {
    for (let k = 0; k < p.count; k++) {
      ctx.livePreview?.(plot(k));
      if (k === 2) ctx.emit({ name: 'best.bin', mime: 'application/octet-stream', bytes: Uint8Array.of(k) });
      await ctx.progress((k + 1) / p.count);
      await new Promise((r) => setTimeout(r, 1));
    }
    return { out: spectrum([1, 2]) };
  },
});
const registry = makeRegistry([liveNode]);

afterEach(() => vi.useRealTimers());

describe('RunContext.livePreview', () => {
  it('throttles to one per 250 ms, delivers the latest one late, and drops a pending one on close', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const got: number[] = [];
    const ctx = createRunContext({
      nodeId: 'n',
      signal: new AbortController().signal,
      files: new MemoryFileStore(),
      clock: { last: 0, everyMs: 30 },
      eventEveryMs: 50,
      onProgress: () => {},
      onLive: (p) => got.push((p as Extract<Preview, { type: 'plot' }>).series[0].x[0]),
    });
    for (let k = 0; k < 100; k++) {
      ctx.livePreview!(plot(k)); // one preview every 10 ms for 1 s
      vi.advanceTimersByTime(10);
    }
    // t = 0 sent at once, then one per 250 ms (t = 250, 500, 750, 1000), each the latest sent
    // before that moment (preview k is sent at t = 10·k)
    expect(got).toEqual([0, 24, 49, 74, 99]);
    vi.advanceTimersByTime(1000);
    expect(got).toEqual([0, 24, 49, 74, 99]);
    ctx.livePreview!(plot(100)); // 1 s after the last: sent at once
    ctx.livePreview!(plot(101)); // within 250 ms of it: pending …
    ctx.closeLive(); // … and dropped when the node ends
    vi.advanceTimersByTime(1000);
    expect(got).toEqual([0, 24, 49, 74, 99, 100]);
  });
  it('emit under an existing name replaces the earlier file', () => {
    const ctx = createRunContext({ nodeId: 'n', signal: new AbortController().signal, files: new MemoryFileStore(), clock: { last: 0, everyMs: 30 }, eventEveryMs: 50, onProgress: () => {} });
    ctx.emit({ name: 'a.bin', mime: 'x', bytes: Uint8Array.of(1) });
    ctx.emit({ name: 'b.bin', mime: 'x', bytes: Uint8Array.of(2) });
    ctx.emit({ name: 'a.bin', mime: 'x', bytes: Uint8Array.of(3) });
    expect(ctx.emitted.map((f) => [f.name, f.bytes[0]])).toEqual([['a.bin', 3], ['b.bin', 2]]);
  });
});

describe('executeWorkflow: live events', () => {
  it('arrive as { status: "live", preview } while the node runs, never after it is done', async () => {
    const events: NodeEvent[] = [];
    const res = await executeWorkflow(wf([['a', 'test.live', { count: 3 }]]), registry, { files: new MemoryFileStore(), onEvent: (e) => events.push(e) });
    expect(res.ok).toBe(true);
    const statuses = events.map((e) => e.status);
    const firstLive = statuses.indexOf('live');
    expect(firstLive).toBeGreaterThan(statuses.indexOf('running'));
    expect(statuses.lastIndexOf('live')).toBeLessThan(statuses.indexOf('done'));
    const live = events.find((e) => e.status === 'live') as Extract<NodeEvent, { status: 'live' }>;
    expect(live.nodeId).toBe('a');
    expect(live.preview.type).toBe('plot');
  });
  it('a cancelled node still delivers the files it emitted before the cancel', async () => {
    const ctrl = new AbortController();
    const res = await executeWorkflow(wf([['a', 'test.live', { count: 100000 }]]), registry, {
      files: new MemoryFileStore(),
      signal: ctrl.signal,
      onEvent: (e) => {
        if (e.status === 'running' && e.progress > 5 / 100000) ctrl.abort();
      },
    });
    expect(res.cancelled).toBe(true);
    expect(res.files.map((f) => [f.nodeId, f.file.name])).toEqual([['a', 'best.bin']]);
  });
});
