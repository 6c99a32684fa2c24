/**
 * The training curves as a plot preview, shared by the live view during training and the node's
 * preview after it: training loss per step, validation loss and validation IoU per class per
 * epoch, all against epochs (a step at fraction s/stepsPerEpoch of its epoch). Per-epoch values are
 * drawn as markers, the step loss as a line.
 */
import type { Preview } from '../../runtime/engineApi';
import type { TrainProgress } from './trainSegmenter';

export function trainCurves(
  steps: readonly TrainProgress[],
  epochs: readonly TrainProgress[],
  classes: readonly string[],
  stepsPerEpoch: number,
): Extract<Preview, { type: 'plot' }> {
  if (!(stepsPerEpoch > 0)) throw new RangeError(`stepsPerEpoch: expected > 0, got ${stepsPerEpoch}`);
  const series: Extract<Preview, { type: 'plot' }>['series'] = [];
  if (steps.length) {
    // Decimate to ≤ 2000 points by keeping every k-th step (the last one always).
    const k = Math.max(1, Math.ceil(steps.length / 2000));
    const idx: number[] = [];
    for (let i = 0; i < steps.length; i += k) idx.push(i);
    if (idx[idx.length - 1] !== steps.length - 1) idx.push(steps.length - 1);
    series.push({
      label: 'loss',
      x: Float64Array.from(idx, (i) => steps[i].step / stepsPerEpoch),
      y: Float64Array.from(idx, (i) => steps[i].loss),
    });
  }
  if (epochs.length) {
    const x = Float64Array.from(epochs, (e) => e.epoch);
    series.push({ label: 'val loss', x, y: Float64Array.from(epochs, (e) => e.valLoss ?? NaN), style: 'markers' });
    classes.forEach((name, c) => {
      series.push({ label: `val IoU ${name}`, x: x.slice(), y: Float64Array.from(epochs, (e) => e.valIou?.[c] ?? NaN), style: 'markers' });
    });
  }
  return { type: 'plot', xAxis: { name: 'epoch', unit: '' }, yAxis: { name: 'loss / IoU', unit: '' }, series };
}
