/**
 * Module worker hosting the engine for the studio. The main thread talks to it through
 * `createEngineClient()` (engineClient.ts); data files are transferred in once, graphs run here,
 * and only events and small previews go back.
 */
import * as Comlink from 'comlink';
import { Engine } from '../runtime/engine';
import { defaultRegistry } from '../nodes/registry';
import { engineWorkerApi } from './engineWorkerApi';
import { hasOpfs, OpfsSpillStore } from '../runtime/storage/opfsSpillStore';
import { canShareMemory } from '../runtime/alloc';
import { FramePool } from './pool/framePool';
import { setFramePool } from './pool/defaultFramePool';
import { browserPoolSize, spawnBrowserPoolThread } from './pool/browserPoolThread';

// Frame-parallel nodes use a pool of module workers when memory can be shared (cross-origin isolated).
if (canShareMemory()) setFramePool(new FramePool(spawnBrowserPoolThread, browserPoolSize()));

// Large outputs leave the worker's heap for the Origin Private File System after each run.
const spill = hasOpfs() ? { store: new OpfsSpillStore() } : undefined;
Comlink.expose(engineWorkerApi(new Engine(defaultRegistry, { spill })));
