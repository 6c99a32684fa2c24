/** One parameter's form field, generated from its spec: bounds, unit, 'auto', help, live validation. */
import { useEffect, useRef, useState } from 'react';
import type { EnumParam, FileParam, FileRef, ParamSpec } from '../runtime/params';
import { useEditor, useStudio } from './studioContext';

interface FieldProps {
  nodeId: string;
  name: string;
  spec: ParamSpec;
  value: unknown;
  issue: string | undefined;
  onChange: (v: unknown) => void;
}

export function ParamField(props: FieldProps) {
  const { spec, name, issue } = props;
  const id = `p-${props.nodeId}-${name}`;
  return (
    <div className={`field${issue ? ' invalid' : ''}${spec.advanced ? ' advanced' : ''}`}>
      {spec.type !== 'boolean' && (
        <label htmlFor={id} className="field-label">
          {spec.label}
        </label>
      )}
      <Control {...props} id={id} />
      <p className="field-help">{spec.description}</p>
      {spec.type === 'enum' && <EnumChoiceHelp spec={spec} value={props.value} />}
      {issue && (
        <p className="field-error" role="alert">
          {issue}
        </p>
      )}
    </div>
  );
}

function Control(props: FieldProps & { id: string }) {
  const { spec, name, value, onChange, id } = props;
  switch (spec.type) {
    case 'number':
    case 'integer':
      return <NumberControl {...props} />;
    case 'boolean':
      return (
        <label className="check">
          <input
            id={id}
            type="checkbox"
            data-testid={`param-${name}`}
            checked={value === true}
            onChange={(e) => onChange(e.target.checked)}
          />
          {spec.label}
        </label>
      );
    case 'enum':
      return (
        <select id={id} data-testid={`param-${name}`} value={String(value)} onChange={(e) => onChange(e.target.value)}>
          {!spec.options.some((o) => o.value === value) && <option value={String(value)}>{String(value)} (invalid)</option>}
          {spec.options.map((o) => (
            <option key={o.value} value={o.value} title={o.description}>
              {o.label}
            </option>
          ))}
        </select>
      );
    case 'string':
      return <StringControl {...props} />;
    case 'files':
      return <FilesControl {...props} spec={spec} />;
    case 'json':
      // Structured data with its own editor (e.g. scribbles painted in the preview): a summary only.
      return (
        <p id={id} className="muted small" data-testid={`param-${name}`}>
          {Array.isArray(value) ? `${value.length} entr${value.length === 1 ? 'y' : 'ies'}` : 'set'} — edited in the preview
        </p>
      );
  }
}

/**
 * Text input, or a list when the node's last run found the possible values in its input (the
 * columns of a CSV file, offered with `RunContext.offerChoices`). A stored value the list lacks
 * stays shown, marked, so opening a workflow on another file never changes it silently.
 */
function StringControl({ spec, name, value, onChange, id, nodeId }: FieldProps & { id: string }) {
  const choices = useEditor((s) => s.runStates[nodeId]?.choices?.[name]);
  const text = typeof value === 'string' ? value : '';
  if (spec.type !== 'string') throw new Error('StringControl: string spec expected');
  if (choices && choices.options.length > 0)
    return (
      <select id={id} data-testid={`param-${name}`} className="choice-list" value={text} onChange={(e) => onChange(e.target.value)}>
        {!choices.options.some((o) => o.value === text) && <option value={text}>{text} (not in the file)</option>}
        {choices.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  return (
    <input
      id={id}
      type="text"
      data-testid={`param-${name}`}
      value={text}
      placeholder={spec.placeholder}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/**
 * Number input keeping the user's text while it is not a number yet ("1e", "-"), committing every
 * parseable value so validation (bounds, parity) shows as one types.
 */
function NumberControl({ spec, name, value, onChange, id }: FieldProps & { id: string }) {
  if (spec.type !== 'number' && spec.type !== 'integer') throw new Error('NumberControl: numeric spec expected');
  const isAuto = value === null;
  const [text, setText] = useState(isAuto ? '' : String(value ?? ''));
  const [parseError, setParseError] = useState<string | null>(null);
  const lastValue = useRef(value);
  useEffect(() => {
    // Undo/redo or another edit changed the value: show it.
    if (!Object.is(lastValue.current, value)) {
      lastValue.current = value;
      setText(value === null ? '' : String(value ?? ''));
      setParseError(null);
    }
  }, [value]);
  const commit = (v: unknown) => {
    lastValue.current = v;
    onChange(v);
  };
  const step = spec.type === 'integer' ? 1 : (spec.step ?? 'any');
  return (
    <div className="number-row">
      <input
        id={id}
        type="number"
        inputMode="decimal"
        data-testid={`param-${name}`}
        value={isAuto ? '' : text}
        disabled={isAuto}
        placeholder={isAuto ? (spec.nullLabel ?? 'auto') : undefined}
        min={spec.min}
        max={spec.max}
        step={step}
        onChange={(e) => {
          const t = e.target.value;
          setText(t);
          if (t.trim() === '') {
            setParseError(`${name}: expected a number`);
            return;
          }
          const v = Number(t);
          if (!Number.isFinite(v)) {
            setParseError(`${name}: expected a number, got "${t}"`);
            return;
          }
          setParseError(null);
          commit(v);
        }}
      />
      {spec.unit && <span className="unit-tag">{spec.unit}</span>}
      {spec.nullable && (
        <label className="check auto">
          <input
            type="checkbox"
            data-testid={`param-${name}-auto`}
            checked={isAuto}
            onChange={(e) => {
              if (e.target.checked) commit(null);
              else {
                const v = Number(text);
                commit(text.trim() !== '' && Number.isFinite(v) ? v : spec.default);
              }
            }}
          />
          {spec.nullLabel ?? 'auto'}
        </label>
      )}
      {parseError && <span className="field-error inline">{parseError}</span>}
    </div>
  );
}

function FilesControl({ spec, name, value, onChange, id }: FieldProps & { id: string; spec: FileParam }) {
  const { studio } = useStudio();
  const engineFiles = useEditor((s) => s.engineFiles);
  const [busy, setBusy] = useState(false);
  const selected: FileRef[] = Array.isArray(value) ? (value as FileRef[]) : [];
  const selectedNames = new Set(selected.map((f) => f.name));
  const accepts = (n: string) => spec.accept.length === 0 || spec.accept.some((a) => n.toLowerCase().endsWith(a));
  const available = engineFiles
    .filter((f) => accepts(f.name) || selectedNames.has(f.name))
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
  const missing = selected.filter((f) => !engineFiles.some((e) => e.name === f.name));
  const refFor = (n: string): FileRef => engineFiles.find((f) => f.name === n) ?? selected.find((f) => f.name === n) ?? { name: n };
  const strip = (r: FileRef): FileRef => ({
    name: r.name,
    ...(r.sha256 ? { sha256: r.sha256 } : {}),
    ...(r.sampledSha256 ? { sampledSha256: r.sampledSha256 } : {}),
    ...(r.size !== undefined ? { size: r.size } : {}),
  });

  return (
    <div className="files-control">
      <select
        id={id}
        data-testid={`param-${name}`}
        multiple={spec.multiple}
        size={spec.multiple ? Math.min(8, Math.max(3, available.length + missing.length)) : undefined}
        value={spec.multiple ? [...selectedNames] : (selected[0]?.name ?? '')}
        onChange={(e) => {
          const names = [...e.target.selectedOptions].map((o) => o.value).filter(Boolean);
          onChange(names.map((n) => strip(refFor(n))));
        }}
      >
        {!spec.multiple && <option value="">— choose a file —</option>}
        {missing.map((f) => (
          <option key={`m-${f.name}`} value={f.name} className="missing">
            {f.name} (missing)
          </option>
        ))}
        {available.map((f) => (
          <option key={f.name} value={f.name} title={f.name}>
            {f.name}
          </option>
        ))}
      </select>
      <div className="files-actions">
        <span className="files-count">
          {selected.length} selected{spec.multiple && available.length ? ` of ${available.length}` : ''}
        </span>
        <label className={`button small${busy ? ' busy' : ''}`}>
          add files…
          <input
            type="file"
            hidden
            multiple
            data-testid={`param-${name}-add`}
            accept={spec.accept.join(',')}
            onChange={async (e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              if (!files.length) return;
              setBusy(true);
              try {
                const refs = (await studio.addFiles(files)).map(strip);
                const merged = spec.multiple
                  ? [...selected.filter((f) => !refs.some((r) => r.name === f.name)), ...refs]
                  : refs.slice(0, 1);
                onChange(merged);
              } finally {
                setBusy(false);
              }
            }}
          />
        </label>
      </div>
      <p className="field-hint">Accepts {spec.accept.join(', ') || 'any file'}{spec.multiple ? '; select several with Ctrl/Shift' : ''}.</p>
    </div>
  );
}

/** What the chosen option does, when the schema says. */
function EnumChoiceHelp({ spec, value }: { spec: EnumParam; value: unknown }) {
  const o = spec.options.find((x) => x.value === value);
  return o?.description ? <p className="field-help choice">{o.label}: {o.description}</p> : null;
}
