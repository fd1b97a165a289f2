import { defineConfig } from 'vitest/config';

// Three projects: pure unit tests, and the integration suite once per database backend.
// scripts/test.mjs decides which backends run (PostgreSQL only when a server is reachable).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts', 'web/src/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'pglite', include: ['test/integration/**/*.test.ts'], environment: 'node',
          env: { DANGVU_TEST_DB: 'pglite' }, testTimeout: 60_000, hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'postgres', include: ['test/integration/**/*.test.ts'], environment: 'node',
          env: { DANGVU_TEST_DB: 'postgres' }, testTimeout: 60_000, hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e', include: ['test/e2e/**/*.test.ts'], environment: 'node',
          testTimeout: 120_000, hookTimeout: 300_000, fileParallelism: false,
        },
      },
    ],
  },
});
