import { defineConfig } from 'vitest/config';

// One run covers every package: pure shared logic, the API against real SQLite files, the
// seed generators, and cross-package integration tests (tests/).
// Cheap password hashes for the whole run (scrypt N = 2^4 instead of 2^15, ~0.1 ms instead of
// ~50–100 ms; the suite signs in thousands of times). Set here so the global setups (the
// seeded template's demo users), the test workers and the processes they start all inherit
// it. Refused when NODE_ENV=production (api/src/config.ts).
process.env.PASSWORD_HASH_COST ??= '4';

export default defineConfig({
  test: {
    // CI also writes a JSON summary that .ci/run prints as "N passed, N failed".
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: 'tests/.artifacts/vitest-results.json' }]]
      : ['default'],
    // Two files at a time (vitest's default on a 2-core machine is cores − 1 = 1: the whole
    // run on one core). Each API file runs its server in its own worker, and part of a file's
    // time is spent waiting (child processes, sockets, timers), so two keep both cores busy.
    // The browser files (fileParallelism: false) run after the others, one at a time.
    maxWorkers: 2,
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
          // One module graph per worker, not per file: loading the API and its Prisma client
          // again for each of ~55 files cost ~90 s of CPU per run. Every file starts its own
          // app on its own database, so nothing of one file's state reaches the next.
          isolate: false,
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
