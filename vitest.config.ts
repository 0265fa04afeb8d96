import { defineConfig } from 'vitest/config';

// One run covers every package: pure shared logic, the API against real SQLite files, the
// seed generators, and cross-package integration tests (tests/).
export default defineConfig({
  test: {
    // CI also writes a JSON summary that .ci/run prints as "N passed, N failed".
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: 'tests/.artifacts/vitest-results.json' }]]
      : ['default'],
    projects: [
      {
        test: {
          name: 'shared',
          include: ['shared/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'api',
          include: [
            'api/src/**/*.test.ts',
            'prisma/**/*.test.ts',
            'tests/api/**/*.test.ts',
            'tests/realtime/**/*.test.ts',
            'tests/cluster/**/*.test.ts',
          ],
          environment: 'node',
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/global-setup.ts', 'tests/support/e2e-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One browser flow at a time: they share the machine's two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
