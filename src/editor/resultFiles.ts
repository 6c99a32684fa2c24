/**
 * The downloads a run offers, from the files its export nodes emitted:
 * - files in folders (a Zarr store: `vol.zarr/.zgroup`, `vol.zarr/data/0.0.0`…) become one zip
 *   per folder (`vol.zarr.zip`, the store at the zip's root as zarr's ZipStore reads it): a
 *   browser download cannot be a folder;
 * - each export node's files get the workflow that ran beside them (`<name>.workflow.json`,
 *   named like the node's `<name>.provenance.json`), as the CLI writes `workflow.json` into
 *   `--out`.
 */
import { zipSync } from 'fflate';
import type { EmittedFile } from '../runtime/nodeDefinition';
import type { NodeRegistry } from '../runtime/registryTypes';
import { serializeWorkflow } from '../runtime/workflow/serializeWorkflow';
import type { WorkflowDocument } from '../runtime/workflow/types';

export type NodeFile = { nodeId: string; file: EmittedFile };

export function resultFiles(emitted: readonly NodeFile[], doc: WorkflowDocument, registry: Pick<NodeRegistry, 'get'>): NodeFile[] {
  const out: NodeFile[] = [];
  const folders = new Map<string, { nodeId: string; entries: Record<string, Uint8Array> }>();
  for (const f of emitted) {
    const slash = f.file.name.indexOf('/');
    if (slash < 0) {
      out.push(f);
      continue;
    }
    const folder = f.file.name.slice(0, slash);
    const key = `${f.nodeId}\n${folder}`;
    let group = folders.get(key);
    if (!group) {
      group = { nodeId: f.nodeId, entries: {} };
      folders.set(key, group);
      // the zip takes the place of the folder's first file, keeping the node's order
      out.push({ nodeId: f.nodeId, file: { name: `${folder}.zip`, mime: 'application/zip', bytes: new Uint8Array(0) } });
    }
    group.entries[f.file.name.slice(slash + 1)] = f.file.bytes;
  }
  for (const [key, g] of folders) {
    const name = `${key.split('\n')[1]}.zip`;
    const at = out.findIndex((f) => f.nodeId === g.nodeId && f.file.name === name);
    // level 0: chunks are compressed already; storing keeps the zip fast to write and to read.
    out[at] = { nodeId: g.nodeId, file: { name, mime: 'application/zip', bytes: zipSync(g.entries, { level: 0 }) } };
  }

  let workflowBytes: Uint8Array | null = null;
  const exportNodes = [...new Set(out.map((f) => f.nodeId))].filter((id) => {
    const type = doc.nodes.find((n) => n.id === id)?.type;
    return type !== undefined && registry.get(type)?.category === 'export';
  });
  for (const id of exportNodes) {
    const prov = out.find((f) => f.nodeId === id && f.file.name.endsWith('.provenance.json'));
    const base = prov ? prov.file.name.slice(0, -'.provenance.json'.length) : id;
    workflowBytes ??= new TextEncoder().encode(serializeWorkflow(doc));
    const last = out.map((f) => f.nodeId).lastIndexOf(id);
    out.splice(last + 1, 0, { nodeId: id, file: { name: `${base}.workflow.json`, mime: 'application/json', bytes: workflowBytes } });
  }
  return out;
}
