/**
 * The loop every file loader runs: read each referenced file (progress per file, up to `upTo`),
 * record its name, sha256 and size for `meta.sources`, and parse it with `parse`; a parser's
 * error becomes a `NodeInputError` with its message (which names the file and line or field).
 */
import { NodeInputError, type RunContext } from '../../runtime/nodeDefinition';
import type { FileRef } from '../../runtime/params';
import type { SourceFile } from '../../runtime/values';

export async function readFileRefs<T>(
  refs: FileRef[],
  ctx: RunContext,
  parse: (bytes: Uint8Array, ref: FileRef) => T,
  upTo = 0.9,
): Promise<{ items: T[]; sources: SourceFile[] }> {
  const items: T[] = [];
  const sources: SourceFile[] = [];
  for (let i = 0; i < refs.length; i++) {
    const ref = refs[i];
    await ctx.progress((upTo * i) / refs.length, `reading ${ref.name}`);
    const bytes = await ctx.files.read(ref);
    sources.push({ name: ref.name, sha256: await ctx.files.hash(ref), size: bytes.byteLength });
    try {
      items.push(parse(bytes, ref));
    } catch (err) {
      throw new NodeInputError((err as Error).message);
    }
  }
  return { items, sources };
}
