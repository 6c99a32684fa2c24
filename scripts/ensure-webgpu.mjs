#!/usr/bin/env node
// Makes sure WebGPU can start in Node for the GPU kernel tests (test/gpu): the `webgpu` npm package
// (Dawn) needs the Vulkan loader (Debian `libvulkan1`) and a Vulkan driver; without a GPU that is
// Chromium's SwiftShader ICD (Debian `chromium`, see scripts/ensure-chromium.mjs). Installs the
// missing packages with apt when running as root, otherwise explains what to do. The tests find
// the ICD themselves (src/compute/nodeWebGpu.ts); nothing is downloaded at run time.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const LOADERS = [
  '/usr/lib/x86_64-linux-gnu/libvulkan.so.1',
  '/usr/lib/aarch64-linux-gnu/libvulkan.so.1',
  '/usr/lib/libvulkan.so.1',
];
const ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

const missing = [];
if (!LOADERS.some((p) => existsSync(p))) missing.push('libvulkan1');
if (!existsSync(ICD)) missing.push('chromium');

if (missing.length === 0) {
  console.log(`ensure-webgpu: found the Vulkan loader and ${ICD}`);
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(
    `ensure-webgpu: missing ${missing.join(', ')} and not running as root, so they cannot be installed here.\n` +
      `Install with: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}\n` +
      'Without them the WebGPU kernel tests print SKIPPED.',
  );
  process.exit(1);
}

console.log(`ensure-webgpu: installing ${missing.join(', ')} with apt-get…`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
try {
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
} catch (e) {
  console.error(`ensure-webgpu: apt-get failed (${e instanceof Error ? e.message : e})`);
  process.exit(1);
}
if (!LOADERS.some((p) => existsSync(p)) || !existsSync(ICD)) {
  console.error('ensure-webgpu: apt-get finished but the Vulkan loader or the SwiftShader ICD is still missing');
  process.exit(1);
}
console.log('ensure-webgpu: installed');
