#!/usr/bin/env node
// Runs the TypeScript CLI straight from a checkout: tsx compiles on the fly, so no build step.
import { register } from 'tsx/esm/api';

register();
// Frame-parallel nodes run on worker_threads, one per core less this one.
const { installNodeFramePool } = await import('../src/workers/pool/installNodeFramePool.ts');
installNodeFramePool();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
