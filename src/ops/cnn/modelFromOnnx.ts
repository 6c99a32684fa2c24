/**
 * The bundled form of a model: a bare `.onnx` file plus its model card JSON (`public/models/
 * lrcs-nmc.onnx` + `lrcs-nmc.json`, as the training script writes them), read into a `ModelValue`.
 */
import { emptyMeta, type ModelValue } from '../../runtime/values';
import { parseModelCard } from './parseModelCard';

/** ONNX files are protobuf messages starting with field 1 (ir_version, varint): byte 0x08. */
function looksLikeOnnx(bytes: Uint8Array): boolean {
  return bytes.length > 16 && bytes[0] === 0x08;
}

/**
 * Builds a `ModelValue` from the bytes of an `.onnx` file and the text (or bytes) of its card.
 * The card's `classes` and `normalization` are required (see `parseModelCard`); the whole card
 * is kept as `card`, its `metrics` flattened. Throws a `RangeError` naming the file and field.
 */
export function modelFromOnnx(
  onnx: Uint8Array,
  cardContent: string | Uint8Array,
  onnxName = 'model.onnx',
  cardName = 'model card',
): ModelValue {
  if (!looksLikeOnnx(onnx)) {
    throw new RangeError(`${onnxName}: not an ONNX model (${onnx.length} bytes, does not start with an ONNX header); expected a .onnx file`);
  }
  const text = typeof cardContent === 'string' ? cardContent : new TextDecoder().decode(cardContent);
  let card: unknown;
  try {
    card = JSON.parse(text);
  } catch (err) {
    throw new RangeError(`${cardName}: the model card is not JSON (${(err as Error).message})`);
  }
  if (typeof card !== 'object' || card === null || Array.isArray(card)) {
    throw new RangeError(`${cardName}: the model card must be a JSON object with "classes" and "normalization"`);
  }
  const o = card as Record<string, unknown>;
  const desc = parseModelCard(o, cardName, o);
  return { kind: 'model', format: 'onnx', bytes: onnx, ...desc, name: desc.name ?? onnxName.replace(/\.onnx$/i, ''), meta: emptyMeta() };
}
