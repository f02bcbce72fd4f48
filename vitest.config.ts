import { getViteConfig } from 'astro/config';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { env } from './vitest.unit.config.ts';

/**
 * Every Vitest project (`vitest run` runs them all; each also has its own npm script):
 * - `unit`: plain tests of src/lib and src/gate, in vitest.unit.config.ts so that running it alone
 *   loads no Astro config at all;
 * - `integration`: tests/processes, the tests with real processes and databases: the lead stores on SQLite
 *   files and on PostgreSQL (the test cluster of tests/setup/postgres.ts), the command-line scripts and
 *   `npm start`'s checks as child processes, the outbox against real SMTP and HTTP receivers;
 * - `components`: the container API, through Astro's Vite config, on the content store `astro sync` writes;
 * - `build`: builds of the site and the real server over HTTP, with long timeouts;
 * - `hostile`: thousands of generated hostile requests against the real server (`npm run test:hostile`);
 * - `crash`: the real server killed with SIGKILL under load, and what it acknowledged (`npm run test:crash`);
 * - `postgres`: two real servers on one PostgreSQL database (`npm run test:postgres`), on the test cluster
 *   that tests/setup/postgres.ts finds or starts.
 */
export default defineConfig({
  test: {
    projects: [
      'vitest.unit.config.ts',
      {
        test: {
          name: 'integration',
          include: ['tests/processes/**/*.test.ts'],
          globalSetup: ['tests/setup/postgres.ts'],
          env,
          testTimeout: 20_000,
          // At least two files at once, even on two cores: these tests spend most of their time waiting on
          // PostgreSQL and child processes.
          maxWorkers: Math.max(2, availableParallelism() - 1),
          isolate: false,
        },
      },
      getViteConfig({
        test: {
          name: 'components',
          include: ['tests/components/**/*.test.ts'],
          globalSetup: ['tests/setup/content-store.ts'],
          env,
          testTimeout: 20_000,
        },
      }),
      {
        test: {
          name: 'build',
          include: ['tests/build/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          env,
          testTimeout: 60_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'hostile',
          include: ['tests/hostile/**/*.test.ts'],
          env,
          testTimeout: 240_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: { name: 'crash', include: ['tests/crash/**/*.test.ts'], env, testTimeout: 240_000, hookTimeout: 300_000 },
      },
      {
        test: {
          name: 'postgres',
          include: ['tests/postgres/**/*.test.ts'],
          globalSetup: ['tests/setup/postgres.ts'],
          env,
          testTimeout: 60_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
