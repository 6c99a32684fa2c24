/**
 * The bytes of a TF.js model inside a `ModelValue` (format 'tfjs') and a `.ofmodel.json` file:
 * the layers model's artefacts (topology JSON + weight specs) and its weights in one buffer.
 *
 * Layout: 8 bytes magic `OFTFJS01`, a little-endian uint32 n, n bytes of UTF-8 JSON
 * `{ modelTopology, weightSpecs, format, generatedBy, convertedBy }`, then the weight data (the
 * concatenated little-endian float32 tensors, in `weightSpecs` order) up to the end.
 * `decodeTfjsArtifacts(await encodeTfjsArtifacts(m))` loads back (`tf.io.fromMemory`) a model
 * that predicts exactly what `m` does.
 */
import * as tf from '@tensorflow/tfjs';

const MAGIC = 'OFTFJS01';

/** Serialises a layers model into one byte array. */
export async function encodeTfjsArtifacts(model: tf.LayersModel): Promise<Uint8Array> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!saved) throw new Error('TF.js model.save gave no artefacts');
  const header = new TextEncoder().encode(
    JSON.stringify({
      modelTopology: saved.modelTopology,
      weightSpecs: saved.weightSpecs ?? [],
      format: saved.format,
      generatedBy: saved.generatedBy,
      convertedBy: saved.convertedBy,
    }),
  );
  const parts: ArrayBuffer[] = saved.weightData === undefined ? [] : Array.isArray(saved.weightData) ? saved.weightData : [saved.weightData];
  const weightBytes = parts.reduce((n, b) => n + b.byteLength, 0);
  const out = new Uint8Array(8 + 4 + header.byteLength + weightBytes);
  for (let i = 0; i < 8; i++) out[i] = MAGIC.charCodeAt(i);
  new DataView(out.buffer).setUint32(8, header.byteLength, true);
  out.set(header, 12);
  let at = 12 + header.byteLength;
  for (const b of parts) {
    out.set(new Uint8Array(b), at);
    at += b.byteLength;
  }
  return out;
}

/**
 * Reads the bytes written by `encodeTfjsArtifacts` back into TF.js model artefacts (load them with
 * `tf.loadLayersModel(tf.io.fromMemory(artifacts))`). Throws a `RangeError` saying what is wrong
 * with bytes that are not such a bundle (wrong magic, truncated header, weight size mismatch).
 */
export function decodeTfjsArtifacts(bytes: Uint8Array): tf.io.ModelArtifacts {
  if (bytes.byteLength < 12 || String.fromCharCode(...bytes.subarray(0, 8)) !== MAGIC)
    throw new RangeError(`model bytes: not a TF.js bundle written by OperandoFlow (expected the magic "${MAGIC}" at the start)`);
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  if (12 + n > bytes.byteLength)
    throw new RangeError(`model bytes: header of ${n} bytes runs past the end (${bytes.byteLength} bytes); the file is truncated`);
  let header: { modelTopology: object; weightSpecs: tf.io.WeightsManifestEntry[]; format?: string; generatedBy?: string; convertedBy?: string | null };
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + n)));
  } catch (err) {
    throw new RangeError(`model bytes: header is not JSON (${(err as Error).message})`);
  }
  const expected = header.weightSpecs.reduce((acc, s) => acc + s.shape.reduce((a, b) => a * b, 1) * 4, 0);
  const weights = bytes.slice(12 + n); // a fresh ArrayBuffer, as tf.io expects
  if (weights.byteLength !== expected)
    throw new RangeError(`model bytes: ${weights.byteLength} bytes of weights, expected ${expected} from the weight specs; the file is truncated or corrupt`);
  return {
    modelTopology: header.modelTopology,
    weightSpecs: header.weightSpecs,
    weightData: weights.buffer,
    format: header.format,
    generatedBy: header.generatedBy,
    convertedBy: header.convertedBy ?? undefined,
  };
}
