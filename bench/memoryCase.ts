/**
 * One streaming-memory case in a fresh process, so its resident memory is its own:
 *   tsx bench/memoryCase.ts <case id> <disk | memory> <series.tif>
 * Runs, with the CLI's frame pool, first the loader alone (its output stays in the engine, as the
 * node's input) and then loader → node (the loader answered from the cache). Prints one JSON line:
 * RSS after start-up, after the input is loaded, the peak (max RSS) before and after the node, the
 * input's bytes, and the node's time.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { Engine } from '../src/runtime/engine';
import { defaultRegistry } from '../src/nodes/registry';
import { nodeFileProvider } from '../src/runtime/files/nodeFileProvider';
import { MemoryFileStore } from '../src/runtime/files/memoryFileStore';
import { installNodeFramePool } from '../src/workers/pool/installNodeFramePool';
import type { WorkflowDocument } from '../src/runtime/workflow/types';
import { MEMORY_CASES } from './memoryCases';

const [id, source, file] = process.argv.slice(2);
const c = MEMORY_CASES.find((k) => k.id === id);
if (!c || (source !== 'disk' && source !== 'memory') || !file) {
  console.error(`bench/memoryCase.ts <case> <disk | memory> <file.tif>; cases: ${MEMORY_CASES.map((k) => k.id).join(', ')}`);
  process.exit(2);
}
const MB = 2 ** 20;
const maxRssMB = () => process.resourceUsage().maxRSS / 1024;
const rssMB = () => process.memoryUsage().rss / MB;

// The pool's threads started before measuring, so the baseline holds them (as a CLI run after its first pooled node).
const pool = installNodeFramePool();
const warm = new Float32Array(new SharedArrayBuffer(2 * 64 * 64 * 4));
await pool.map('denoise.frame', { method: 'gaussian', sigma: 1, size: 3, sigmaSpatial: 1, sigmaColor: null, h: null, noiseSigma: 0, patchSize: 7, patchDistance: 11, weight: null }, warm, new Float32Array(new SharedArrayBuffer(warm.length * 4)), 64, 64);

let files;
if (source === 'disk') files = nodeFileProvider([dirname(file)]);
else {
  const store = new MemoryFileStore();
  await store.put(basename(file), readFileSync(file)); // a Buffer is a Uint8Array: no second copy
  files = store;
}
const engine = new Engine(defaultRegistry, { files });
const loader = { id: 'load', type: 'io.load-image', typeVersion: 1, position: { x: 0, y: 0 }, params: { files: [{ name: basename(file) }] } };
const node = { id: 'node', type: c.type, typeVersion: defaultRegistry.get(c.type)!.version, position: { x: 300, y: 0 }, params: c.params };
const doc = (withNode: boolean): WorkflowDocument =>
  ({
    format: 'operando-flow.workflow',
    version: 2,
    meta: { title: c.id },
    nodes: withNode ? [loader, node] : [loader],
    edges: withNode ? [{ id: 'e', source: 'load', sourcePort: 'image', target: 'node', targetPort: c.port }] : [],
  }) as unknown as WorkflowDocument;

const startMB = rssMB();
const check = (s: { ok: boolean; failed: { nodeId: string; message: string }[] }) => {
  if (!s.ok) throw new Error(`bench/memoryCase.ts ${id}: ${s.failed.map((f) => `${f.nodeId}: ${f.message}`).join('; ') || 'the workflow did not run'}`);
};
check(await engine.run(doc(false)));
const input = engine.outputs('load')!.image as { data: ArrayLike<number> & { byteLength: number } };
const inputBytes = input.data.byteLength;
const loadedMB = rssMB();
const peakLoadMB = maxRssMB();
const t0 = performance.now();
check(await engine.run(doc(true)));
const ms = performance.now() - t0;
const peakMB = maxRssMB();
pool.dispose();
console.log(JSON.stringify({ id, source, inputMB: inputBytes / MB, startMB, loadedMB, peakLoadMB, peakMB, ms, lanes: pool.size + 1 }));
