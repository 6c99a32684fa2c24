/** Browser entry: engine worker, IndexedDB, editor store and studio controller, then React. */
import { createRoot } from 'react-dom/client';
import { StrictMode } from 'react';
import { defaultRegistry } from './nodes/registry';
import { newWorkflow } from './runtime/workflow/serializeWorkflow';
import { createEngineClient, putFileTransfer } from './workers/engineClient';
import { App } from './editor/App';
import { EditorStore } from './editor/editorStore';
import { StudioStorage } from './editor/persistence';
import { Studio } from './editor/studio';

async function boot(): Promise<void> {
  const store = new EditorStore(defaultRegistry, newWorkflow());
  const engine = createEngineClient();
  // Private windows or blocked storage: the studio still works, without autosave.
  const storage = await StudioStorage.open().catch(() => null);
  const studio = new Studio(store, defaultRegistry, engine, storage, {
    base: import.meta.env.BASE_URL,
    putFile: (api, name, bytes) => putFileTransfer(api, name, bytes),
  });
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App value={{ store, studio }} />
    </StrictMode>,
  );
  if (!storage) store.notify('Autosave is off: this browser refused IndexedDB', 'error');
  try {
    await studio.start(window.location.search);
  } catch (e) {
    store.notify(`Start-up failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
  }
  document.documentElement.dataset.ready = 'true';
}

void boot();
