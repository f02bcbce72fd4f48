import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.ts';

export const SECRET_FILE = 'report-link-secret';

/**
 * The key for signed links: REPORT_LINK_SECRET, or else a random one generated once and kept in the
 * data directory (with a warning, since every server of a deployment must share it).
 */
export function linkSecret(config: Config, warn: (message: string) => void = console.warn): string {
  if (config.REPORT_LINK_SECRET) return config.REPORT_LINK_SECRET;
  const file = join(config.dataDir, SECRET_FILE);
  let secret: string;
  try {
    secret = readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(config.dataDir, { recursive: true });
    try {
      writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    secret = readFileSync(file, 'utf8').trim();
  }
  warn(
    `REPORT_LINK_SECRET is not set: signing download links with the generated secret in ${file}. Set REPORT_LINK_SECRET when several servers share the leads.`,
  );
  return secret;
}
