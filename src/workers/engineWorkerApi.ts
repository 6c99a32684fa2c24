/**
 * The object a worker exposes over Comlink: the Engine's API, with previews handed back by
 * transferring their (freshly allocated) buffers instead of cloning them. Kept apart from the
 * worker entry so tests can expose it on a Node worker_threads port with their own registry.
 */
import * as Comlink from 'comlink';
import type { EngineApi } from '../runtime/engineApi';
import type { Engine } from '../runtime/engine';
import { previewTransferables } from '../runtime/preview/previewTransferables';

export function engineWorkerApi(engine: Engine): EngineApi {
  return {
    putFile: (name, bytes) => engine.putFile(name, bytes),
    listFiles: () => engine.listFiles(),
    validate: (doc) => engine.validate(doc),
    // onEvent arrives as a Comlink proxy: each event is one message to the main thread. A closed
    // page must not fail the run, and the proxy's port is released when the run ends.
    async run(doc, options, onEvent) {
      try {
        return await engine.run(doc, options, (e) => {
          Promise.resolve(onEvent(e) as unknown).catch(() => {});
        });
      } finally {
        const release = (onEvent as Partial<Comlink.Remote<object>>)[Comlink.releaseProxy];
        if (typeof release === 'function') release();
      }
    },
    cancel: () => engine.cancel(),
    async preview(req) {
      const p = await engine.preview(req);
      return p ? Comlink.transfer(p, previewTransferables(p)) : null;
    },
    outputKinds: (nodeId) => engine.outputKinds(nodeId),
    storageUsage: () => engine.storageUsage(),
    clearStorage: () => engine.clearStorage(),
    setSpillThreshold: (bytes) => engine.setSpillThreshold(bytes),
  };
}
