/**
 * Iterations per round and tiles for Richardson–Lucy over images larger than one binding.
 * k = all iterations in one round moves the image through host memory once but grows each tile
 * by numIter·spread (redundant arithmetic, and it may not fit); k = 1 grows tiles least but moves
 * the image 3× per iteration. Cost of a plan: rounds · Σ padded tile area · (3 transfers ·
 * RL_TRANSFER_COST + k iterations of 2·taps + 3 operations), the cheapest k among those giving
 * distinct round counts.
 */
import { clippedRegion, planTiles2d, type Tile2d } from '../tiles2d';

/**
 * The cost of moving one value between host and GPU, in GPU arithmetic operations. A discrete
 * GPU does thousands of multiply-adds per float the bus moves, a software or integrated one a
 * few; 256 leans to fewer rounds without allowing unbounded redundant work.
 */
const RL_TRANSFER_COST = 256;

export function richardsonLucyTilePlan(
  width: number,
  height: number,
  numIter: number,
  spread: number,
  taps: number,
  maxValues: number,
): { k: number; tiles: Tile2d[] } {
  let best: { k: number; tiles: Tile2d[]; cost: number } | null = null;
  for (let rounds = 1; rounds <= numIter; rounds++) {
    const k = Math.ceil(numIter / rounds);
    if (rounds > 1 && k === Math.ceil(numIter / (rounds - 1))) continue;
    let tiles: Tile2d[];
    try {
      tiles = planTiles2d('richardsonLucy', width, height, k * spread, maxValues, true);
    } catch {
      continue;
    }
    const area = tiles.reduce((a, t) => {
      const r = clippedRegion(t, k * spread, width, height);
      return a + r.w * r.h;
    }, 0);
    const cost = Math.ceil(numIter / k) * area * (3 * RL_TRANSFER_COST + k * (2 * taps + 3));
    if (!best || cost < best.cost) best = { k, tiles, cost };
  }
  if (!best) planTiles2d('richardsonLucy', width, height, spread, maxValues, true); // throws with the reason
  return best!;
}
