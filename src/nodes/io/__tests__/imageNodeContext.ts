/** A RunContext for calling image nodes' `run` directly in tests (not a test file itself). */
import type { EmittedFile, RunContext } from '../../../runtime/nodeDefinition';
import { MemoryFileStore } from '../../../runtime/files/memoryFileStore';

export interface TestContext extends RunContext {
  store: MemoryFileStore;
  warnings: string[];
  emitted: EmittedFile[];
  progressCalls: number[];
}

export function testContext(nodeId = 'n1'): TestContext {
  const store = new MemoryFileStore();
  const ctrl = new AbortController();
  const ctx: TestContext = {
    nodeId,
    signal: ctrl.signal,
    files: store,
    store,
    warnings: [],
    emitted: [],
    progressCalls: [],
    async progress(f) {
      ctx.progressCalls.push(f);
    },
    warn(m) {
      ctx.warnings.push(m);
    },
    emit(file) {
      ctx.emitted.push(file);
    },
  };
  return ctx;
}
