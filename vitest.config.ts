import { defineConfig } from 'vitest/config';

// Three projects: unit (fast, no services), integration (real server, SQLite + PostgreSQL, official SDKs),
// e2e (browser). `npm test` runs them all through scripts/run-tests.js. Files run one at a time:
// integration files share PostgreSQL and the machine has 2 cores.
export default defineConfig({
  test: {
    fileParallelism: false,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts'],
          exclude: ['**/*.int.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['packages/*/src/**/*.int.test.ts', 'packages/*/test/**/*.int.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      { test: { name: 'e2e', include: ['e2e/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 300_000 } },
    ],
  },
});
