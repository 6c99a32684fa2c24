import { describe, expect, it } from 'vitest';
import type { NodeEvent } from '../../engineApi';
import { defineNode, NodeInputError } from '../../nodeDefinition';
import { makeRegistry } from '../../registryTypes';
import { MemoryFileStore } from '../../files/memoryFileStore';
import { OutputCache } from '../outputCache';
import { executeWorkflow } from '../executeWorkflow';
import { spectrum, wf } from './fakeNodes';

/** Offers the columns "a", "b" for its `column` parameter, then fails when `column` is "bad". */
const chooser = defineNode({
  type: 'test.choices',
  version: 1,
  category: 'io',
  title: 'Choices',
  help: 'Offers choices.',
  inputs: [],
  outputs: [{ name: 'out', label: 'Out', kinds: ['spectrum'] }],
  params: { column: { type: 'string', label: 'Column', description: 'a column', default: '' } },
  async run(_i, p, ctx) {
    ctx.offerChoices?.('column', { options: [{ value: '', label: 'auto: a' }, { value: 'a', label: 'a' }, { value: 'b', label: 'b' }] });
    if (p.column === 'bad') throw new NodeInputError('column: "bad" is not a column');
    return { out: spectrum([1, 2]) };
  },});
const registry = makeRegistry([chooser]);
const labels = (e: NodeEvent | undefined) => (e && 'choices' in e ? e.choices?.column.options.map((o) => o.label) : undefined);

describe('RunContext.offerChoices → node events', () => {
  it('reach the done event, the cached event of a re-run, and the error event of a refused run', async () => {
    const cache = new OutputCache(1 << 20);
    const events: NodeEvent[] = [];
    const opts = { files: new MemoryFileStore(), cache, onEvent: (e: NodeEvent) => events.push(e) };
    await executeWorkflow(wf([['n', 'test.choices']]), registry, opts);
    expect(labels(events.find((e) => e.status === 'done'))).toEqual(['auto: a', 'a', 'b']);
    await executeWorkflow(wf([['n', 'test.choices']]), registry, opts);
    expect(labels(events.find((e) => e.status === 'cached'))).toEqual(['auto: a', 'a', 'b']);
    const res = await executeWorkflow(wf([['n', 'test.choices', { column: 'bad' }]]), registry, opts);
    expect(res.failed[0].message).toBe('column: "bad" is not a column');
    expect(labels(events.find((e) => e.status === 'error'))).toEqual(['auto: a', 'a', 'b']);
  });
});
