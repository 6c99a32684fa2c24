/** Palette search: every word of the query must appear in the node's title, type, category or help. */
import { CATEGORIES, type AnyNodeDefinition, type NodeCategory } from '../runtime/nodeDefinition';
import { CATEGORY_INFO } from './categories';

export function filterNodes(defs: readonly AnyNodeDefinition[], query: string): Map<NodeCategory, AnyNodeDefinition[]> {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const out = new Map<NodeCategory, AnyNodeDefinition[]>();
  for (const c of CATEGORIES) {
    const list = defs
      .filter((d) => d.category === c)
      .filter((d) => {
        if (!words.length) return true;
        const hay = `${d.title} ${d.type} ${CATEGORY_INFO[c].label} ${c} ${d.help}`.toLowerCase();
        return words.every((w) => hay.includes(w));
      })
      .sort((a, b) => rank(a, words) - rank(b, words) || a.title.localeCompare(b.title));
    if (list.length) out.set(c, list);
  }
  return out;
}

/** Title matches first, then type, then help-only matches. */
function rank(d: AnyNodeDefinition, words: string[]): number {
  if (!words.length) return 0;
  const t = d.title.toLowerCase();
  if (words.every((w) => t.includes(w))) return 0;
  if (words.every((w) => d.type.toLowerCase().includes(w))) return 1;
  return 2;
}
