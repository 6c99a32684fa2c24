/**
 * Test stand-in for engine.worker.ts on Node's worker_threads: the same exposed API
 * (engineWorkerApi), with the test registry, over Comlink's Node adapter.
 */
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { Engine } from '../../runtime/engine';
import { testRegistry } from '../../runtime/executor/__tests__/fakeNodes';
import { engineWorkerApi } from '../engineWorkerApi';

if (!parentPort) throw new Error('nodeEngineWorker must run in a worker thread');
Comlink.expose(engineWorkerApi(new Engine(testRegistry)), nodeEndpoint(parentPort));
