/** How categories are named and coloured in the palette and on node headers. */
import type { NodeCategory } from '../runtime/nodeDefinition';

export const CATEGORY_INFO: Record<NodeCategory, { label: string; color: string }> = {
  io: { label: 'Load', color: '#3b6ea8' },
  clean: { label: 'Clean', color: '#2f8f83' },
  register: { label: 'Register', color: '#7a5ea8' },
  segment: { label: 'Segment', color: '#b4533c' },
  correlate: { label: 'Correlate', color: '#a07a1f' },
  dynamics: { label: 'Dynamics', color: '#8a4f7d' },
  view: { label: 'View', color: '#4f6d7a' },
  export: { label: 'Export', color: '#5a6b2f' },
};

export function categoryOf(type: string): NodeCategory | undefined {
  const c = type.split('.')[0];
  return c in CATEGORY_INFO ? (c as NodeCategory) : undefined;
}
