/**
 * One colour per value kind, used by handles, edges and the palette legend, so a user sees which
 * ports fit together before dragging.
 */
import { VALUE_KINDS, type ValueKind } from '../runtime/values';

export const KIND_COLORS: Record<ValueKind, string> = {
  spectrum: '#1f77b4',
  spectra: '#17becf',
  image: '#7f7f7f',
  stack: '#9467bd',
  labels: '#d62728',
  table: '#2ca02c',
  bands: '#ff7f0e',
  model: '#8c564b',
};

/** Colour of a port accepting/producing `kinds`: the single kind's colour, neutral when several. */
export function portColor(kinds: readonly ValueKind[]): string {
  if (kinds.length === 1) return KIND_COLORS[kinds[0]];
  return '#555d66';
}

/** CSS background for a port with several kinds: stripes of each kind's colour. */
export function portBackground(kinds: readonly ValueKind[]): string {
  if (kinds.length <= 1) return portColor(kinds);
  const step = 100 / kinds.length;
  const stops = kinds.map(
    (k, i) => `${KIND_COLORS[k]} ${(i * step).toFixed(1)}% ${((i + 1) * step).toFixed(1)}%`,
  );
  return `conic-gradient(${stops.join(', ')})`;
}

export const KIND_LIST: readonly ValueKind[] = VALUE_KINDS;
