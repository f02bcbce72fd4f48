import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/** Dates print in a fixed time zone, in every project. */
export const env = { TZ: 'America/Los_Angeles' };

/**
 * The `unit` project (`npm run test:unit`): plain tests of src/lib and src/gate, on plain Vite: no Astro
 * config, no content sync, no database server, no child process (those are in the `integration` project,
 * tests/processes, in vitest.config.ts). Under 10 s on a 2-core machine.
 */
export default defineConfig({
  test: {
    name: 'unit',
    include: ['tests/unit/**/*.test.ts'],
    env,
    testTimeout: 20_000,
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // The files of a worker share loaded modules (about 5 s of imports here, a quarter of the run): the unit
    // tests mock nothing and change no environment, and they pass in shuffled orders (--sequence.shuffle).
    isolate: false,
  },
});
