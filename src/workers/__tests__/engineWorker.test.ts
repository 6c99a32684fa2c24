import { afterAll, describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { NodeEvent } from '../../runtime/engineApi';
import { wf } from '../../runtime/executor/__tests__/fakeNodes';
import { putFileTransfer, wrapEngineEndpoint } from '../engineClient';

// The worker runs TypeScript through tsx's loader (registered inside the thread, as `--import tsx`
// in execArgv is not applied to a worker's entry module on Node 20), as the real one runs through Vite.
// (An eval'd worker resolves the bare 'tsx/esm/api' from the working directory: the repository root.)
const entry = new URL('./nodeEngineWorker.ts', import.meta.url).href;
const worker = new Worker(
  `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`,
  { eval: true },
);
const client = wrapEngineEndpoint(nodeEndpoint(worker), () => void worker.terminate());
afterAll(() => client.terminate());

describe('engine over Comlink (worker_threads)', () => {
  it('transfers a file in, runs with proxied events, transfers a preview back', async () => {
    const buffer = new Uint8Array([3, 1, 4, 1, 5]).buffer;
    const ref = await putFileTransfer(client.api, 'pi.bin', buffer);
    expect(ref).toMatchObject({ name: 'pi.bin', size: 5 });
    expect(buffer.byteLength).toBe(0); // moved, not copied
    expect(await client.api.listFiles()).toEqual([ref]);

    const doc = wf(
      [
        ['load', 'test.load', { files: [{ name: 'pi.bin' }] }],
        ['slow', 'test.slow', { steps: 3 }],
      ],
      ['load.out->slow.in'],
    );
    const events: NodeEvent[] = [];
    const summary = await client.api.run(doc, {}, (e) => events.push(e));
    expect(summary.ok).toBe(true);
    expect(summary.executed.sort()).toEqual(['load', 'slow']);
    // Events are messages: wait for the last ones to arrive.
    for (let i = 0; i < 50 && !events.some((e) => e.nodeId === 'slow' && e.status === 'done'); i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(events.filter((e) => e.nodeId === 'slow').map((e) => e.status)).toContain('running');
    expect(events.find((e) => e.nodeId === 'slow' && e.status === 'done')).toMatchObject({ outputs: { out: 'spectrum 5 pts' } });

    const p = await client.api.preview({ nodeId: 'slow' });
    if (p?.type !== 'plot') throw new Error('expected a plot');
    expect([...p.series[0].y]).toEqual([3, 1, 4, 1, 5]);
    // The engine's value is intact after the transfer: a second preview gives the same.
    const p2 = await client.api.preview({ nodeId: 'slow' });
    expect(p2?.type === 'plot' && [...p2.series[0].y]).toEqual([3, 1, 4, 1, 5]);
    expect(await client.api.outputKinds('load')).toEqual({ out: 'spectrum' });
  });

  it('cancel reaches the worker while a node runs', async () => {
    const events: NodeEvent[] = [];
    const running = client.api.run(wf([['long', 'test.forever']]), {}, (e) => events.push(e));
    for (let i = 0; i < 100 && !events.some((e) => e.status === 'running'); i++) await new Promise((r) => setTimeout(r, 10));
    await client.api.cancel();
    const summary = await running;
    expect(summary.cancelled).toBe(true);
  });

  it('validate reports problems across the boundary', async () => {
    const { doc, issues } = await client.api.validate(wf([['a', 'test.add']]));
    expect(doc).not.toBeNull();
    expect(issues.some((i) => i.nodeId === 'a' && i.severity === 'error')).toBe(true);
  });
});
