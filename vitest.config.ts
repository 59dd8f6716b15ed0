import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

const serverTests = ['src/**/*.test.ts', 'bench/**/*.test.ts'];

/**
 * A test needs a database when it (or the helpers it imports) opens one: the test database, the
 * test application, a module's testing fixtures, the platform's database itself, or a whole server.
 */
const databaseImport = /from '[^']*(\/test\/(database|app|authz-matrix[^']*)|\/testing(\/[^']*)?|\/platform\/db|\/bench\/lib\/[^']*|\.\/lib\/[^']*)\.js'/;
const startsServer = /src\/server\/main\.ts/;
const needsDatabase = (file: string) => {
  const text = readFileSync(file, 'utf8');
  return databaseImport.test(text) || startsServer.test(text);
};
const testsUnder = (dir: string) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => join(dir, file));
const serverTestFiles = ['src', 'bench'].flatMap(testsUnder);
const pureTests = serverTestFiles.filter((file) => !needsDatabase(file));

/**
 * A worker runs its test files one after another in one module graph (isolate: false): importing
 * the whole application afresh for each of ~190 files (a new process each) was a fifth of a run's
 * time, and half its CPU on a subset. The files share no state that matters: each opens
 * its own database and builds its own app (with its own cache facility), setup.ts registers the
 * actions again before each file, and nothing mocks modules or changes the environment.
 */
const serverProject = (name: string, include: string[], exclude: string[] = []) => ({
  test: {
    name,
    include,
    exclude,
    setupFiles: ['src/test/setup.ts'],
    environment: 'node' as const,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks' as const,
    isolate: false,
  },
});

/**
 * Projects: "server" holds every unit, operation and route test (run once on PGlite and once on the
 * PostgreSQL server when TEST_DATABASE_URL is set); "unit" is its part that needs no database and
 * "db" the rest (npm run test:unit, npm run test:db); "e2e" holds the browser journeys.
 */
export default defineConfig({
  test: {
    // the pool's own setting: with it left true, the pool ends a worker after each file whatever a
    // project says (the e2e project keeps its isolation inside its single fork)
    isolate: false,
    projects: [
      serverProject('server', serverTests),
      serverProject('unit', pureTests),
      serverProject('db', serverTests, pureTests),
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          globalSetup: ['e2e/support/global-setup.ts'],
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
