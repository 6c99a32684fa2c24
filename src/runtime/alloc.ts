/**
 * Allocation of big typed arrays.
 *
 * Arrays are backed by a `SharedArrayBuffer` where one may be shared between threads — in Node and
 * in cross-origin isolated pages/workers (the studio sets COOP/COEP) — so that worker pools can
 * later read the same pixels without copies. Elsewhere they fall back to a plain `ArrayBuffer`.
 * A configurable ceiling turns a runaway size (a wrong dimension read from a header) into a clear
 * `RangeError` instead of an out-of-memory crash of the tab or the CLI.
 */

const GB = 1024 ** 3;

/** Default ceiling for one allocation: 8 GiB. */
export const DEFAULT_ALLOC_LIMIT_BYTES = 8 * GB;

let limitBytes = DEFAULT_ALLOC_LIMIT_BYTES;

/** Sets the largest size one allocation may have, in bytes (e.g. from a CLI flag). */
export function setAllocLimit(bytes: number): void {
  if (!Number.isFinite(bytes) || bytes <= 0)
    throw new RangeError(`setAllocLimit: bytes must be a positive number, got ${bytes}`);
  limitBytes = bytes;
}

export function getAllocLimit(): number {
  return limitBytes;
}

/** Whether new arrays are backed by a SharedArrayBuffer in this context. */
export function canShareMemory(): boolean {
  if (typeof SharedArrayBuffer === 'undefined') return false;
  if ((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true) return true;
  // Node (CLI, tests, worker_threads) shares memory without isolation headers.
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof proc?.versions?.node === 'string';
}

function buffer(n: number, bytesPerElement: number, what: string): ArrayBuffer | SharedArrayBuffer {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`${what}: length must be a non-negative integer, got ${n}`);
  const bytes = n * bytesPerElement;
  if (bytes > limitBytes)
    throw new RangeError(
      `${what}: ${n} elements need ${(bytes / GB).toFixed(2)} GB, above the allocation limit of ` +
        `${(limitBytes / GB).toFixed(2)} GB (crop or bin the data, or raise the limit)`,
    );
  return canShareMemory() ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}

export function allocFloat32(n: number): Float32Array {
  return new Float32Array(buffer(n, 4, 'allocFloat32'));
}

export function allocFloat64(n: number): Float64Array {
  return new Float64Array(buffer(n, 8, 'allocFloat64'));
}

export function allocUint8(n: number): Uint8Array {
  return new Uint8Array(buffer(n, 1, 'allocUint8'));
}

export function allocUint16(n: number): Uint16Array {
  return new Uint16Array(buffer(n, 2, 'allocUint16'));
}
