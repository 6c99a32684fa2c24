/** React access to the store and the studio controller: thin hooks over plain objects. */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { EditorState, EditorStore } from './editorStore';
import type { Studio } from './studio';

export interface StudioContextValue {
  store: EditorStore;
  studio: Studio;
}

export const StudioContext = createContext<StudioContextValue | null>(null);

export function useStudio(): StudioContextValue {
  const v = useContext(StudioContext);
  if (!v) throw new Error('useStudio: no <StudioContext.Provider> above this component');
  return v;
}

/** Subscribes to one slice of the editor state; the selector must return stable references. */
export function useEditor<T>(selector: (s: EditorState) => T): T {
  const { store } = useStudio();
  return useSyncExternalStore(store.subscribe, () => selector(store.getState()));
}
