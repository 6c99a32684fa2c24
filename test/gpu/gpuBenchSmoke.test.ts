/**
 * The GPU bench (bench/gpu) at --smoke sizes, the way the device machine runs it: bundled into one
 * .mjs in a folder outside the repo (so nothing resolves from node_modules), Dawn's addon by path,
 * then the report step. Every case must run and agree with the CPU backend within its tolerance.
 * On SwiftShader the timings mean nothing; what matters is that the bundle still works.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { gpu, reason } from './gpuTestSetup';
import { bundleGpuBench } from '../../bench/gpu/bundleGpuBench';
import { GPU_CASES } from '../../bench/gpu/gpuCases';
import { findDawnAddon } from '../../bench/gpu/loadDawn';
import type { GpuBenchReport } from '../../bench/gpu/gpuRun';
import type { PeerReport } from '../../bench/gpu/gpuReport';
import { SLICE } from '../../bench/inputs';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
/** The PyTorch peer runs on the CPU here (--cpu) when Debian's python3-torch is installed. */
const torchMissing = spawnSync(PYTHON, ['-c', 'import torch, tifffile'], { encoding: 'utf8' }).status !== 0;
const dir = mkdtempSync(join(tmpdir(), 'gpubench-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!gpu)(`GPU bench bundle, --smoke${gpu ? '' : ` (SKIPPED: ${reason})`}`, () => {
  it('runs every case from the bundle alone and agrees with the CPU backend', async () => {
    const bundle = join(dir, 'gpubench.mjs');
    await bundleGpuBench(bundle);
    const ours = join(dir, 'ours.json');
    const { stdout } = await run(
      process.execPath,
      [bundle, 'run', '--smoke', '--dawn', findDawnAddon(), '--slice', SLICE, '--out', ours, '--samples', join(dir, 'samples')],
      { cwd: dir, timeout: 150_000 },
    );
    expect(stdout).toContain('[gpubench] adapter:');
    const r = JSON.parse(readFileSync(ours, 'utf8')) as GpuBenchReport;
    expect(r.smoke).toBe(true);
    expect(r.adapter.summary.length).toBeGreaterThan(0);
    expect(r.adapter.limits.maxStorageBufferBindingSize).toBeGreaterThan(0);
    expect(r.cases.map((c) => c.id)).toEqual(GPU_CASES.map((c) => c.id));
    for (const c of r.cases) {
      expect(c.error, c.id).toBeUndefined();
      expect(c.gpu!.medianMs, c.id).toBeGreaterThan(0);
      expect(c.cpuMs, c.id).toBeGreaterThan(0);
      expect(c.agreement!, c.id).toBeLessThanOrEqual(c.tolerance);
      expect(c.sampleCount, c.id).toBe(Math.min(c.resultLength, 65536));
    }

    const md = join(dir, 'gpu-results.md');
    await run(process.execPath, [bundle, 'report', '--ours', ours, '--md', md, '--json', join(dir, 'gpu-results.json'), '--command', 'smoke test'], {
      cwd: dir,
      timeout: 30_000,
    });
    const text = readFileSync(md, 'utf8');
    expect(text).toContain('Not GPU numbers');
    for (const c of GPU_CASES) expect(text).toContain(`| ${c.id}: `);
  }, 180_000);

  // Uses the previous test's samples: PyTorch's kernels must compute what ours compute.
  it.skipIf(torchMissing)(`PyTorch peer (--cpu) agrees with our WebGPU results${torchMissing ? ' (SKIPPED: no python3 torch)' : ''}`, async () => {
    const peer = join(dir, 'peer.json');
    await run(PYTHON, ['bench/gpu/peer_gpu.py', '--smoke', '--cpu', '--samples', join(dir, 'samples'), '--out', peer], { timeout: 120_000 });
    const p = JSON.parse(readFileSync(peer, 'utf8')) as PeerReport;
    expect(p.device).toBe('cpu');
    for (const c of GPU_CASES) {
      const r = p.cases[c.id];
      expect(r.error, c.id).toBeUndefined();
      expect(r.ms, c.id).toBeGreaterThan(0);
      // Independent float32 round-off on each side: the case tolerance, at least 1e-6.
      expect(r.agreement!, c.id).toBeLessThanOrEqual(Math.max(c.tolerance, 1e-6));
    }
  }, 150_000);
});
if (torchMissing) console.warn('SKIPPED: GPU bench peer test (no /usr/bin/python3 with torch and tifffile)');
