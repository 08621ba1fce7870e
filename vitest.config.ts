import { defineConfig } from 'vitest/config';
import { postgresUnavailable } from './tests/support/postgres.ts';

/**
 * The store contract suite: tests that reach the store only through the `Store` interface. They
 * run once per backend: against SQLite in the default project, and against PostgreSQL in the
 * 'postgres' project when PARLEY_TEST_PG_URL names a reachable server (CI always sets it;
 * tests/store.postgres.test.ts says when and why they are skipped).
 */
const STORE_CONTRACT = [
  'tests/timeline.reextract.test.ts',
  'tests/ingest.pipeline.test.ts',
  'tests/fixtures.talks.test.ts',
  'tests/fixtures.heldout.test.ts',
  'tests/digest.pipeline.test.ts',
  'tests/bot.run.test.ts',
  'tests/console.samples.test.ts',
  'tests/hostile.feeds.test.ts',
  'tests/timeline.picture.test.ts',
  'tests/alerts.dispatch.test.ts',
  'tests/alerts.crash.test.ts',
];

export default defineConfig(async () => {
  const unavailable = await postgresUnavailable();
  const shared = { testTimeout: 30_000, hookTimeout: 30_000, pool: 'forks' as const };
  return {
    test: {
      ...shared,
      projects: [
        { extends: true, test: { name: 'sqlite', include: ['tests/**/*.test.ts'] } },
        ...(unavailable === null
          ? [{ extends: true, test: { name: 'postgres', include: STORE_CONTRACT, env: { PARLEY_TEST_STORE: 'postgres' } } }]
          : []),
      ],
    },
  };
});
