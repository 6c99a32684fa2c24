import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tfjsWasmThreadsPatch, viteTfjsWasmThreads } from '../../scripts/viteTfjsWasmThreads';

const require = createRequire(import.meta.url);
const file = join(require.resolve('@tensorflow/tfjs-backend-wasm').replace(/dist[/\\][^/\\]+$/, ''), 'wasm-out', 'tfjs-backend-wasm-threaded-simd.js');
const original = readFileSync(file, 'utf8');

/** The factory TF.js serialises for its pthread workers: the function the IIFE returns. */
function innerFactory(code: string): string {
  const start = code.indexOf('function(WasmBackendModuleThreadedSimd)');
  expect(start).toBeGreaterThan(0);
  return code.slice(start, code.lastIndexOf('})();'));
}

describe('viteTfjsWasmThreads', () => {
  it("removes the worker factory's reads of the IIFE's _scriptDir (what the minifier breaks), nothing else", () => {
    expect(innerFactory(original)).toMatch(/_scriptDir/);
    const patched = tfjsWasmThreadsPatch(original);
    expect(innerFactory(patched)).not.toMatch(/_scriptDir/);
    expect(patched).toMatch(/var _scriptDir = /); // the IIFE's own variable stays
    expect(original.length - patched.length).toBeLessThan(120);
    expect(() => new Function(patched)).not.toThrow(); // still valid JavaScript
  });
  it('fails the build loudly when TF.js changes the text it patches', () => {
    expect(() => tfjsWasmThreadsPatch('var x = 1;', 'other.js')).toThrow(/other\.js: expected the Emscripten text/);
  });
  it('transforms only the threaded factory, at build time', () => {
    const plugin = viteTfjsWasmThreads();
    expect(plugin.apply).toBe('build');
    const transform = plugin.transform as (code: string, id: string) => { code: string } | null;
    expect(transform('var x = 1;', '/x/node_modules/@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm.js')).toBeNull();
    expect(transform(original, file)!.code).toBe(tfjsWasmThreadsPatch(original));
  });
});
