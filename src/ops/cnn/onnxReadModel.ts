/**
 * Reads the parts of an ONNX model (a protobuf `ModelProto`, onnx/onnx.proto) that an executor of
 * an inference graph needs: the opsets, the nodes with their attributes, the float32 initializers
 * (weights) and the graph's input and output names. A small wire-format reader instead of a
 * protobuf library: the ONNX schema's field numbers are stable, and this is all the studio reads.
 * Weights are views on `bytes` where the data is aligned, not copies.
 */

export interface OnnxAttribute {
  /** INT / INTS (int64 read as numbers), FLOAT / FLOATS, STRING */
  i?: number;
  ints?: number[];
  f?: number;
  floats?: number[];
  s?: string;
  /** Attribute types this reader does not decode (tensor, graph): kept so an executor can refuse them. */
  other?: boolean;
}

export interface OnnxNode {
  opType: string;
  domain: string;
  name: string;
  inputs: string[];
  outputs: string[];
  attributes: Map<string, OnnxAttribute>;
}

export interface OnnxTensor {
  dims: number[];
  /** ONNX TensorProto.DataType (1 = FLOAT). */
  dataType: number;
  /** The values when dataType is FLOAT, else null. */
  data: Float32Array | null;
}

export interface OnnxModel {
  /** Version of the default ('' / 'ai.onnx') opset. */
  opset: number;
  nodes: OnnxNode[];
  initializers: Map<string, OnnxTensor>;
  /** Graph inputs that are not initializers. */
  inputs: string[];
  outputs: string[];
}

/** Protobuf wire-format reader over one message's bytes. */
class Wire {
  pos: number;
  constructor(
    readonly buf: Uint8Array,
    start: number,
    readonly end: number,
    readonly where: string,
  ) {
    this.pos = start;
  }

  fail(what: string): never {
    throw new RangeError(`${this.where}: malformed ONNX protobuf (${what} at byte ${this.pos}); expected a valid .onnx file`);
  }

  varint(): number {
    let lo = 0;
    let shift = 0;
    let b: number;
    // The first 7 bytes (49 bits) are exact in a double; longer varints are negative int64s.
    do {
      if (this.pos >= this.end) this.fail('truncated varint');
      b = this.buf[this.pos++];
      if (shift < 49) lo += (b & 0x7f) * 2 ** shift;
      else if (shift === 49) return this.longTail(lo, b);
      shift += 7;
    } while (b & 0x80);
    return lo;
  }

  /** Finishes a varint longer than 7 bytes with BigInt and returns it as a signed int64. */
  private longTail(lo: number, b: number): number {
    let v = BigInt(lo) + (BigInt(b & 0x7f) << 49n);
    let shift = 56n;
    while (b & 0x80) {
      if (this.pos >= this.end || shift > 63n) this.fail('varint longer than 10 bytes');
      b = this.buf[this.pos++];
      v += BigInt(b & 0x7f) << shift;
      shift += 7n;
    }
    return Number(BigInt.asIntN(64, v));
  }

  /** Length-delimited field: returns [start, end) and skips it. */
  span(): [number, number] {
    const n = this.varint();
    const s = this.pos;
    if (s + n > this.end) this.fail('length past the end of its message');
    this.pos = s + n;
    return [s, s + n];
  }

  string(): string {
    const [s, e] = this.span();
    return new TextDecoder().decode(this.buf.subarray(s, e));
  }

  float32(): number {
    if (this.pos + 4 > this.end) this.fail('truncated float');
    const v = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 4).getFloat32(0, true);
    this.pos += 4;
    return v;
  }

  skip(wireType: number): void {
    if (wireType === 0) this.varint();
    else if (wireType === 1) this.pos += 8;
    else if (wireType === 2) this.span();
    else if (wireType === 5) this.pos += 4;
    else this.fail(`unsupported wire type ${wireType}`);
    if (this.pos > this.end) this.fail('field past the end of its message');
  }

  /** Calls `field(number, wireType)` for each field; `field` must consume the value or return false to skip it. */
  fields(field: (n: number, wt: number) => boolean | void): void {
    while (this.pos < this.end) {
      const key = this.varint();
      const n = Math.floor(key / 8);
      const wt = key & 7;
      if (field(n, wt) === false) this.skip(wt);
    }
  }

  sub(where: string): Wire {
    const [s, e] = this.span();
    return new Wire(this.buf, s, e, where);
  }

  /** Repeated int64 field, packed (wire type 2) or not. */
  ints(wt: number, into: number[]): void {
    if (wt !== 2) {
      into.push(this.varint());
      return;
    }
    const w = this.sub(this.where);
    while (w.pos < w.end) into.push(w.varint());
  }

  floats(wt: number, into: number[]): void {
    if (wt !== 2) {
      into.push(this.float32());
      return;
    }
    const w = this.sub(this.where);
    while (w.pos < w.end) into.push(w.float32());
  }
}

function readAttribute(w: Wire): [string, OnnxAttribute] {
  let name = '';
  const a: OnnxAttribute = {};
  w.fields((n, wt) => {
    if (n === 1) name = w.string();
    else if (n === 2 && wt === 5) a.f = w.float32();
    else if (n === 3 && wt === 0) a.i = w.varint();
    else if (n === 4 && wt === 2) a.s = w.string();
    else if (n === 7) w.floats(wt, (a.floats ??= []));
    else if (n === 8) w.ints(wt, (a.ints ??= []));
    else if (n === 5 || n === 6 || n === 9 || n === 10 || n === 11) {
      a.other = true;
      return false;
    } else return false;
  });
  return [name, a];
}

function readNode(w: Wire): OnnxNode {
  const node: OnnxNode = { opType: '', domain: '', name: '', inputs: [], outputs: [], attributes: new Map() };
  w.fields((n) => {
    if (n === 1) node.inputs.push(w.string());
    else if (n === 2) node.outputs.push(w.string());
    else if (n === 3) node.name = w.string();
    else if (n === 4) node.opType = w.string();
    else if (n === 7) node.domain = w.string();
    else if (n === 5) {
      const [k, v] = readAttribute(w.sub(w.where));
      node.attributes.set(k, v);
    } else return false;
  });
  return node;
}

function readTensor(w: Wire): [string, OnnxTensor] {
  let name = '';
  const dims: number[] = [];
  let dataType = 0;
  let raw: [number, number] | null = null;
  const floats: number[] = [];
  let external = false;
  w.fields((n, wt) => {
    if (n === 1) w.ints(wt, dims);
    else if (n === 2) dataType = w.varint();
    else if (n === 8) name = w.string();
    else if (n === 9) raw = w.span();
    else if (n === 4) w.floats(wt, floats);
    else if (n === 13) {
      external = true;
      return false;
    } else return false;
  });
  if (external) throw new RangeError(`${w.where}: initializer "${name}" keeps its data in an external file; expected the weights inside the .onnx file`);
  const count = dims.reduce((p, d) => p * d, 1);
  let data: Float32Array | null = null;
  if (dataType === 1) {
    if (raw) {
      const [s, e] = raw as [number, number];
      if (e - s !== 4 * count) {
        throw new RangeError(`${w.where}: initializer "${name}" has ${e - s} bytes of data for dims [${dims.join(', ')}]; expected ${4 * count}`);
      }
      const off = w.buf.byteOffset + s;
      // Aligned raw data is viewed in place; otherwise copied once.
      data = off % 4 === 0 ? new Float32Array(w.buf.buffer, off, count) : new Float32Array(w.buf.slice(s, e).buffer);
    } else {
      if (floats.length !== count) {
        throw new RangeError(`${w.where}: initializer "${name}" has ${floats.length} float values for dims [${dims.join(', ')}]; expected ${count}`);
      }
      data = Float32Array.from(floats);
    }
  }
  return [name, { dims, dataType, data }];
}

function readValueInfoName(w: Wire): string {
  let name = '';
  w.fields((n) => {
    if (n === 1) name = w.string();
    else return false;
  });
  return name;
}

/**
 * Parses an ONNX model. Throws a `RangeError` naming `source` when the bytes are not a model, a
 * field runs past its message, or weights are stored outside the file.
 */
export function onnxReadModel(bytes: Uint8Array, source = 'model.onnx'): OnnxModel {
  // A plain Uint8Array view (a Node Buffer's slice() would not copy).
  const buf = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const top = new Wire(buf, 0, buf.length, source);
  let opset = 0;
  let graph: Wire | null = null;
  top.fields((n, wt) => {
    if (n === 7 && wt === 2) graph = top.sub(`${source} (graph)`);
    else if (n === 8 && wt === 2) {
      const w = top.sub(`${source} (opset_import)`);
      let domain = '';
      let version = 0;
      w.fields((m) => {
        if (m === 1) domain = w.string();
        else if (m === 2) version = w.varint();
        else return false;
      });
      if (domain === '' || domain === 'ai.onnx') opset = version;
    } else return false;
  });
  if (!graph) throw new RangeError(`${source}: no graph in the ONNX model; expected a .onnx file with a graph`);
  const g = graph as Wire;
  const model: OnnxModel = { opset, nodes: [], initializers: new Map(), inputs: [], outputs: [] };
  const declaredInputs: string[] = [];
  g.fields((n) => {
    if (n === 1) model.nodes.push(readNode(g.sub(`${source} (node ${model.nodes.length})`)));
    else if (n === 5) {
      const [name, t] = readTensor(g.sub(`${source} (initializer ${model.initializers.size})`));
      model.initializers.set(name, t);
    } else if (n === 11) declaredInputs.push(readValueInfoName(g.sub(`${source} (graph input)`)));
    else if (n === 12) model.outputs.push(readValueInfoName(g.sub(`${source} (graph output)`)));
    else return false;
  });
  model.inputs = declaredInputs.filter((name) => !model.initializers.has(name));
  return model;
}
