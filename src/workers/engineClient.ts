/**
 * Main-thread handle on the engine worker. `api.run(doc, options, onEvent)` takes a plain callback:
 * it is wrapped with `Comlink.proxy` here so that callers never have to.
 */
import * as Comlink from 'comlink';
import type { EngineApi, NodeEvent, RunOptions } from '../runtime/engineApi';
import type { FileRef } from '../runtime/params';
import type { WorkflowDocument } from '../runtime/workflow/types';

export interface EngineClient {
  api: Comlink.Remote<EngineApi>;
  /** Stops the worker (a later client starts a fresh engine). */
  terminate(): void;
}

/** Wraps a Comlink endpoint (a Worker, or a worker_threads port in tests) as an engine client. */
export function wrapEngineEndpoint(endpoint: Comlink.Endpoint, terminate: () => void): EngineClient {
  const remote = Comlink.wrap<EngineApi>(endpoint);
  const api = new Proxy(remote, {
    get(target, prop, receiver) {
      if (prop === 'run')
        return (doc: WorkflowDocument, options: RunOptions, onEvent: (e: NodeEvent) => void) =>
          target.run(doc, options, Comlink.proxy(onEvent));
      return Reflect.get(target, prop, receiver);
    },
  });
  return {
    api,
    terminate() {
      remote[Comlink.releaseProxy]();
      terminate();
    },
  };
}

export function createEngineClient(): EngineClient {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
  return wrapEngineEndpoint(worker, () => worker.terminate());
}

/**
 * Puts a data file into the engine, transferring (not copying) its bytes: `buffer` is detached
 * afterwards. A `File` is structured-cloned, which passes a handle on the disk file, not its bytes.
 */
export function putFileTransfer(api: Comlink.Remote<EngineApi>, name: string, buffer: ArrayBuffer | File): Promise<FileRef> {
  if (buffer instanceof Blob) return api.putFile(name, buffer);
  return api.putFile(name, Comlink.transfer(buffer, [buffer]));
}
