/**
 * The array buffers of a preview, for `Comlink.transfer` from the worker: previews are always
 * freshly allocated (see makePreview), so moving their buffers costs nothing and detaches nothing
 * the engine still holds. Shared buffers are left out (they are shared, not moved).
 */
import type { Preview } from '../engineApi';

export function previewTransferables(p: Preview | null): ArrayBuffer[] {
  if (!p) return [];
  const views: ArrayBufferView[] = [];
  if (p.type === 'plot') {
    for (const s of p.series) views.push(s.x, s.y);
    if (p.time) views.push(p.time);
  } else if (p.type === 'image') {
    views.push(p.data);
    if (p.overlay) views.push(p.overlay.data);
  }
  const out = new Set<ArrayBuffer>();
  for (const v of views) if (v.buffer instanceof ArrayBuffer) out.add(v.buffer);
  return [...out];
}
