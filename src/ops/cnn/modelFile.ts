/**
 * The one model file format of OperandoFlow, shared by the studio (export / open) and the CLI:
 * `<name>.ofmodel.json`, a JSON object
 *
 * ```json
 * { "operandoFlowModel": 1, "format": "onnx" | "tfjs", "name": "...", "classes": ["pore", ...],
 *   "inputShape": [-1, 1, -1, -1], "multipleOf": 8,
 *   "normalization": { "method": "zscore" } | { "method": "affine", "scale": 0.001, "offset": 0 },
 *   "metrics": { "iou.pore": 0.91, ... }, "card": { ... }, "bytesBase64": "..." }
 * ```
 *
 * `bytesBase64` holds the network itself: the `.onnx` file for `format: "onnx"`, the TF.js
 * weights/topology bundle (as the trainer writes it) for `format: "tfjs"`. `inputShape` is the
 * network input's shape as the runtime sees it (ONNX: NCHW, `-1` for a free dimension).
 * `encodeModelFile` and `decodeModelFile` are inverse: decode(encode(m)) equals m (but `meta`).
 */
import { emptyMeta, type ModelValue } from '../../runtime/values';
import { parseModelCard, type ModelDescription } from './parseModelCard';

/** Version written in `operandoFlowModel`; files of a newer version are refused with a message. */
export const MODEL_FILE_VERSION = 1;

/** The JSON object of a `.ofmodel.json` file. */
export interface ModelFileJson extends ModelDescription {
  operandoFlowModel: number;
  format: 'onnx' | 'tfjs';
  bytesBase64: string;
}

/** Base64 of bytes, in chunks (no call-stack blow-up on models of many MB; works in Node and browsers). */
function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunk = 0x6000; // multiple of 3: chunks concatenate into one valid base64 string
  for (let i = 0; i < bytes.length; i += chunk) {
    parts.push(btoa(String.fromCharCode.apply(null, bytes.subarray(i, i + chunk) as unknown as number[])));
  }
  return parts.join('');
}

function fromBase64(text: string, where: string): Uint8Array {
  let bin: string;
  try {
    bin = atob(text);
  } catch {
    throw new RangeError(`${where}: "bytesBase64" is not valid base64`);
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * Writes a model as the text of a `.ofmodel.json` file (what the studio exports and the trainer
 * saves). `multipleOf` absent on the model is written as 8.
 */
export function encodeModelFile(model: ModelValue): string {
  const file: ModelFileJson = {
    operandoFlowModel: MODEL_FILE_VERSION,
    format: model.format,
    name: model.name,
    classes: [...model.classes],
    inputShape: [...model.inputShape],
    multipleOf: model.multipleOf ?? 8,
    normalization: { ...model.normalization },
    metrics: { ...model.metrics },
    card: model.card ?? {},
    bytesBase64: toBase64(model.bytes),
  };
  return JSON.stringify(file, null, 1);
}

/**
 * Reads the text (or bytes) of a `.ofmodel.json` file into a `ModelValue`. Throws a `RangeError`
 * naming the file and the field for anything that is not a valid model file: not JSON, not an
 * OperandoFlow model, a newer version, a missing or malformed field, empty network bytes.
 */
export function decodeModelFile(content: string | Uint8Array, fileName = 'model file'): ModelValue {
  const text = typeof content === 'string' ? content : new TextDecoder().decode(content);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new RangeError(`${fileName}: not a JSON model file (${(err as Error).message}); expected an .ofmodel.json file`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json) || !('operandoFlowModel' in json)) {
    throw new RangeError(`${fileName}: not an OperandoFlow model file; expected a JSON object with "operandoFlowModel": 1`);
  }
  const o = json as Record<string, unknown>;
  if (o.operandoFlowModel !== MODEL_FILE_VERSION) {
    throw new RangeError(
      `${fileName}: "operandoFlowModel" = ${JSON.stringify(o.operandoFlowModel)}, expected ${MODEL_FILE_VERSION} (a newer OperandoFlow may have written it)`,
    );
  }
  if (o.format !== 'onnx' && o.format !== 'tfjs') {
    throw new RangeError(`${fileName}: "format" = ${JSON.stringify(o.format)}, expected "onnx" or "tfjs"`);
  }
  if (typeof o.bytesBase64 !== 'string' || o.bytesBase64.length === 0) {
    throw new RangeError(`${fileName}: "bytesBase64" is missing or empty; expected the network's bytes in base64`);
  }
  const desc = parseModelCard(o, fileName);
  const bytes = fromBase64(o.bytesBase64, fileName);
  return { kind: 'model', format: o.format, bytes, ...desc, name: desc.name ?? fileName.replace(/\.ofmodel\.json$/i, ''), meta: emptyMeta() };
}
