import { describe, expect, it } from 'vitest';
import { formatBytes, groupStorage } from '../storageSummary';
import type { StorageUsage } from '../../runtime/storage/spillStore';

describe('storage panel summary', () => {
  it('groups spill files by workflow then node, largest first, summing bytes', () => {
    const f = (workflow: string, nodeId: string, port: string, bytes: number) => ({ workflow, nodeId, port, bytes, name: `${workflow}-${nodeId}-${port}` });
    const usage: StorageUsage = {
      usage: 5e9, quota: 1e11, thresholdBytes: 64 << 20, available: true, spilledBytes: 0,
      files: [f('A', 'n1', 'out', 10), f('B', 'n2', 'image', 300), f('A', 'n3', 'out', 50), f('A', 'n1', 'mask', 5)],
    };
    expect(groupStorage(usage)).toEqual([
      { workflow: 'B', bytes: 300, nodes: [{ nodeId: 'n2', ports: ['image'], bytes: 300, files: 1 }] },
      { workflow: 'A', bytes: 65, nodes: [{ nodeId: 'n3', ports: ['out'], bytes: 50, files: 1 }, { nodeId: 'n1', ports: ['out', 'mask'], bytes: 15, files: 2 }] },
    ]);
    expect(groupStorage({ ...usage, files: [] })).toEqual([]);
  });

  it('formats bytes in decimal units, and unknown as a dash', () => {
    expect([formatBytes(0), formatBytes(999), formatBytes(1500), formatBytes(20e9), formatBytes(null), formatBytes(Infinity)]).toEqual(['0 B', '999 B', '1.5 KB', '20.0 GB', '—', '—']);
  });
});
