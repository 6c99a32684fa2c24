// io.load-axis-mask on the real aXis2000 mask of the ALS Fe L-edge stack (test/fixtures/io/stxm, MIT).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAxisMaskNode } from '../loadAxisMask';
import { defaultParams } from '../../../runtime/params';
import { testContext } from './imageNodeContext';

const FIX = path.resolve(__dirname, '../../../../test/fixtures/io/stxm');

describe('io.load-axis-mask', () => {
  it('io.load-axis-mask gives labels with two classes and its source', async () => {
    const ctx = testContext();
    const files = [await ctx.store.put('mask_file.msk', new Uint8Array(readFileSync(path.join(FIX, 'mask_file.msk'))))];
    const { labels } = await loadAxisMaskNode.run({}, { ...defaultParams(loadAxisMaskNode.params), files }, ctx);
    expect(labels.kind).toBe('labels');
    if (labels.kind !== 'labels') return;
    expect([labels.width, labels.height, labels.frames, ...labels.classes]).toEqual([125, 125, 1, 'outside', 'mask']);
    expect(labels.meta.attrs.maskedPixels).toBe(4374);
    expect(labels.meta.sources[0].name).toBe('mask_file.msk');
  });
});
