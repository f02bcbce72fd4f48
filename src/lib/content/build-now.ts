import { BUILD_NOW, parseBuildNow } from '../publication.ts';

/**
 * The moment this build decides what is published by: `BUILD_NOW` when set, else the first time it is
 * asked for, written back to `BUILD_NOW` so that the config, the pages and every integration of one
 * build (and any process it starts) agree, even across midnight.
 */
export function buildNow(env: NodeJS.ProcessEnv = process.env): Date {
  const now = parseBuildNow(env[BUILD_NOW], new Date());
  if (!env[BUILD_NOW]?.trim()) env[BUILD_NOW] = now.toISOString();
  return now;
}
