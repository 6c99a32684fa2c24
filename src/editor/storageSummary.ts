/**
 * What the storage panel lists, from the engine's `StorageUsage`: spill files grouped by workflow
 * then node (largest first), and byte counts in words. Pure, tested without a browser.
 */
import type { StorageUsage } from '../runtime/storage/spillStore';

export interface StorageGroup {
  workflow: string;
  bytes: number;
  nodes: { nodeId: string; ports: string[]; bytes: number; files: number }[];
}

/** `0 B`, `512 B`, `1.5 KB`, `20.0 GB` (decimal units, as `navigator.storage.estimate()` reports). */
export function formatBytes(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return '—';
  if (n < 1000) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = -1;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v.toFixed(1)} ${units[u]}`;
}

export function groupStorage(usage: StorageUsage): StorageGroup[] {
  const groups = new Map<string, StorageGroup>();
  for (const f of usage.files) {
    const g = groups.get(f.workflow) ?? { workflow: f.workflow, bytes: 0, nodes: [] };
    groups.set(f.workflow, g);
    g.bytes += f.bytes;
    let node = g.nodes.find((n) => n.nodeId === f.nodeId);
    if (!node) g.nodes.push((node = { nodeId: f.nodeId, ports: [], bytes: 0, files: 0 }));
    node.bytes += f.bytes;
    node.files++;
    if (f.port && !node.ports.includes(f.port)) node.ports.push(f.port);
  }
  const out = [...groups.values()].sort((a, b) => b.bytes - a.bytes);
  for (const g of out) g.nodes.sort((a, b) => b.bytes - a.bytes);
  return out;
}
