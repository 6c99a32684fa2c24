/**
 * Module worker hosting the engine for the studio. The main thread talks to it through
 * `createEngineClient()` (engineClient.ts); data files are transferred in once, graphs run here,
 * and only events and small previews go back.
 */
import * as Comlink from 'comlink';
import { Engine } from '../runtime/engine';
import { defaultRegistry } from '../nodes/registry';
import { engineWorkerApi } from './engineWorkerApi';

Comlink.expose(engineWorkerApi(new Engine(defaultRegistry)));
