/**
 * The provenance an export writes beside (and, for HDF5/Zarr/JSON, inside) its files: the input's
 * kind, its source files with sha256 and the node chain with parameters, ending with the export
 * node's own step. Same fields as each entry of the CLI's `provenance.json` outputs, so the file
 * next to a download and the CLI's record read alike.
 */
import type { EmittedFile, RunContext } from '../../runtime/nodeDefinition';
import { describeValue, type ProvenanceStep, type Value } from '../../runtime/values';

export interface ExportProvenance {
  app: 'operando-flow';
  /** The files this export wrote. */
  files: string[];
  inputs: Record<string, { kind: string; value: string }>;
  sources: Value['meta']['sources'];
  history: ProvenanceStep[];
  timeOrigin?: string;
  attrs: Value['meta']['attrs'];
}

/** Provenance of `value` (arriving on `port`) written by the export node `step` into `files`. */
export function exportProvenance(port: string, value: Value, step: Omit<ProvenanceStep, 'nodeId'>, ctx: Pick<RunContext, 'nodeId'>, files: string[]): ExportProvenance {
  const history = value.meta.history.filter((h) => h.nodeId !== ctx.nodeId);
  history.push({ nodeId: ctx.nodeId, ...step });
  return {
    app: 'operando-flow',
    files,
    inputs: { [port]: { kind: value.kind, value: describeValue(value) } },
    sources: value.meta.sources,
    history,
    ...(value.meta.timeOrigin ? { timeOrigin: value.meta.timeOrigin } : {}),
    attrs: value.meta.attrs,
  };
}

/** `<base>.provenance.json`, the sidecar every export node emits after its files. */
export function provenanceFile(base: string, provenance: ExportProvenance): EmittedFile {
  return {
    name: `${base}.provenance.json`,
    mime: 'application/json',
    bytes: new TextEncoder().encode(JSON.stringify(provenance, null, 2) + '\n'),
  };
}
