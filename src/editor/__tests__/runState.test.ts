import { describe, expect, it } from 'vitest';
import { applyNodeEvent, formatBytes, formatMs, settleRun } from '../runState';

describe('runState', () => {
  it('folds engine events into per-node state', () => {
    let s = applyNodeEvent({}, { nodeId: 'a', status: 'queued' });
    expect(s.a.status).toBe('queued');
    s = applyNodeEvent(s, { nodeId: 'a', status: 'running', progress: 1.5, message: 'frame 3' });
    expect(s.a).toEqual({ status: 'running', progress: 1, message: 'frame 3' });
    s = applyNodeEvent(s, { nodeId: 'a', status: 'running', progress: NaN });
    expect(s.a.progress).toBe(0);
    s = applyNodeEvent(s, {
      nodeId: 'a', status: 'done', ms: 12, bytes: 2048, outputs: { o: 'image 2×2 f32' }, warnings: [], backend: 'cpu',
    });
    expect(s.a).toMatchObject({ status: 'done', ms: 12, bytes: 2048 });
    s = applyNodeEvent(s, { nodeId: 'b', status: 'error', message: 'sigma: expected > 0' });
    expect(s.b).toEqual({ status: 'error', error: 'sigma: expected > 0' });
  });

  it('settleRun marks unfinished nodes cancelled (or idle) and keeps finished ones', () => {
    const s = { a: { status: 'done' as const }, b: { status: 'running' as const, progress: 0.5 }, c: { status: 'queued' as const } };
    const c = settleRun(s, true);
    expect(c).toEqual({ a: { status: 'done' }, b: { status: 'cancelled' }, c: { status: 'cancelled' } });
    expect(settleRun(s, false).b.status).toBe('idle');
    const done = { a: { status: 'done' as const } };
    expect(settleRun(done, true)).toBe(done);
  });

  it('formats sizes and times', () => {
    expect(formatBytes(12)).toBe('12 B');
    expect(formatBytes(2048)).toBe('2.0 kB');
    expect(formatBytes(3_400_000)).toBe('3.4 MB');
    expect(formatBytes(250_000_000)).toBe('250 MB');
    expect(formatMs(12.4)).toBe('12 ms');
    expect(formatMs(3400)).toBe('3.4 s');
    expect(formatMs(125_000)).toBe('2 min 5 s');
  });
});
