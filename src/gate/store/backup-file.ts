import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Creates the empty backup file, mode 0600 (its folder 0700 when new), before the copy is written into it;
 * refuses a file that exists, so that no earlier backup is overwritten.
 */
export function createBackupFile(target: string): void {
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  try {
    closeSync(openSync(target, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new Error(`${target} already exists: back up to a new file, so that no earlier backup is overwritten.`, {
      cause: error,
    });
  }
}
