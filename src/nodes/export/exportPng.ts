/**
 * export.png: writes an image, a stack frame (or every frame) or labels as 8-bit PNG for figures.
 */
import { defineNode, NodeInputError, requireInput } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import { encodePng } from '../../ops/export/encodePng';
import { percentileRange } from '../../ops/image/percentileRange';
import { scalarToRgb8 } from '../../ops/image/scalarToRgb8';
import { labelsToRgb8 } from '../../ops/image/labelsToRgb8';
import { drawScaleBar, type ScaleBarPosition } from '../../ops/image/drawScaleBar';
import { drawColorBar } from '../../ops/image/drawColorBar';
import { exportProvenance, provenanceFile } from './exportProvenance';

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
  scaleBar: {
    type: 'boolean',
    label: 'Scale bar',
    description: 'Draw a scale bar with its length ("50 µm") into the picture, from the image\'s pixel size (its file\'s calibration) or the one given below.',
    default: false,
  },
  scaleBarPixelSize: {
    type: 'number',
    label: 'Pixel size',
    description: 'Pixel size for the scale bar when the file has no calibration (or to override it). 0: the image\'s own.',
    default: 0,
    min: 0,
  },
  scaleBarUnit: {
    type: 'string',
    label: 'Pixel size unit',
    description: 'Unit of the pixel size above (µm, nm, mm…); used only with it.',
    default: 'µm',
  },
  scaleBarLength: {
    type: 'number',
    label: 'Bar length',
    description: 'Length of the bar in the pixel-size unit of the image (e.g. µm). 0: the largest round length (1, 2 or 5 × 10ⁿ) up to a fifth of the width.',
    default: 0,
    min: 0,
  },
  scaleBarPosition: {
    type: 'enum',
    label: 'Bar position',
    description: 'Corner of the picture the bar and its label are drawn in.',
    default: 'bottom-right',
    options: [
      { value: 'bottom-right', label: 'bottom right' },
      { value: 'bottom-left', label: 'bottom left' },
      { value: 'top-right', label: 'top right' },
      { value: 'top-left', label: 'top left' },
    ],
  },
  colorBar: {
    type: 'boolean',
    label: 'Colour bar',
    description: 'Draw the colour map as a vertical bar at the right edge, labelled with the display range (scalar images; not labels).',
    default: false,
  },
  labelColor: {
    type: 'enum',
    label: 'Bar and label colour',
    description: 'Colour of the scale bar, the colour bar\'s frame and the labels: white suits dark pictures, black light ones.',
    default: 'white',
    options: [
      { value: 'white', label: 'white' },
      { value: 'black', label: 'black' },
    ],
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
    'colour per class; optionally a scale bar with its length and a colour bar with the display range drawn in (5×7 pixel font). For quantitative data use Export TIFF. ' +
    'The provenance is written beside the pictures as <name>.provenance.json.',
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
    const barPixel = p.scaleBarPixelSize > 0 ? { x: p.scaleBarPixelSize, unit: p.scaleBarUnit.trim() } : v.pixelSize;
    if (p.scaleBar && !barPixel) {
      throw new NodeInputError('scaleBarPixelSize: the image has no pixel size (its file has no calibration); give one for the scale bar, or turn the bar off');
    }
    if (p.colorBar && v.kind === 'labels') ctx.warn('colorBar: labels have classes, not a value range; no colour bar drawn');
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
    const names: string[] = [];
    for (let k = 0; k < list.length; k++) {
      const f = list[k];
      await ctx.progress(k / list.length, `frame ${f}`);
      const data = v.data.subarray(f * plane, (f + 1) * plane);
      const text = { Software: 'OperandoFlow', Source: v.meta.sources.map((s) => s.name).join(', ') };
      const { pixels, channels } = v.kind === 'labels' ? { pixels: labelsToRgb8(data), channels: 3 as const } : scalarToRgb8(data, { lo, hi, colormap: p.colormap });
      const info: Record<string, string> = v.kind === 'labels' ? { Classes: v.classes.join(', ') } : { DisplayRange: `${lo} ${hi}` };
      if (p.scaleBar && barPixel) {
        try {
          const bar = drawScaleBar(pixels, v.width, v.height, channels, {
            pixelSize: barPixel.x,
            unit: barPixel.unit,
            length: p.scaleBarLength,
            position: p.scaleBarPosition as ScaleBarPosition,
            value: p.labelColor === 'black' ? 0 : 255,
          });
          info.ScaleBar = bar.label;
        } catch (err) {
          if (err instanceof RangeError) throw new NodeInputError(`scaleBarLength: ${err.message}`);
          throw err;
        }
      }
      if (p.colorBar && v.kind !== 'labels') {
        try {
          drawColorBar(pixels, v.width, v.height, channels, { lo, hi, colormap: p.colormap, value: p.labelColor === 'black' ? 0 : 255 });
        } catch (err) {
          if (err instanceof RangeError) throw new NodeInputError(`colorBar: ${err.message}`);
          throw err;
        }
      }
      const bytes = encodePng(pixels, v.width, v.height, { channels, text: { ...text, ...info } });
      const name = p.allFrames ? `${base0}_${String(f).padStart(4, '0')}.png` : `${base0}.png`;
      names.push(name);
      ctx.emit({ name, mime: 'image/png', bytes });
    }
    ctx.emit(provenanceFile(base0, exportProvenance('image', v, { nodeType: 'export.png', typeVersion: 1, params: p }, ctx, names)));
    await ctx.progress(1);
    return {};
  },
});
