import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import type { Config } from './config.ts';

/** DATA_DIR cannot be used: the message names the variable and what to do, for the operator. */
export class DataDirError extends Error {
  override name = 'DataDirError';
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'it is on a read-only file system',
  ENOTDIR: 'part of the path is a file, not a directory',
  EEXIST: 'it is a file, not a directory',
};

/**
 * Makes DATA_DIR (mode 0700 when new) and checks that the server can write there, before anything is
 * kept in it. Warns when other users can read the directory: the files in it are 0600 in any case.
 */
export function prepareDataDir(config: Pick<Config, 'dataDir'>, warn: (message: string) => void = console.warn): void {
  const dir = config.dataDir;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'EEXIST' });
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (error) {
    const { code = '', message } = error as NodeJS.ErrnoException;
    throw new DataDirError(
      `DATA_DIR (${dir}) cannot be written: ${REASONS[code] ?? message}. Set DATA_DIR to a directory the server's user can write, where the lead database and link secret are kept.`,
      { cause: error },
    );
  }
  const mode = statSync(dir).mode & 0o777;
  if ((mode & 0o044) !== 0) {
    warn(
      `DATA_DIR (${dir}) can be read by other users (mode ${mode.toString(8)}). The files in it are kept to the server's user, but close the directory too: chmod 700 ${dir}`,
    );
  }
}
