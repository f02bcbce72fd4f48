import { availableParallelism } from 'node:os';
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
    // At least two files at once, even on two cores: the store and CLI tests spend most of their time waiting
    // on PostgreSQL and child processes (19 s here, against 31 s with Vitest's default of one worker).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // The files of a worker share loaded modules (about 5 s of imports here, a quarter of the run): the unit
    // tests mock nothing and change no environment, and they pass in shuffled orders (--sequence.shuffle).
    isolate: false,
  },
});
