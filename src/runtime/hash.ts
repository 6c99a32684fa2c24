/**
 * Stable hashing for cache keys and file identity.
 *
 * `canonicalJson` writes objects with sorted keys so that two parameter sets that are equal as data
 * hash equal whatever the order they were typed or stored in. `sha256Hex` uses WebCrypto
 * (`globalThis.crypto.subtle`), present in Node ≥ 20, browsers and workers alike, so the same code
 * hashes in the CLI and in the studio's worker.
 */

/**
 * JSON with object keys sorted at every level. `undefined` members are dropped (as JSON does);
 * non-finite numbers, typed arrays, functions and cycles are refused, because they either have no
 * JSON form or would make two different values share a key.
 */
export function canonicalJson(value: unknown): string {
  const stack: object[] = [];
  const write = (v: unknown, path: string): string => {
    if (v === null) return 'null';
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return JSON.stringify(v);
      case 'number':
        if (!Number.isFinite(v)) throw new TypeError(`canonicalJson: ${path} is ${v}; expected a finite number`);
        return JSON.stringify(v);
      case 'object':
        break;
      default:
        throw new TypeError(`canonicalJson: ${path} is a ${typeof v}; expected JSON data`);
    }
    const o = v as object;
    if (ArrayBuffer.isView(o) || o instanceof ArrayBuffer)
      throw new TypeError(`canonicalJson: ${path} is binary data; expected JSON data (hash bytes with sha256Hex)`);
    if (stack.includes(o)) throw new TypeError(`canonicalJson: ${path} refers back to itself`);
    stack.push(o);
    let out: string;
    if (Array.isArray(o)) {
      out = `[${o.map((x, i) => (x === undefined ? 'null' : write(x, `${path}[${i}]`))).join(',')}]`;
    } else {
      const rec = o as Record<string, unknown>;
      const keys = Object.keys(rec)
        .filter((k) => rec[k] !== undefined)
        .sort();
      out = `{${keys.map((k) => `${JSON.stringify(k)}:${write(rec[k], `${path}.${k}`)}`).join(',')}}`;
    }
    stack.pop();
    return out;
  };
  return write(value, '$');
}

/** Hex SHA-256 of bytes (or of a string's UTF-8 encoding). */
export async function sha256Hex(data: Uint8Array | ArrayBuffer | string): Promise<string> {
  let bytes: Uint8Array;
  if (typeof data === 'string') bytes = new TextEncoder().encode(data);
  else if (data instanceof ArrayBuffer) bytes = new Uint8Array(data);
  else bytes = data;
  // WebCrypto refuses views on SharedArrayBuffers (see alloc.ts): hash a private copy of those.
  const input: Uint8Array<ArrayBuffer> =
    bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
  const digest = await globalThis.crypto.subtle.digest('SHA-256', input);
  const view = new Uint8Array(digest);
  let hex = '';
  for (let i = 0; i < view.length; i++) hex += view[i].toString(16).padStart(2, '0');
  return hex;
}

/** Hex SHA-256 of a value's canonical JSON. */
export function hashJson(value: unknown): Promise<string> {
  return sha256Hex(canonicalJson(value));
}
