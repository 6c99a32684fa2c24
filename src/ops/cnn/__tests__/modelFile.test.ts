import { describe, expect, it } from 'vitest';
import { decodeModelFile, encodeModelFile } from '../modelFile';
import { modelFromOnnx } from '../modelFromOnnx';
import { emptyMeta, type ModelValue } from '../../../runtime/values';

function model(bytes: Uint8Array): ModelValue {
  return {
    kind: 'model',
    format: 'onnx',
    bytes,
    name: 'test net',
    inputShape: [-1, 1, -1, -1],
    classes: ['pore', 'carbon-binder', 'NMC'],
    normalization: { method: 'affine', scale: 0.001, offset: -0.5 },
    metrics: { 'iou.pore': 0.91, accuracy: 0.95 },
    multipleOf: 8,
    card: { trainedOn: ['1.tif', '100.tif'], epochs: 3 },
    meta: emptyMeta(),
  };
}

describe('encodeModelFile / decodeModelFile', () => {
  it('round-trips every field and every byte value, for lengths that are and are not multiples of 3 and span chunks', () => {
    for (const n of [17, 18, 19, 0x6000 * 2 + 1, 100_000]) {
      const bytes = new Uint8Array(n);
      for (let i = 0; i < n; i++) bytes[i] = (i * 131 + (i >> 8)) & 255;
      const m = model(bytes);
      const text = encodeModelFile(m);
      const back = decodeModelFile(text, 'x.ofmodel.json');
      expect(back.bytes).toEqual(bytes);
      const { bytes: _a, meta: _b, ...rest } = back;
      const { bytes: _c, meta: _d, ...want } = m;
      expect(rest).toEqual(want);
      // also from bytes (as a FileProvider gives them)
      expect(decodeModelFile(new TextEncoder().encode(text), 'x.ofmodel.json').bytes).toEqual(bytes);
    }
  });

  it('writes the documented JSON keys, base64 as btoa gives it, multipleOf 8 when absent', () => {
    const m = { ...model(new Uint8Array([0, 1, 2, 250, 255])), multipleOf: undefined, card: undefined };
    const o = JSON.parse(encodeModelFile(m)) as Record<string, unknown>;
    expect(Object.keys(o)).toEqual([
      'operandoFlowModel', 'format', 'name', 'classes', 'inputShape', 'multipleOf', 'normalization', 'metrics', 'card', 'bytesBase64',
    ]);
    expect(o.operandoFlowModel).toBe(1);
    expect(o.multipleOf).toBe(8);
    expect(o.card).toEqual({});
    expect(o.bytesBase64).toBe(Buffer.from([0, 1, 2, 250, 255]).toString('base64'));
  });

  it('names the file and the field for bad files', () => {
    const good = JSON.parse(encodeModelFile(model(new Uint8Array(20).fill(8)))) as Record<string, unknown>;
    const bad = (patch: Record<string, unknown>) => JSON.stringify({ ...good, ...patch });
    expect(() => decodeModelFile('{oops', 'm.ofmodel.json')).toThrow(/m\.ofmodel\.json: not a JSON model file/);
    expect(() => decodeModelFile('{"a":1}', 'm.ofmodel.json')).toThrow(/not an OperandoFlow model file/);
    expect(() => decodeModelFile(bad({ operandoFlowModel: 2 }), 'm.ofmodel.json')).toThrow(/"operandoFlowModel" = 2, expected 1/);
    expect(() => decodeModelFile(bad({ format: 'keras' }), 'm')).toThrow(/"format" = "keras", expected "onnx" or "tfjs"/);
    expect(() => decodeModelFile(bad({ bytesBase64: '' }), 'm')).toThrow(/"bytesBase64" is missing or empty/);
    expect(() => decodeModelFile(bad({ bytesBase64: '@@@' }), 'm')).toThrow(/not valid base64/);
    expect(() => decodeModelFile(bad({ classes: ['one'] }), 'm')).toThrow(/"classes" = \["one"\], expected a list of 2 to 256/);
    expect(() => decodeModelFile(bad({ normalization: { method: 'minmax' } }), 'm')).toThrow(/"normalization" = .*expected \{"method": "zscore"\}/);
    expect(() => decodeModelFile(bad({ normalization: { method: 'affine', scale: 0, offset: 0 } }), 'm')).toThrow(/scale" \(≠ 0\)/);
    expect(() => decodeModelFile(bad({ multipleOf: 0 }), 'm')).toThrow(/"multipleOf" = 0/);
    expect(() => decodeModelFile(bad({ inputShape: [1, 1.5] }), 'm')).toThrow(/"inputShape" has dimension 1.5/);
  });
});

describe('modelFromOnnx', () => {
  const onnx = new Uint8Array(64).fill(1);
  onnx[0] = 0x08;
  it('reads the card: symbolic dims → -1, nested metrics flattened, defaults, whole card kept', () => {
    const card = {
      name: 'LRCS-Net NMC',
      classes: ['pore', 'CBD', 'NMC'],
      inputShape: ['N', 1, 'H', 'W'],
      normalization: { method: 'zscore' },
      metrics: { iou: { pore: 0.9, CBD: 0.6 }, accuracy: 0.93, note: 'text is skipped' },
      trainSlices: [1, 100],
    };
    const m = modelFromOnnx(onnx, JSON.stringify(card), 'lrcs-nmc.onnx', 'lrcs-nmc.json');
    expect(m.format).toBe('onnx');
    expect(m.bytes).toBe(onnx);
    expect(m.name).toBe('LRCS-Net NMC');
    expect(m.inputShape).toEqual([-1, 1, -1, -1]);
    expect(m.multipleOf).toBe(8);
    expect(m.metrics).toEqual({ 'iou.pore': 0.9, 'iou.CBD': 0.6, accuracy: 0.93 });
    expect(m.card).toEqual(card);
    const { name: _n, ...noName } = card;
    expect(modelFromOnnx(onnx, JSON.stringify(noName), 'lrcs-nmc.onnx').name).toBe('lrcs-nmc');
  });
  it('refuses a file that is not ONNX and a card that is not a card', () => {
    const card = JSON.stringify({ classes: ['a', 'b'], normalization: { method: 'zscore' } });
    expect(() => modelFromOnnx(new TextEncoder().encode('{"not": "onnx", "padding": 0000}'), card, 'x.onnx')).toThrow(/x\.onnx: not an ONNX model/);
    expect(() => modelFromOnnx(onnx, 'nope', 'x.onnx', 'x.json')).toThrow(/x\.json: the model card is not JSON/);
    expect(() => modelFromOnnx(onnx, '[1]', 'x.onnx', 'x.json')).toThrow(/x\.json: the model card must be a JSON object/);
    expect(() => modelFromOnnx(onnx, '{"classes": ["a", "b"]}', 'x.onnx', 'x.json')).toThrow(/x\.json: "normalization" = undefined/);
  });
});
