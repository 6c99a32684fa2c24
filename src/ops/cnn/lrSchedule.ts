/**
 * Learning rate at a training step, as SegmentPy's schedules: `ramp` (staircase decay)
 * `lr0·k^floor(step/period)`, `exponential` (smooth) `lr0·k^(step/period)`, `constant` `lr0`.
 * SegmentPy counts `period` in epochs (`nb_batch·period` steps); here it is in steps, so pass
 * `period = stepsPerEpoch · epochs` for the same schedule.
 */
export type LrScheduleKind = 'ramp' | 'exponential' | 'constant';

export interface LrScheduleOptions {
  /** Initial learning rate lr0 (> 0). @default 1e-3 */
  lr0?: number;
  /** Schedule. @default 'ramp' */
  kind?: LrScheduleKind;
  /** Decay factor per period k (0 < k ≤ 1). @default 0.5 */
  k?: number;
  /** Period in steps (≥ 1). @default 100 */
  period?: number;
}

export function lrSchedule(step: number, options: LrScheduleOptions = {}): number {
  const lr0 = options.lr0 ?? 1e-3;
  const kind = options.kind ?? 'ramp';
  const k = options.k ?? 0.5;
  const period = options.period ?? 100;
  if (!Number.isInteger(step) || step < 0) throw new RangeError(`step: expected an integer ≥ 0, got ${step}`);
  if (!(lr0 > 0) || !Number.isFinite(lr0)) throw new RangeError(`lr0: expected a finite number > 0, got ${lr0}`);
  if (!(k > 0 && k <= 1)) throw new RangeError(`k: expected 0 < k ≤ 1, got ${k}`);
  if (!(period >= 1)) throw new RangeError(`period: expected ≥ 1 step, got ${period}`);
  switch (kind) {
    case 'constant':
      return lr0;
    case 'exponential':
      return lr0 * Math.pow(k, step / period);
    case 'ramp':
      return lr0 * Math.pow(k, Math.floor(step / period));
    default:
      throw new RangeError(`kind: expected 'ramp', 'exponential' or 'constant', got ${JSON.stringify(kind)}`);
  }
}
