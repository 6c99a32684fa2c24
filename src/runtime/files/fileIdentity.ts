/**
 * How a data file is identified in cache keys and provenance: a full sha256 up to
 * FULL_HASH_MAX_BYTES, a sampled sha256 above (see sampledSha256.ts), and the check of a
 * workflow's recorded identity against the file found — shared by the studio's store and the CLI.
 */
import { NodeInputError, type FileProvider } from '../nodeDefinition';
import type { FileRef } from '../params';
import type { SourceFile } from '../values';
import { FULL_HASH_MAX_BYTES } from './sampledSha256';

/** Said in provenance beside a sampled identity, so no one takes it for a hash of every byte. */
export const SAMPLED_IDENTITY_NOTE =
  'sampled: sha256(size ‖ first 4 MiB ‖ 16 evenly spaced 1 MiB blocks ‖ last 4 MiB), not a hash of the whole file';

export type FileIdentity =
  | { sha256: string; size: number }
  | { sampledSha256: string; size: number; lastModified?: number; identity: typeof SAMPLED_IDENTITY_NOTE };

/** The hex string cache keys use: the full or the sampled sha256. */
export function identityHash(id: FileIdentity): string {
  return 'sha256' in id ? id.sha256 : id.sampledSha256;
}

/** True when a file of this size is identified by a sampled sha256. */
export function isSampledSize(size: number): boolean {
  return size > FULL_HASH_MAX_BYTES;
}

/**
 * Throws when the workflow's record (`sha256` or `sampledSha256` on the reference) does not match
 * the file found, or asks for a full hash of a file identified by samples. `where` names the file.
 */
export function checkRecordedIdentity(ref: FileRef, id: FileIdentity, where: string): void {
  const short = (h: string) => `${h.slice(0, 12)}…`;
  if ('sha256' in id) {
    if (ref.sha256 && ref.sha256.toLowerCase() !== id.sha256)
      throw new NodeInputError(`${where}: content differs from the workflow's record (sha256 ${short(ref.sha256)}, found ${short(id.sha256)})`);
    if (ref.sampledSha256)
      throw new NodeInputError(
        `${where}: the workflow records a sampled identity (a file over ${FULL_HASH_MAX_BYTES / 2 ** 20} MiB), but this file has ${id.size} bytes`,
      );
    return;
  }
  if (ref.sampledSha256 && ref.sampledSha256.toLowerCase() !== id.sampledSha256)
    throw new NodeInputError(
      `${where}: content differs from the workflow's record (sampledSha256 ${short(ref.sampledSha256)}, found ${short(id.sampledSha256)})`,
    );
  if (ref.sha256 && !ref.sampledSha256)
    throw new NodeInputError(
      `${where}: the workflow records a full sha256, but files over ${FULL_HASH_MAX_BYTES / 2 ** 20} MiB are identified by samples ` +
        `(hashing all ${(id.size / 2 ** 30).toFixed(1)} GiB would take minutes); record "sampledSha256": "${id.sampledSha256}" instead`,
    );
}

/** The `meta.sources` entry of a file a loader read: name plus its identity (full or sampled). */
export async function sourceFile(files: FileProvider, ref: FileRef, size?: number): Promise<SourceFile> {
  if (files.identity) return { name: ref.name, ...(await files.identity(ref)) };
  return { name: ref.name, sha256: await files.hash(ref), ...(size === undefined ? {} : { size }) };
}
