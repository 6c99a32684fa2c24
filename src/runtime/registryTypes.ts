import type { AnyNodeDefinition } from './nodeDefinition';

/**
 * Lookup of node definitions. The runtime takes one as an argument (it never imports
 * `src/nodes`), so tests can run the engine with their own nodes (slow, counting, failing).
 */
export interface NodeRegistry {
  get(type: string): AnyNodeDefinition | undefined;
  all(): readonly AnyNodeDefinition[];
}

export function makeRegistry(defs: readonly AnyNodeDefinition[]): NodeRegistry {
  const byType = new Map(defs.map((d) => [d.type, d] as const));
  if (byType.size !== defs.length) {
    const seen = new Set<string>();
    for (const d of defs) {
      if (seen.has(d.type)) throw new Error(`node type registered twice: ${d.type}`);
      seen.add(d.type);
    }
  }
  return { get: (t) => byType.get(t), all: () => defs };
}
