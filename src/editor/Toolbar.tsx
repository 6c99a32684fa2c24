/** Top bar: workflow menu (new, open, save, examples), title, undo/redo, run controls. */
import { useEffect, useRef, useState } from 'react';
import { setTitle } from './docEdits';
import type { ExampleEntry } from './examples';
import { useEditor, useStudio } from './studioContext';
import { StorageButton } from './StoragePanel';

export function Toolbar() {
  const { store, studio } = useStudio();
  const doc = useEditor((s) => s.doc);
  const history = useEditor((s) => s.history);
  const running = useEditor((s) => s.running);
  const selected = useEditor((s) => s.selectedNodes);
  const runStates = useEditor((s) => s.runStates);
  const fileInput = useRef<HTMLInputElement>(null);
  const [examplesOpen, setExamplesOpen] = useState(false);
  const [examples, setExamples] = useState<ExampleEntry[] | null>(null);
  const [exError, setExError] = useState<string | null>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!examplesOpen) return;
    studio.examples().then(setExamples, (e) => setExError(String(e instanceof Error ? e.message : e)));
    const close = (e: MouseEvent) => {
      if (!menuRef.current?.contains(e.target as Node)) setExamplesOpen(false);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [examplesOpen, studio]);

  const single = selected.size === 1 ? [...selected][0] : null;
  const active = Object.values(runStates).filter((s) => s.status === 'running' || s.status === 'queued').length;
  const done = Object.values(runStates).filter((s) => s.status === 'done' || s.status === 'cached').length;

  return (
    <header className="toolbar">
      <div className="brand" title="OperandoFlow — workflows for operando battery science">
        <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden>
          <circle cx="5" cy="12" r="3" fill="#3b6ea8" />
          <circle cx="19" cy="6" r="3" fill="#2f8f83" />
          <circle cx="19" cy="18" r="3" fill="#b4533c" />
          <path d="M8 12 C12 12 12 6 16 6 M8 12 C12 12 12 18 16 18" stroke="#5b6573" strokeWidth="1.6" fill="none" />
        </svg>
        <span>OperandoFlow</span>
      </div>
      <nav className="menu">
        <button className="button ghost" data-testid="menu-new" onClick={() => studio.newWorkflow()}>
          New
        </button>
        <button className="button ghost" data-testid="menu-open" onClick={() => fileInput.current?.click()}>
          Open…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="open-file-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void studio.openFile(f);
          }}
        />
        <button className="button ghost" data-testid="menu-save" onClick={() => studio.save()}>
          Save
        </button>
        <div className="dropdown" ref={menuRef}>
          <button
            className="button ghost"
            data-testid="menu-examples"
            aria-expanded={examplesOpen}
            onClick={() => setExamplesOpen((o) => !o)}
          >
            Examples ▾
          </button>
          {examplesOpen && (
            <div className="dropdown-menu" role="menu">
              {exError && <p className="field-error">{exError}</p>}
              {!examples && !exError && <p className="muted">Loading…</p>}
              {examples?.map((ex) => (
                <button
                  key={ex.id}
                  role="menuitem"
                  className="dropdown-item"
                  data-testid={`example-${ex.id}`}
                  onClick={() => {
                    setExamplesOpen(false);
                    void studio.openExample(ex.id);
                  }}
                >
                  <b>{ex.title}</b>
                  <span>{ex.description}</span>
                </button>
              ))}
            </div>
          )}
        </div>
        <StorageButton />
      </nav>
      <input
        className="title-input"
        aria-label="Workflow title"
        data-testid="workflow-title"
        value={doc.meta.title}
        onChange={(e) => store.edit((d) => setTitle(d, e.target.value), 'title')}
      />
      <div className="spacer" />
      <div className="history-buttons">
        <button className="button icon" title="Undo (Ctrl+Z)" data-testid="undo" disabled={history.past.length === 0} onClick={() => store.undo()}>
          ↶
        </button>
        <button className="button icon" title="Redo (Ctrl+Shift+Z / Ctrl+Y)" data-testid="redo" disabled={history.future.length === 0} onClick={() => store.redo()}>
          ↷
        </button>
      </div>
      <div className="run-buttons">
        {running && (
          <span className="run-status" data-testid="run-status">
            <span className="spinner" /> running · {done} done, {active} to go
          </span>
        )}
        <button className="button primary" data-testid="run-all" disabled={running} onClick={() => void studio.run()}>
          ▶ Run all
        </button>
        <button
          className="button"
          data-testid="run-selected"
          disabled={running || !single}
          title={single ? `Run ${single} and what it depends on` : 'Select one node'}
          onClick={() => single && void studio.run(single)}
        >
          Run to selected
        </button>
        <button className="button danger" data-testid="cancel-run" disabled={!running} onClick={() => void studio.cancel()}>
          ■ Cancel
        </button>
      </div>
    </header>
  );
}
