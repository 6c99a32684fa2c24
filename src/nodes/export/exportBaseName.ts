import { NodeInputError } from '../../runtime/nodeDefinition';

/**
 * The base name of an export's files: the `fileName` param without its extension (`ext`, e.g.
 * /\.h5$/i), or the node id when empty. Folders are refused: files go next to each other.
 */
export function exportBaseName(fileName: string, nodeId: string, ext: RegExp): string {
  const base = (fileName.trim() || nodeId).replace(ext, '');
  if (/[/\\]/.test(base)) throw new NodeInputError(`fileName: expected a file name without folders, got "${fileName}"`);
  if (!base) throw new NodeInputError(`fileName: expected a name before the extension, got "${fileName}"`);
  return base;
}
