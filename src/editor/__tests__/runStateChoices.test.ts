import { describe, expect, it } from 'vitest';
import { applyNodeEvent, settleRun, type RunStates } from '../runState';

describe('run state: parameter choices found by the last run', () => {
  it('the editor keeps the last choices while the node is queued and re-runs', () => {
    let s: RunStates = {};
    const choices = { column: { options: [{ value: 'a', label: 'a' }] } };
    s = applyNodeEvent(s, { nodeId: 'n', status: 'done', ms: 1, bytes: 1, outputs: {}, warnings: [], backend: 'cpu', choices });
    s = applyNodeEvent(s, { nodeId: 'n', status: 'queued' });
    s = applyNodeEvent(s, { nodeId: 'n', status: 'running', progress: 0.5 });
    expect(s.n.choices).toEqual(choices);
    s = applyNodeEvent(s, { nodeId: 'n', status: 'done', ms: 1, bytes: 1, outputs: {}, warnings: [], backend: 'cpu' });
    expect(s.n.choices).toBeUndefined();
  });
  it('survive the end of a run that left the node queued', () => {
    const choices = { column: { options: [{ value: 'a', label: 'a' }] } };
    let s: RunStates = applyNodeEvent({}, { nodeId: 'n', status: 'error', message: 'no', choices });
    expect(s.n).toMatchObject({ status: 'error', error: 'no', choices });
    s = settleRun(applyNodeEvent(s, { nodeId: 'n', status: 'queued' }), true);
    expect(s.n).toEqual({ status: 'cancelled', choices });
  });
});
