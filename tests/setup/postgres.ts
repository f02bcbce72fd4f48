import type { TestProject } from 'vitest/node';
import { testDatabase, type TestDatabase } from './postgres-cluster.ts';

declare module 'vitest' {
  interface ProvidedContext {
    /** The PostgreSQL the tests run against, or why there is none. */
    postgres: TestDatabase;
  }
}

/**
 * Vitest global setup of the projects with PostgreSQL tests: finds or starts the test cluster once for the
 * run (see testDatabase) and stops it at the end when it started it.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const { database, stop } = await testDatabase();
  project.provide('postgres', database);
  return stop;
}
