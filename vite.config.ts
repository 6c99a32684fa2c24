/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { viteTfjsWasmThreads } from './scripts/viteTfjsWasmThreads.ts';

// Cross-origin isolation is required for SharedArrayBuffer (big arrays shared with workers).
// The same headers must be set by any server that hosts the built app (see docs/ARCHITECTURE.md).
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  // TF.js's threaded wasm backend runs in the engine worker (and could on the page): both bundles.
  plugins: [react(), viteTfjsWasmThreads()],
  server: { headers: isolationHeaders, port: 5173 },
  preview: { headers: isolationHeaders, port: 4173 },
  worker: { format: 'es', plugins: () => [viteTfjsWasmThreads()] },
  // onnxruntime-web finds its .wasm/.mjs by URL (src/ops/cnn/ortWasmUrls.ts): keep it out of dep pre-bundling.
  optimizeDeps: { exclude: ['onnxruntime-web'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['src/**/__tests__/**/*.test.ts', 'test/unit/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/gpu/**/*.test.ts', 'test/models/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.e2e.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
