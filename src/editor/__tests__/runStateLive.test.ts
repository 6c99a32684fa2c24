import { describe, expect, it } from 'vitest';
import type { Preview } from '../../runtime/engineApi';
import { applyNodeEvent, settleRun, type RunStates } from '../runState';

const plot: Preview = { type: 'plot', xAxis: { name: 'epoch', unit: '' }, yAxis: { name: 'loss', unit: '' }, series: [] };

describe('runState: live previews', () => {
  it('a live event attaches the preview to the running node; progress keeps it; done drops it', () => {
    let s: RunStates = applyNodeEvent({}, { nodeId: 't', status: 'running', progress: 0.1 });
    s = applyNodeEvent(s, { nodeId: 't', status: 'live', preview: plot });
    expect(s.t).toMatchObject({ status: 'running', progress: 0.1, live: plot });
    s = applyNodeEvent(s, { nodeId: 't', status: 'running', progress: 0.5, message: 'epoch 2' });
    expect(s.t).toMatchObject({ status: 'running', progress: 0.5, message: 'epoch 2', live: plot });
    s = applyNodeEvent(s, { nodeId: 't', status: 'done', ms: 1, bytes: 1, outputs: {}, warnings: [], backend: 'cpu' });
    expect(s.t.live).toBeUndefined();
  });
  it('a cancelled run drops the live preview with the running state', () => {
    let s: RunStates = applyNodeEvent({}, { nodeId: 't', status: 'running', progress: 0.1 });
    s = applyNodeEvent(s, { nodeId: 't', status: 'live', preview: plot });
    expect(settleRun(s, true).t).toEqual({ status: 'cancelled' });
  });
});
