import { defineConfig } from 'vitest/config';

/**
 * Files that run a second time on dynalite, the engine `npm start` falls back to without Java, so
 * that fallback stays honest: intake's non-transactional path, routing and officers' work end to
 * end, and a restart on disk.
 */
const ON_DYNALITE = [
  'test/integration/intake.test.ts',
  'test/integration/routing.test.ts',
  'test/integration/officer-work.test.ts',
  'test/integration/local-restart.test.ts',
];

export default defineConfig({
  test: {
    // Integration suites start a whole local cloud each; two cores run two files at a time.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each project names its own files: `extends` would add the root's include to a project's.
    projects: [
      {
        extends: true,
        // Every file, on DynamoDB Local: one shared JVM for the run (test/setup/dynamodb-local.ts).
        test: {
          name: 'dynamodb-local',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/setup/dynamodb-local.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'dynalite', include: ON_DYNALITE, env: { DYNAMODB_ENGINE: 'dynalite' } },
      },
    ],
  },
});
