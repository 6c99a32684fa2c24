import { describe, expect, it } from 'vitest';
import { decode } from 'fast-png';
import { exportTiffNode } from '../exportTiff';
import { exportPngNode } from '../exportPng';
import { defaultParams } from '../../../runtime/params';
import { emptyMeta, type LabelsValue, type StackValue } from '../../../runtime/values';
import { readTiff } from '../../../ops/io/tiff/readTiff';
import { LABEL_PALETTE } from '../../../ops/image/colormaps';
import { testContext } from '../../io/__tests__/imageNodeContext';

const stack: StackValue = {
  kind: 'stack',
  frames: 2,
  width: 3,
  height: 2,
  dtype: 'f32',
  data: Float32Array.from({ length: 12 }, (_, i) => i / 2),
  frameAxis: { name: 'time', unit: 's' },
  frameCoords: new Float64Array([0, 30]),
  pixelSize: { x: 0.7, y: 0.7, unit: 'µm' },
  valueAxis: { name: 'v', unit: '' },
  meta: emptyMeta(),
};
const labels: LabelsValue = { kind: 'labels', frames: 1, width: 2, height: 1, data: new Uint8Array([0, 2]), classes: ['a', 'b', 'c'], meta: emptyMeta() };

describe('export.tiff', () => {
  it('emits a multi-page TIFF that reads back identically, with its pixel size', async () => {
    const ctx = testContext('n7');
    await exportTiffNode.run({ image: stack }, defaultParams(exportTiffNode.params), ctx);
    expect(ctx.emitted.map((f) => [f.name, f.mime])).toEqual([['n7.tif', 'image/tiff']]);
    const back = readTiff(ctx.emitted[0].bytes, 'n7.tif');
    expect([back.frames, back.dtype, back.pixelSize?.unit]).toEqual([2, 'f32', 'µm']);
    expect(Array.from(back.data)).toEqual(Array.from(stack.data));
    expect(exportTiffNode.isOutput).toBe(true);
    await expect(exportTiffNode.run({ image: stack }, { fileName: 'a/b' }, ctx)).rejects.toThrow(/fileName: expected a file name without folders/);
  });
});

describe('export.png', () => {
  const defaults = defaultParams(exportPngNode.params);
  it('a frame through min..max in gray', async () => {
    const ctx = testContext();
    await exportPngNode.run({ image: stack }, { ...defaults, fileName: 'f.png', range: 'minmax', frame: 1 }, ctx);
    const png = decode(ctx.emitted[0].bytes);
    expect([ctx.emitted[0].name, png.channels, png.width, png.height]).toEqual(['f.png', 1, 3, 2]);
    expect(Array.from(png.data)).toEqual([0, 51, 102, 153, 204, 255]);
  });
  it('all frames, one shared range, viridis RGB', async () => {
    const ctx = testContext();
    await exportPngNode.run({ image: stack }, { ...defaults, fileName: 's', range: 'manual', min: 0, max: 5.5, colormap: 'viridis', allFrames: true }, ctx);
    expect(ctx.emitted.map((f) => f.name)).toEqual(['s_0000.png', 's_0001.png']);
    const last = decode(ctx.emitted[1].bytes);
    expect(last.channels).toBe(3);
    expect(Array.from(last.data.slice(-3))).toEqual([253, 231, 37]);
  });
  it('labels get the categorical palette', async () => {
    const ctx = testContext();
    await exportPngNode.run({ image: labels }, defaults, ctx);
    expect(Array.from(decode(ctx.emitted[0].bytes).data)).toEqual([0, 0, 0, ...LABEL_PALETTE[2]]);
  });
  it('names a bad frame and a bad manual range', async () => {
    await expect(exportPngNode.run({ image: stack }, { ...defaults, frame: 2 }, testContext())).rejects.toThrow(
      'frame: expected 0..1 (the input has 2 frames), got 2',
    );
    expect(exportPngNode.check!({ ...defaults, range: 'manual', min: 2, max: 1 })).toEqual([{ param: 'max', message: 'max: expected > min (2), got 1' }]);
  });
});
