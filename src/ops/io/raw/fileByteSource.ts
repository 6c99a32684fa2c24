import type { FileProvider } from '../../../runtime/nodeDefinition';
import type { FileRef } from '../../../runtime/params';
import { byteSource, type ByteSource } from './byteSource';

/**
 * A ByteSource for a workflow file: ranged reads through the provider's `readRange` where it has one
 * (the CLI's folder provider, the studio's file store), otherwise the whole file read once.
 */
export async function fileByteSource(files: FileProvider, ref: FileRef): Promise<ByteSource> {
  if (files.readRange && files.size) {
    const readRange = files.readRange.bind(files);
    const size = await files.size(ref);
    return { name: ref.name, size, read: (start, end) => readRange(ref, start, end) };
  }
  return byteSource(ref.name, await files.read(ref));
}
