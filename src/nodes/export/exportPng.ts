/**
 * export.png: writes an image, a stack frame (or every frame) or labels as 8-bit PNG for figures.
 */
import { defineNode, NodeInputError, requireInput } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import { encodePng } from '../../ops/export/encodePng';
import { percentileRange } from '../../ops/image/percentileRange';
import { scalarToRgb8 } from '../../ops/image/scalarToRgb8';
import { labelsToRgb8 } from '../../ops/image/labelsToRgb8';

const params = defineParams({
  fileName: {
    type: 'string',
    label: 'File name',
    description: 'Name of the written file (".png" is added when missing; with all frames, _0000, _0001… before it). Empty: the node id.',
    default: '',
    pattern: '[^/\\\\]*',
    placeholder: '<node id>.png',
  },
  colormap: {
    type: 'enum',
    label: 'Colormap',
    description: 'Gray gives an 8-bit grayscale PNG; viridis and magma are perceptually uniform colour maps (RGB PNG). Labels always use a categorical palette.',
    default: 'gray',
    options: [
      { value: 'gray', label: 'gray' },
      { value: 'viridis', label: 'viridis' },
      { value: 'magma', label: 'magma' },
    ],
  },
  range: {
    type: 'enum',
    label: 'Display range',
    description: 'Values mapped to the first and last colour: robust percentiles (auto), the full min..max, or the values below.',
    default: 'auto',
    options: [
      { value: 'auto', label: 'auto (percentiles)' },
      { value: 'minmax', label: 'min..max' },
      { value: 'manual', label: 'manual' },
    ],
  },
  min: { type: 'number', label: 'Min', description: 'Manual range: value shown as the first colour.', default: 0 },
  max: { type: 'number', label: 'Max', description: 'Manual range: value shown as the last colour.', default: 1 },
  lowPercentile: {
    type: 'number',
    label: 'Low percentile',
    description: 'Auto range: lower percentile (values below clamp to the first colour).',
    default: 0.5,
    min: 0,
    max: 100,
    unit: '%',
    advanced: true,
  },
  highPercentile: {
    type: 'number',
    label: 'High percentile',
    description: 'Auto range: upper percentile (values above clamp to the last colour).',
    default: 99.5,
    min: 0,
    max: 100,
    unit: '%',
    advanced: true,
  },
  frame: {
    type: 'integer',
    label: 'Frame',
    description: 'Stacks and label stacks: the frame written (0-based), unless "All frames" is on.',
    default: 0,
    min: 0,
  },
  allFrames: {
    type: 'boolean',
    label: 'All frames',
    description: 'Write one PNG per frame (same display range for all, computed over the whole stack).',
    default: false,
  },
});

export const exportPngNode = defineNode({
  type: 'export.png',
  version: 1,
  category: 'export',
  title: 'Export PNG',
  help:
    'Writes 8-bit PNG pictures for figures: scalar images through a display range (0.5–99.5 % percentiles by default, ' +
    'as np.percentile) and a colour map (matplotlib gray/viridis/magma tables); label images with one categorical ' +
    'colour per class. For quantitative data use Export TIFF.',
  isOutput: true,
  inputs: [{ name: 'image', label: 'Image', kinds: ['image', 'stack', 'labels'], required: true }],
  outputs: [],
  params,
  check(p) {
    if (p.range === 'manual' && !(p.max > p.min)) return [{ param: 'max', message: `max: expected > min (${p.min}), got ${p.max}` }];
    if (p.highPercentile <= p.lowPercentile) {
      return [{ param: 'highPercentile', message: `highPercentile: expected > lowPercentile (${p.lowPercentile}), got ${p.highPercentile}` }];
    }
    return [];
  },
  async run(inputs, p, ctx) {
    const v = requireInput(inputs, 'image', ['image', 'stack', 'labels']);
    const frames = v.kind === 'image' ? 1 : v.frames;
    if (!p.allFrames && p.frame >= frames) {
      throw new NodeInputError(`frame: expected 0..${frames - 1} (the input has ${frames} frames), got ${p.frame}`);
    }
    if (p.range === 'manual' && !(p.max > p.min)) throw new NodeInputError(`max: expected > min (${p.min}), got ${p.max}`);
    const base0 = (p.fileName.trim() || ctx.nodeId).replace(/\.png$/i, '');
    if (/[/\\]/.test(base0)) throw new NodeInputError(`fileName: expected a file name without folders, got "${p.fileName}"`);
    const plane = v.width * v.height;
    const list = p.allFrames ? Array.from({ length: frames }, (_, i) => i) : [p.frame];
    const span = p.allFrames ? v.data : v.data.subarray(p.frame * plane, (p.frame + 1) * plane);

    let lo = 0;
    let hi = 1;
    if (v.kind !== 'labels') {
      try {
        if (p.range === 'manual') [lo, hi] = [p.min, p.max];
        else if (p.range === 'minmax') [lo, hi] = percentileRange(span, { low: 0, high: 100 });
        else [lo, hi] = percentileRange(span, { low: p.lowPercentile, high: p.highPercentile });
      } catch (err) {
        if (err instanceof RangeError) throw new NodeInputError(err.message);
        throw err;
      }
    }
    for (let k = 0; k < list.length; k++) {
      const f = list[k];
      await ctx.progress(k / list.length, `frame ${f}`);
      const data = v.data.subarray(f * plane, (f + 1) * plane);
      const text = { Software: 'OperandoFlow', Source: v.meta.sources.map((s) => s.name).join(', ') };
      let bytes: Uint8Array;
      if (v.kind === 'labels') {
        bytes = encodePng(labelsToRgb8(data), v.width, v.height, { channels: 3, text: { ...text, Classes: v.classes.join(', ') } });
      } else {
        const { pixels, channels } = scalarToRgb8(data, { lo, hi, colormap: p.colormap });
        bytes = encodePng(pixels, v.width, v.height, { channels, text: { ...text, DisplayRange: `${lo} ${hi}` } });
      }
      const name = p.allFrames ? `${base0}_${String(f).padStart(4, '0')}.png` : `${base0}.png`;
      ctx.emit({ name, mime: 'image/png', bytes });
    }
    await ctx.progress(1);
    return {};
  },
});
