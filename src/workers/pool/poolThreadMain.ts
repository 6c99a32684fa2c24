/**
 * The body of a pool thread (browser module worker or Node worker_thread): runs each task's lane
 * and replies 'frame' after each frame and 'done' (with a frame's failure, if any) at the end.
 */
import type { PoolReply, PoolTask } from './poolProtocol';
import { viewOf } from './poolProtocol';
import { runLane } from './runLane';

export function poolThreadMain(post: (reply: PoolReply) => void): (task: PoolTask) => Promise<void> {
  return async (task) => {
    const failure = await runLane(
      {
        kernel: task.kernel,
        params: task.params,
        input: viewOf(task.input),
        output: viewOf(task.output) as Float32Array,
        width: task.width,
        height: task.height,
        frames: task.frames,
        control: new Int32Array(task.control),
      },
      () => post({ type: 'frame', taskId: task.taskId }),
    );
    post({ type: 'done', taskId: task.taskId, failure });
  };
}
