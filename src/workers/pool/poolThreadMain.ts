/**
 * The body of a pool thread (browser module worker or Node worker_thread): runs each task's lane
 * and replies 'frame' after each frame and 'done' (with a frame's failure, if any) at the end.
 */
import type { PoolReply, PoolTask } from './poolProtocol';
import { viewOf } from './poolProtocol';
import { runLane } from './runLane';
import { releaseKernelScratch } from './poolKernels';

export function poolThreadMain(post: (reply: PoolReply) => void): (task: PoolTask) => Promise<void> {
  return async (task) => {
    const failure = await runLane(
      {
        kernel: task.kernel,
        params: task.params,
        input: viewOf(task.input),
        output: task.output ? (viewOf(task.output) as Float32Array) : null,
        values: task.values ? (viewOf(task.values) as Float64Array) : null,
        valuesPerFrame: task.valuesPerFrame,
        width: task.width,
        height: task.height,
        frames: task.frames,
        control: new Int32Array(task.control),
      },
      () => post({ type: 'frame', taskId: task.taskId }),
    );
    // A thread outlives its tasks: scratch kept for a stack's frames must not outlive the stack.
    releaseKernelScratch();
    post({ type: 'done', taskId: task.taskId, failure });
  };
}
