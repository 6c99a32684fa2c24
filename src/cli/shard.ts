/**
 * `--shard i/n`: which share of a batch this process runs. Inputs are dealt round-robin over the
 * sorted list, so shards get equal counts (±1) and every input lands in exactly one shard whatever
 * n is — the property a SLURM job array or a Kubernetes Indexed Job relies on.
 */
import { CliError } from './errors';

export interface Shard {
  /** 0-based index of this shard, 0 ≤ index < count (SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX). */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) throw new CliError(`--shard: expected "i/n" with 0 ≤ i < n (e.g. --shard 0/4), got "${text}"`, 2);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index >= count)
    throw new CliError(`--shard ${text}: expected 0 ≤ i < n and n ≥ 1 (shards are numbered from 0), got i = ${index}, n = ${count}`, 2);
  return { index, count };
}

/** The items of this shard, in their original order: positions index, index + n, index + 2n, … */
export function shardItems<T>(items: readonly T[], shard: Shard): T[] {
  return items.filter((_, k) => k % shard.count === shard.index);
}
