/**
 * URLs of TF.js's `.wasm` files in a browser build: Vite copies them into the bundle (`?url`),
 * so nothing is downloaded from elsewhere. Imported only in browsers (`tfjsInitBackend`).
 */
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export function tfjsWasmUrls(): Record<string, string> {
  return {
    'tfjs-backend-wasm.wasm': wasmUrl,
    'tfjs-backend-wasm-simd.wasm': simdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': threadedUrl,
  };
}
