import { defineConfig } from 'vitest/config';

/**
 * Two projects: "server" holds unit, operation and route tests (run once on PGlite and once on the
 * PostgreSQL server when TEST_DATABASE_URL is set); "e2e" holds the browser journeys.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
          setupFiles: ['src/test/setup.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 300_000,
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
