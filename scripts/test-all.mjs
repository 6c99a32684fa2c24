#!/usr/bin/env node
// `npm test`: every check the project has, in order — type-check, lint, unit tests, browser
// (end-to-end) tests against a production build. Runs every step even after a failure so one run
// shows everything, then prints the steps and a last line `N passed, N failed` (vitest tests of
// both projects) and exits non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const reportDir = mkdtempSync(join(tmpdir(), 'operando-flow-test-'));

const steps = [];
let passed = 0;
let failed = 0;

function step(name, cmd, args) {
  console.log(`\n=== ${name}: ${[cmd, ...args].map((a) => a.replace(root + '/', '')).join(' ')}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '1' } });
  const ok = r.status === 0;
  steps.push({ name, ok, s: ((Date.now() - t0) / 1000).toFixed(1), why: r.error ? r.error.message : `exit ${r.status ?? r.signal}` });
  return ok;
}

/** Runs one vitest project with a JSON report and adds its counts to the totals. */
function vitest(project) {
  const out = join(reportDir, `${project}.json`);
  const ok = step(`vitest ${project}`, bin('vitest'), ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  try {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
    // A file that fails to load (syntax error, failing beforeAll) has no failed test but fails the suite.
    const brokenSuites = (report.testResults ?? []).filter((s) => s.status === 'failed' && !(s.assertionResults ?? []).some((a) => a.status === 'failed')).length;
    failed += brokenSuites;
  } catch {
    if (!ok) failed += 1; // no report at all: count the project as one failure
  }
  return ok;
}

step('typecheck', bin('tsc'), ['--noEmit', '-p', '.']);
step('lint', bin('eslint'), ['.']);
// Before the unit tests: Chromium brings the SwiftShader Vulkan driver that the WebGPU kernel
// tests (test/gpu, Dawn in Node) run on; without it they print SKIPPED.
const haveChromium = step('ensure-chromium', process.execPath, [join(root, 'scripts', 'ensure-chromium.mjs')]);
step('ensure-webgpu', process.execPath, [join(root, 'scripts', 'ensure-webgpu.mjs')]);
vitest('unit');
const built = step('vite build', bin('vite'), ['build']);
if (haveChromium && built) vitest('e2e');
else {
  steps.push({ name: 'vitest e2e', ok: false, s: '0.0', why: 'skipped: needs chromium and a build' });
  failed += 1;
}

rmSync(reportDir, { recursive: true, force: true });
console.log('\n=== summary');
for (const s of steps) console.log(`${s.ok ? 'ok  ' : 'FAIL'}  ${s.name.padEnd(16)} ${s.s.padStart(6)} s${s.ok ? '' : `  (${s.why})`}`);
const allOk = steps.every((s) => s.ok) && failed === 0;
console.log(`${passed} passed, ${failed} failed`);
process.exit(allOk ? 0 : 1);
