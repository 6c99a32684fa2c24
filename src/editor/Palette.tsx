/** Left panel: node types by category with search, drag source for the canvas, kind legend. */
import { useMemo, useState, type RefObject } from 'react';
import type { AnyNodeDefinition } from '../runtime/nodeDefinition';
import { CATEGORY_INFO } from './categories';
import { KIND_COLORS, KIND_LIST } from './kindColors';
import { filterNodes } from './paletteFilter';
import { useStudio } from './studioContext';

export const NODE_DND_TYPE = 'application/operando-node';

export function Palette(props: {
  onPick: (type: string) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  insertPending: boolean;
  onCancelInsert: () => void;
}) {
  const { store } = useStudio();
  const [query, setQuery] = useState('');
  const groups = useMemo(() => filterNodes(store.registry.all(), query), [store.registry, query]);
  const first = useMemo(() => [...groups.values()][0]?.[0], [groups]);

  return (
    <aside className="palette" aria-label="Node palette">
      <div className="palette-head">
        <input
          ref={props.searchRef}
          className="palette-search"
          data-testid="palette-search"
          type="search"
          placeholder="Search nodes…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && first) {
              props.onPick(first.type);
              setQuery('');
            } else if (e.key === 'Escape') {
              setQuery('');
              props.onCancelInsert();
              e.currentTarget.blur();
            }
          }}
        />
        {props.insertPending && (
          <div className="palette-hint">
            Pick a node to insert at the marked point <button onClick={props.onCancelInsert}>cancel</button>
          </div>
        )}
      </div>
      <div className="palette-list">
        {groups.size === 0 && <div className="palette-empty">No node matches “{query}”.</div>}
        {[...groups].map(([cat, defs]) => (
          <section key={cat} className="palette-group">
            <h3 style={{ borderColor: CATEGORY_INFO[cat].color }}>{CATEGORY_INFO[cat].label}</h3>
            {defs.map((d) => (
              <PaletteItem key={d.type} def={d} onPick={props.onPick} />
            ))}
          </section>
        ))}
      </div>
      <div className="legend" aria-label="Port colours">
        <h3>Port kinds</h3>
        <ul>
          {KIND_LIST.map((k) => (
            <li key={k}>
              <span className="legend-dot" style={{ background: KIND_COLORS[k] }} />
              {k}
            </li>
          ))}
        </ul>
      </div>
    </aside>
  );
}

function PaletteItem({ def, onPick }: { def: AnyNodeDefinition; onPick: (type: string) => void }) {
  // CSS cuts the line to the panel width; the full help is the tooltip and in the inspector.
  const firstLine = def.help.split('\n')[0];
  return (
    <button
      className="palette-item"
      data-testid={`palette-item-${def.type}`}
      draggable
      title={def.help}
      onDragStart={(e) => {
        e.dataTransfer.setData(NODE_DND_TYPE, def.type);
        e.dataTransfer.effectAllowed = 'copy';
      }}
      onClick={() => onPick(def.type)}
    >
      <span className="palette-item-title">{def.title}</span>
      <span className="palette-item-ports">
        {def.inputs.map((p) => (
          <span key={`i${p.name}`} className="mini-dot" style={{ background: KIND_COLORS[p.kinds[0]] }} />
        ))}
        {def.inputs.length > 0 && def.outputs.length > 0 && <span className="mini-arrow">→</span>}
        {def.outputs.map((p) => (
          <span key={`o${p.name}`} className="mini-dot" style={{ background: KIND_COLORS[p.kinds[0]] }} />
        ))}
      </span>
      <span className="palette-item-help">{firstLine}</span>
    </button>
  );
}
