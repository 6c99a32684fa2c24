/**
 * The values that travel on the edges of a workflow graph.
 *
 * Every value is a plain object of typed arrays and small metadata: it can be transferred or shared
 * between threads without structured-cloning big arrays per node (arrays may live in
 * SharedArrayBuffers, see `alloc.ts`). Values are immutable once a node has returned them: the
 * executor caches them and hands the same object to every downstream node.
 */

export const VALUE_KINDS = [
  'spectrum',
  'spectra',
  'image',
  'stack',
  'labels',
  'table',
  'bands',
  'model',
] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

/** A named physical axis: `{ name: 'energy', unit: 'eV' }`, `{ name: 'time', unit: 's' }`. */
export interface AxisInfo {
  name: string;
  unit: string;
}

/** One step of processing history: which node, of which type and version, with which params. */
export interface ProvenanceStep {
  nodeId: string;
  nodeType: string;
  typeVersion: number;
  params: Record<string, unknown>;
}

/**
 * A data file a value was read from. `sha256` is hex of the file's bytes; a file over 256 MiB has
 * `sampledSha256` (of its size and samples, see runtime/files/sampledSha256.ts) instead, with
 * `identity` saying so and `lastModified` (ms since 1970) where known.
 */
export interface SourceFile {
  name: string;
  sha256?: string;
  sampledSha256?: string;
  identity?: string;
  lastModified?: number;
  size?: number;
}

/** Provenance and descriptive metadata carried by every value. */
export interface ValueMeta {
  /** Files this value derives from (accumulated through the graph). */
  sources: SourceFile[];
  /** Node chain that produced this value, oldest first. */
  history: ProvenanceStep[];
  /** ISO 8601 absolute time of t = 0 for any time axis/coordinate in this value, when known. */
  timeOrigin?: string;
  /** Free key/value metadata read from the file headers (instrument, edge, …). */
  attrs: Record<string, string | number | boolean | null>;
}

export type PixelArray = Uint8Array | Uint16Array | Float32Array;
export type PixelDType = 'u8' | 'u16' | 'f32';

/** One 1-D measurement: a XANES scan, a diffractogram, an NMR spectrum. */
export interface SpectrumValue {
  kind: 'spectrum';
  x: Float64Array;
  y: Float64Array;
  xAxis: AxisInfo;
  yAxis: AxisInfo;
  meta: ValueMeta;
}

/**
 * A series of spectra on a shared x axis (operando XANES/XRD). `y` is row-major
 * `frames × points`; `time[i]` is seconds since `meta.timeOrigin` (or since the first frame
 * when no absolute time is known).
 */
export interface SpectraValue {
  kind: 'spectra';
  x: Float64Array;
  y: Float64Array;
  frames: number;
  points: number;
  time: Float64Array;
  /** One label per frame (usually the file name). */
  frameLabels: string[];
  xAxis: AxisInfo;
  yAxis: AxisInfo;
  meta: ValueMeta;
}

export interface PixelSize {
  x: number;
  y: number;
  unit: string;
}

/** A 2-D image, row-major `height × width`. */
export interface ImageValue {
  kind: 'image';
  width: number;
  height: number;
  dtype: PixelDType;
  data: PixelArray;
  pixelSize?: PixelSize;
  /** What a pixel value means, e.g. `{ name: 'attenuation', unit: '' }`. */
  valueAxis: AxisInfo;
  meta: ValueMeta;
}

/**
 * A stack of frames, row-major `frames × height × width`. `frameAxis` says what the first axis
 * is (z slices, time, energy) and `frameCoords` gives its coordinate per frame.
 */
export interface StackValue {
  kind: 'stack';
  frames: number;
  width: number;
  height: number;
  dtype: PixelDType;
  data: PixelArray;
  frameAxis: AxisInfo;
  frameCoords: Float64Array;
  pixelSize?: PixelSize;
  valueAxis: AxisInfo;
  meta: ValueMeta;
}

/** Integer class image (frames = 1 for a 2-D result) with one name per class index. */
export interface LabelsValue {
  kind: 'labels';
  frames: number;
  width: number;
  height: number;
  data: Uint8Array | Uint16Array;
  classes: string[];
  pixelSize?: PixelSize;
  meta: ValueMeta;
}

export interface NumericColumn {
  name: string;
  unit: string;
  data: Float64Array;
}
export interface TextColumn {
  name: string;
  unit: '';
  text: string[];
}
export type TableColumn = NumericColumn | TextColumn;

/** Named columns of equal length (electrochemistry, per-frame metrics, shifts). */
export interface TableValue {
  kind: 'table';
  rows: number;
  columns: TableColumn[];
  meta: ValueMeta;
}

/** Multiscale decomposition: one low-frequency band and high-frequency bands per scale/direction. */
export interface BandsValue {
  kind: 'bands';
  width: number;
  height: number;
  low: Float32Array;
  high: { scale: number; direction: number; data: Float32Array }[];
  meta: ValueMeta;
}

/** A trained network with what is needed to use it correctly. */
export interface ModelValue {
  kind: 'model';
  format: 'onnx' | 'tfjs';
  bytes: Uint8Array;
  name: string;
  inputShape: number[];
  classes: string[];
  /**
   * How raw pixel values become network input: `affine` x·scale + offset (SegmentPy's fixed input
   * scaling), or `zscore` per image (x − mean) / std, robust to slices with different value ranges.
   */
  normalization: { method: 'affine'; scale: number; offset: number } | { method: 'zscore' };
  metrics: Record<string, number>;
  /** Input height and width must be multiples of this (2^pooling levels; 8 for LRCS-Net/U-Net). Absent: 8. */
  multipleOf?: number;
  /** The model card (training data, split, per-phase IoU, …) as read from the model file, kept for export. */
  card?: Record<string, unknown>;
  meta: ValueMeta;
}

export type Value =
  | SpectrumValue
  | SpectraValue
  | ImageValue
  | StackValue
  | LabelsValue
  | TableValue
  | BandsValue
  | ModelValue;

export type ValueOfKind<K extends ValueKind> = Extract<Value, { kind: K }>;

/** Fresh, empty metadata. */
export function emptyMeta(): ValueMeta {
  return { sources: [], history: [], attrs: {} };
}

/** Metadata of an output derived from several inputs: sources and history merged, attrs of the first. */
export function deriveMeta(...inputs: ValueMeta[]): ValueMeta {
  const sources: SourceFile[] = [];
  const seen = new Set<string>();
  const history: ProvenanceStep[] = [];
  const seenSteps = new Set<string>();
  for (const m of inputs) {
    for (const s of m.sources) {
      const k = `${s.name}|${s.sha256 ?? s.sampledSha256 ?? ''}`;
      if (!seen.has(k)) {
        seen.add(k);
        sources.push(s);
      }
    }
    for (const h of m.history) {
      if (!seenSteps.has(h.nodeId)) {
        seenSteps.add(h.nodeId);
        history.push(h);
      }
    }
  }
  const first = inputs[0];
  return {
    sources,
    history,
    timeOrigin: first?.timeOrigin,
    attrs: { ...(first?.attrs ?? {}) },
  };
}

/** Bytes held by a value's arrays (for output-size events and cache accounting). */
export function valueByteSize(v: Value): number {
  switch (v.kind) {
    case 'spectrum':
      return v.x.byteLength + v.y.byteLength;
    case 'spectra':
      return v.x.byteLength + v.y.byteLength + v.time.byteLength;
    case 'image':
    case 'stack':
    case 'labels':
      return v.data.byteLength;
    case 'table':
      return v.columns.reduce((n, c) => n + ('data' in c ? c.data.byteLength : c.text.length * 16), 0);
    case 'bands':
      return v.low.byteLength + v.high.reduce((n, b) => n + b.data.byteLength, 0);
    case 'model':
      return v.bytes.byteLength;
  }
}

/** `, frame 0 of 2400` when a loader read only some frames of a file (attrs `framesInFile`, `firstFrame`). */
function partOfFile(v: StackValue): string {
  const { framesInFile: n, firstFrame: f } = v.meta.attrs;
  if (typeof n !== 'number' || typeof f !== 'number' || n <= v.frames) return '';
  return v.frames === 1 ? `, frame ${f} of ${n}` : `, frames ${f}–${f + v.frames - 1} of ${n}`;
}

/** Short human description: `image 512×512 f32`, `spectra 58×300`. */
export function describeValue(v: Value): string {
  switch (v.kind) {
    case 'spectrum':
      return `spectrum ${v.x.length} pts`;
    case 'spectra':
      return `spectra ${v.frames}×${v.points}`;
    case 'image':
      return `image ${v.width}×${v.height} ${v.dtype}`;
    case 'stack':
      return `stack ${v.frames}×${v.height}×${v.width} ${v.dtype}${partOfFile(v)}`;
    case 'labels':
      return `labels ${v.frames > 1 ? `${v.frames}×` : ''}${v.height}×${v.width}, ${v.classes.length} classes`;
    case 'table':
      return `table ${v.rows}×${v.columns.length}`;
    case 'bands':
      return `bands ${v.height}×${v.width}, ${v.high.length} high`;
    case 'model':
      return `model ${v.name}`;
  }
}
