/** A RunContext over a folder of files for node tests: records warnings, emitted files and progress. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EmittedFile, RunContext } from '../../../runtime/nodeDefinition';

export interface FakeContext extends RunContext {
  warnings: string[];
  emitted: EmittedFile[];
  progressCalls: number[];
}

export function fakeContext(dir: string, nodeId = 'n1'): FakeContext {
  const warnings: string[] = [];
  const emitted: EmittedFile[] = [];
  const progressCalls: number[] = [];
  return {
    nodeId,
    signal: new AbortController().signal,
    files: {
      read: async (ref) => new Uint8Array(await readFile(path.join(dir, ref.name))),
      hash: async (ref) => createHash('sha256').update(await readFile(path.join(dir, ref.name))).digest('hex'),
    },
    async progress(fraction) {
      progressCalls.push(fraction);
    },
    warn: (m) => warnings.push(m),
    emit: (f) => emitted.push(f),
    warnings,
    emitted,
    progressCalls,
  };
}
