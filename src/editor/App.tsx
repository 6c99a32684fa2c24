/** The studio layout: toolbar; palette | canvas | inspector + preview; keyboard shortcuts. */
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Canvas } from './Canvas';
import { parseClipboard } from './clipboard';
import { Inspector } from './Inspector';
import { IssuesPanel } from './IssuesPanel';
import { NoticeBar } from './NoticeBar';
import { Palette } from './Palette';
import { PreviewPanel } from './PreviewPanel';
import { isTypingTarget, shortcutFor } from './shortcuts';
import { StudioContext, useStudio, type StudioContextValue } from './studioContext';
import { Toolbar } from './Toolbar';
import '@xyflow/react/dist/style.css';
import './editor.css';

export function App({ value }: { value: StudioContextValue }) {
  return (
    <StudioContext.Provider value={value}>
      <ReactFlowProvider>
        <Layout />
      </ReactFlowProvider>
    </StudioContext.Provider>
  );
}

function Layout() {
  const { store, studio } = useStudio();
  const rf = useReactFlow();
  const searchRef = useRef<HTMLInputElement>(null);
  const canvasBox = useRef<HTMLDivElement>(null);
  const [insert, setInsert] = useState<{ flow: { x: number; y: number }; screen: { x: number; y: number } } | null>(null);

  const pick = useCallback(
    (type: string) => {
      let at = insert?.flow;
      if (!at) {
        const r = canvasBox.current?.getBoundingClientRect();
        const c = r ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : { x: 0, y: 0 };
        at = rf.screenToFlowPosition(c);
        // Successive clicks must not stack nodes exactly on top of each other.
        const k = store.getState().doc.nodes.filter((n) => Math.abs(n.position.x - (at!.x - 90)) < 8).length;
        at = { x: at.x + 24 * k, y: at.y + 24 * k };
      }
      store.addNode(type, { x: at.x - 90, y: at.y - 30 });
      setInsert(null);
    },
    [insert, rf, store],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setInsert(null);
      if (isTypingTarget(e.target)) return;
      const action = shortcutFor(e);
      if (!action) return;
      // Focus on a checkbox or button of the side panels: Delete must not remove the node being edited.
      if (action === 'delete' && (e.target as Element | null)?.closest?.('.side')) return;
      e.preventDefault();
      switch (action) {
        case 'undo':
          store.undo();
          break;
        case 'redo':
          store.redo();
          break;
        case 'copy': {
          const clip = store.copy();
          if (clip) navigator.clipboard?.writeText(JSON.stringify(clip)).catch(() => undefined);
          break;
        }
        case 'paste':
          if (store.getState().clipboard) store.paste();
          else
            navigator.clipboard
              ?.readText()
              .then((t) => {
                const clip = parseClipboard(t);
                if (clip) store.paste(clip);
              })
              .catch(() => undefined);
          break;
        case 'delete':
          store.deleteSelection();
          break;
        case 'selectAll':
          store.selectAll();
          break;
        case 'save':
          studio.save();
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, studio]);

  // A file dropped beside the canvas must not make the browser navigate away to show it.
  useEffect(() => {
    const guard = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files') && !(e.target as Element | null)?.closest?.('.canvas')) e.preventDefault();
    };
    window.addEventListener('dragover', guard);
    window.addEventListener('drop', guard);
    return () => {
      window.removeEventListener('dragover', guard);
      window.removeEventListener('drop', guard);
    };
  }, []);

  useEffect(() => {
    const flush = () => studio.flushAutosave();
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, [studio]);

  return (
    <div className="app">
      <Toolbar />
      <div className="main">
        <Palette
          onPick={pick}
          searchRef={searchRef}
          insertPending={insert !== null}
          onCancelInsert={() => setInsert(null)}
        />
        <div className="center" ref={canvasBox}>
          <Canvas
            insertMarker={insert?.screen ?? null}
            onRequestInsert={(flow, screen) => {
              setInsert({ flow, screen });
              searchRef.current?.focus();
              searchRef.current?.select();
            }}
          />
          <IssuesPanel />
          <NoticeBar />
        </div>
        <aside className="side">
          <Inspector />
          <PreviewPanel />
        </aside>
      </div>
    </div>
  );
}
