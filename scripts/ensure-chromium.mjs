#!/usr/bin/env node
// Makes sure Debian's Chromium is there for the browser tests (playwright-core drives it; no
// browser download). Installs it with apt when running as root, otherwise explains what to do.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const CHROMIUM = '/usr/bin/chromium';

if (existsSync(CHROMIUM)) {
  console.log(`ensure-chromium: found ${CHROMIUM}`);
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(
    `ensure-chromium: ${CHROMIUM} not found and not running as root, so it cannot be installed here.\n` +
      `Install it with: sudo apt-get update && sudo apt-get install -y chromium`,
  );
  process.exit(1);
}

console.log(`ensure-chromium: ${CHROMIUM} not found, installing with apt-get…`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
try {
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
} catch (e) {
  console.error(`ensure-chromium: apt-get failed (${e instanceof Error ? e.message : e})`);
  process.exit(1);
}
if (!existsSync(CHROMIUM)) {
  console.error(`ensure-chromium: apt-get finished but ${CHROMIUM} is still missing`);
  process.exit(1);
}
console.log(`ensure-chromium: installed ${CHROMIUM}`);
