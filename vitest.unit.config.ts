import { defineConfig } from 'vitest/config';

/** Dates print in a fixed time zone, in every project. */
export const env = { TZ: 'America/Los_Angeles' };

/**
 * The `unit` project (`npm run test:unit`): plain tests of src/lib and src/server, on plain Vite: no Astro
 * config, no content sync.
 */
export default defineConfig({
  test: {
    name: 'unit',
    include: ['tests/unit/**/*.test.ts'],
    // The lead store suite runs over PostgreSQL too: a test cluster, started here when none is given.
    globalSetup: ['tests/setup/postgres.ts'],
    env,
    testTimeout: 20_000,
  },
});
