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
    expect(ctx.emitted.map((f) => [f.name, f.mime])).toEqual([
      ['n7.tif', 'image/tiff'],
      ['n7.provenance.json', 'application/json'],
    ]);
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
    expect(ctx.emitted.map((f) => f.name)).toEqual(['s_0000.png', 's_0001.png', 's.provenance.json']);
    expect(JSON.parse(new TextDecoder().decode(ctx.emitted[2].bytes)).files).toEqual(['s_0000.png', 's_0001.png']);
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

describe('export.png scale bar', () => {
  const defaults = defaultParams(exportPngNode.params);
  const dark: StackValue = { ...stack, frames: 1, width: 100, height: 60, data: new Float32Array(6000), frameCoords: new Float64Array([0]) };
  it('draws the bar into the written pixels and names it in the PNG text', async () => {
    const ctx = testContext();
    await exportPngNode.run({ image: dark }, { ...defaults, fileName: 'bar', range: 'manual', min: 0, max: 1, scaleBar: true, scaleBarLength: 14 }, ctx);
    const png = decode(ctx.emitted[0].bytes);
    // 14 µm at 0.7 µm/px = 20 px, bottom-right inside a 2 px margin (4 % of 60), 2 px thick
    const row = Array.from(png.data.subarray(56 * 100, 57 * 100));
    expect(row.slice(77, 100)).toEqual([0, ...Array(20).fill(255), 0, 0]);
    expect((png.text as Record<string, string>).ScaleBar).toBe('14 µm');
  });
  it('names a missing pixel size and a bar that does not fit', async () => {
    const noSize = { ...stack, pixelSize: undefined };
    await expect(exportPngNode.run({ image: noSize }, { ...defaults, scaleBar: true }, testContext())).rejects.toThrow(/scaleBarPixelSize: the image has no pixel size/);
    const ctx = testContext();
    await exportPngNode.run({ image: { ...dark, pixelSize: undefined } }, { ...defaults, scaleBar: true, scaleBarPixelSize: 2, scaleBarUnit: 'nm' }, ctx);
    expect((decode(ctx.emitted[0].bytes).text as Record<string, string>).ScaleBar).toBe('20 nm'); // 100 px / 5 × 2 nm = 40 → 20
    await expect(exportPngNode.run({ image: dark }, { ...defaults, scaleBar: true, scaleBarLength: 100 }, testContext())).rejects.toThrow(
      'scaleBarLength: scale bar: 100 µm is 143 px at 0.7 µm/px, expected 1..96 px (the image width inside the margins)',
    );
  });
});

describe('export.png colour bar', () => {
  it('draws the colour map at the right edge of a scalar picture; warns for labels', async () => {
    const ramp: StackValue = { ...stack, frames: 1, width: 100, height: 100, data: Float32Array.from({ length: 10000 }, (_, i) => i % 100), frameCoords: new Float64Array([0]) };
    const ctx = testContext();
    await exportPngNode.run({ image: ramp }, { ...defaultParams(exportPngNode.params), range: 'manual', min: 0, max: 99, colormap: 'magma', colorBar: true }, ctx);
    const png = decode(ctx.emitted[0].bytes);
    const rgb = (x: number, y: number) => Array.from(png.data.subarray((y * 100 + x) * 3, (y * 100 + x) * 3 + 3));
    // the bar (x 92..95, y 30..69): magma's last colour on top, first at the bottom
    expect(rgb(93, 30)).toEqual(rgb(99, 0));
    expect(rgb(93, 69)).toEqual(rgb(0, 0));
    expect(rgb(93, 69)).not.toEqual(rgb(93, 68 - 20));
    const lab = testContext();
    await exportPngNode.run({ image: labels }, { ...defaultParams(exportPngNode.params), colorBar: true }, lab);
    expect(lab.warnings).toEqual(['colorBar: labels have classes, not a value range; no colour bar drawn']);
  });
});
