/**
 * Cancel and progress between the tiles of a tiled kernel (`TileRunOptions`): `before()` stops
 * with the runtime's `AbortError` when the signal is aborted, `after()` counts the tile and
 * reports it. Checked only between tiles: a tile already submitted to the GPU finishes.
 */
import { AbortError } from '../runtime/nodeDefinition';
import type { TileRunOptions } from './computeBackend';

export class TileSteps {
  private done = 0;

  constructor(
    private readonly run: TileRunOptions | undefined,
    readonly total: number,
  ) {}

  /** Before a tile: throws `AbortError` when the run was cancelled. */
  before(): void {
    if (this.run?.signal?.aborted) throw new AbortError();
  }

  /** After a tile: reports done / total (the last call reports total). */
  async after(): Promise<void> {
    this.done++;
    await this.run?.onProgress?.(this.done, this.total);
  }
}
