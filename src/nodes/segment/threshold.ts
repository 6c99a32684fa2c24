/**
 * segment.threshold: Otsu or multi-Otsu thresholds of an image or a whole stack, and the label
 * image they define.
 */
import { defineNode, NodeInputError, requireInput } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import { deriveMeta, type LabelsValue, type TableValue } from '../../runtime/values';
import { thresholdOtsu } from '../../ops/image/thresholdOtsu';
import { thresholdMultiOtsu } from '../../ops/image/thresholdMultiOtsu';
import { digitize } from '../../ops/image/digitize';

const params = defineParams({
  method: {
    type: 'enum',
    label: 'Method',
    description: 'Otsu: one threshold, two classes. Multi-Otsu: several thresholds for 2 to 5 phases (e.g. pore / binder / active material).',
    default: 'otsu',
    options: [
      { value: 'otsu', label: 'Otsu', description: 'skimage.filters.threshold_otsu' },
      { value: 'multiotsu', label: 'multi-Otsu', description: 'skimage.filters.threshold_multiotsu' },
    ],
  },
  classes: {
    type: 'integer',
    label: 'Classes',
    description: 'Multi-Otsu: number of classes (phases), 2 to 5. Otsu always gives 2.',
    default: 3,
    min: 2,
    max: 5,
  },
  classNames: {
    type: 'string',
    label: 'Class names',
    description: 'Optional names of the classes from darkest to brightest, separated by commas (e.g. "pore, binder, NMC"). Empty: class 0, class 1, …',
    default: '',
    placeholder: 'class 0, class 1, …',
  },
  nbins: {
    type: 'integer',
    label: 'Histogram bins',
    description: 'Bins of the histogram for floating-point data (integer data use one bin per grey level, as scikit-image).',
    default: 256,
    min: 2,
    max: 4096,
    advanced: true,
  },
});

function classCount(p: { method: string; classes: number }): number {
  return p.method === 'otsu' ? 2 : p.classes;
}

function namesOf(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

export const thresholdNode = defineNode({
  type: 'segment.threshold',
  version: 1,
  category: 'segment',
  title: 'Threshold',
  help:
    'Splits grey levels into classes by Otsu\'s method (Otsu 1979; skimage.filters.threshold_otsu) or multi-level ' +
    'Otsu (Liao et al. 2001; skimage.filters.threshold_multiotsu), with scikit-image\'s histogram (256 bins over ' +
    '[min, max] for float data, one bin per grey level for integers). On a stack, one global set of thresholds is ' +
    'computed from all frames together, so classes mean the same in every frame. Labels follow np.digitize: a ' +
    'pixel equal to a threshold goes to the upper class.',
  inputs: [{ name: 'image', label: 'Image', kinds: ['image', 'stack'], required: true }],
  outputs: [
    { name: 'labels', label: 'Labels', kinds: ['labels'] },
    { name: 'thresholds', label: 'Thresholds', kinds: ['table'] },
  ],
  params,
  check(p) {
    const names = namesOf(p.classNames);
    const n = classCount(p);
    if (names.length > 0 && names.length !== n) {
      return [{ param: 'classNames', message: `classNames: ${names.length} names given, expected ${n} (one per class)` }];
    }
    return [];
  },
  async run(inputs, p, ctx) {
    const v = requireInput(inputs, 'image', ['image', 'stack']);
    const n = classCount(p);
    const given = namesOf(p.classNames);
    if (given.length > 0 && given.length !== n) {
      throw new NodeInputError(`classNames: ${given.length} names given, expected ${n} (one per class)`);
    }
    await ctx.progress(0, 'histogram');
    let thresholds: number[];
    try {
      if (p.method === 'otsu') thresholds = [thresholdOtsu(v.data, { nbins: p.nbins })];
      else {
        const r = thresholdMultiOtsu(v.data, { classes: p.classes, nbins: p.nbins });
        for (const note of r.notes) ctx.warn(note);
        thresholds = r.thresholds;
      }
    } catch (err) {
      if (err instanceof RangeError) throw new NodeInputError(`${v.kind}: ${err.message}`);
      throw err;
    }
    await ctx.progress(0.5, 'labelling');
    const frames = v.kind === 'stack' ? v.frames : 1;
    const labels: LabelsValue = {
      kind: 'labels',
      frames,
      width: v.width,
      height: v.height,
      data: digitize(v.data, thresholds),
      classes: given.length > 0 ? given : Array.from({ length: n }, (_, i) => `class ${i}`),
      meta: deriveMeta(v.meta),
    };
    if (v.pixelSize) labels.pixelSize = v.pixelSize;
    const table: TableValue = {
      kind: 'table',
      rows: thresholds.length,
      columns: [
        { name: 'index', unit: '', data: Float64Array.from(thresholds, (_, i) => i) },
        { name: 'threshold', unit: v.valueAxis.unit, data: Float64Array.from(thresholds) },
        { name: 'between', unit: '', text: thresholds.map((_, i) => `${labels.classes[i]} | ${labels.classes[i + 1]}`) },
      ],
      meta: deriveMeta(v.meta),
    };
    await ctx.progress(1);
    return { labels, thresholds: table };
  },
});
