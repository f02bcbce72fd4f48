import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig, type Config } from './config.ts';

/**
 * Reads `.env` in the working directory into the environment, when there is one: the one way `npm start`
 * and `npm run leads` read it (Node's own parser, process.loadEnvFile). A variable already set in the
 * environment wins over the file. Returns the file read.
 */
export function loadEnvFile(dir = process.cwd()): string | undefined {
  const file = join(dir, '.env');
  if (!existsSync(file)) return undefined;
  process.loadEnvFile(file);
  return file;
}

/**
 * The server configuration for a command-line script, from the environment and `.env` (loadEnvFile): on a
 * wrong value, print what is wrong and exit 1. `quiet`: no line saying which `.env` was read.
 */
export function configOrExit(options: { quiet?: boolean } = {}): Config {
  try {
    const file = loadEnvFile();
    if (file && !options.quiet) console.error(`Settings read from ${file} (the environment wins over it).`);
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) {
      // An unreadable .env: its path and reason, not a stack trace.
      if ((error as NodeJS.ErrnoException).code) {
        console.error(`.env cannot be read: ${(error as Error).message}`);
        process.exit(1);
      }
      throw error;
    }
    console.error(error.message);
    process.exit(1);
  }
}
