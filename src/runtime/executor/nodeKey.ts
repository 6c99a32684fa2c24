/**
 * A node's content key: what its outputs depend on and nothing else — type and version, the
 * validated params, the sha256 of every file a `files` param names, and the keys of the upstream
 * outputs it reads. Equal keys mean equal outputs, so the cache may answer; a change of one param
 * or one file's bytes changes this node's key and, through `inputKeys`, every descendant's.
 */
import type { AnyNodeDefinition, FileProvider } from '../nodeDefinition';
import { validateParams, type FileRef, type ParamSchema } from '../params';
import type { WorkflowNode } from '../workflow/types';
import { hashJson } from '../hash';
import { identityHash } from '../files/fileIdentity';

/** The params argument of an erased definition's `run`/`check`/`preview`. */
export type AnyParams = Parameters<AnyNodeDefinition['run']>[1];

export interface ResolvedParams {
  /** Params as the node's `run` receives them (schema keys only, defaults filled in). */
  values: AnyParams;
  /** Params for provenance: file references completed with their sha256 and size. */
  provenance: Record<string, unknown>;
  /** sha256 of each file of each `files` param, in order. */
  fileHashes: Record<string, string[]>;
  /** Problems that stop the node (bad value, failed cross-param check), naming the param. */
  errors: string[];
  /** Non-fatal remarks (unknown params, kept and ignored). */
  warnings: string[];
}

export async function resolveParams(
  node: WorkflowNode,
  def: AnyNodeDefinition,
  files: FileProvider,
): Promise<ResolvedParams> {
  let stored: Record<string, unknown> = node.params ?? {};
  const errors: string[] = [];
  const warnings: string[] = [];
  if (node.typeVersion > def.version) {
    errors.push(
      `typeVersion: saved by a newer version of "${def.type}" (${node.typeVersion}); this app has version ${def.version}`,
    );
  } else if (node.typeVersion < def.version && def.migrate) {
    stored = def.migrate(node.typeVersion, { ...stored });
  }
  const schema: ParamSchema = def.params;
  const { values: all, issues } = validateParams(schema, stored);
  for (const i of issues) (i.param in schema ? errors : warnings).push(i.message);
  const values: Record<string, unknown> = {};
  for (const k of Object.keys(schema)) values[k] = all[k];
  if (!errors.length && def.check) for (const i of def.check(values as AnyParams)) errors.push(i.message);

  const fileHashes: Record<string, string[]> = {};
  const provenance: Record<string, unknown> = { ...values };
  if (!errors.length) {
    for (const [name, spec] of Object.entries(schema)) {
      if (spec.type !== 'files') continue;
      const refs = values[name] as FileRef[];
      if (files.identity) {
        // full sha256 as before, or the sampled identity of a big file (which says it is sampled)
        const ids = await Promise.all(refs.map((r) => files.identity!(r)));
        fileHashes[name] = ids.map(identityHash);
        provenance[name] = refs.map(({ sha256: _s, sampledSha256: _ss, ...r }, i) => {
          const id = ids[i];
          return 'sha256' in id ? { ...r, sha256: id.sha256 } : { ...r, ...id };
        });
      } else {
        const hashes = await Promise.all(refs.map((r) => files.hash(r)));
        fileHashes[name] = hashes;
        provenance[name] = refs.map((r, i) => ({ ...r, sha256: hashes[i] }));
      }
    }
  }
  return { values: values as AnyParams, provenance, fileHashes, errors, warnings };
}

export function nodeKey(
  def: AnyNodeDefinition,
  params: ResolvedParams,
  inputKeys: Record<string, string>,
): Promise<string> {
  // File names are part of the params; their bytes enter through fileHashes.
  return hashJson({ type: def.type, version: def.version, params: params.values, files: params.fileHashes, inputs: inputKeys });
}
