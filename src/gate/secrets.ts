import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.ts';

export const SECRET_FILE = 'report-link-secret';
const MIN_LENGTH = 32;

/**
 * The key for signed links: REPORT_LINK_SECRET, or else a random one generated once and kept in the
 * data directory (with a warning, since every server of a deployment must share it). A kept key that
 * is too short (a damaged file) stops the server rather than signing links anyone could forge.
 */
export function linkSecret(config: Config, warn: (message: string) => void = console.warn): string {
  if (config.REPORT_LINK_SECRET) return config.REPORT_LINK_SECRET;
  const file = join(config.dataDir, SECRET_FILE);
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  // Written whole under a temporary name, then linked into place: a reader never sees a partial file,
  // and when two processes race, the first link wins and both use it.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(draft, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(draft);
  }
  // A file an operator put in place, or an earlier version left, may be readable by others: it is the key.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < MIN_LENGTH) {
    throw new Error(
      `${file} holds no usable secret (fewer than ${MIN_LENGTH} characters). Delete it to generate a new one (links already sent stop working), or set REPORT_LINK_SECRET.`,
    );
  }
  warn(
    `REPORT_LINK_SECRET is not set: signing download links with the generated secret in ${file}. Set REPORT_LINK_SECRET when several servers share the leads.`,
  );
  return secret;
}

/**
 * The key a server with these settings signs with, read and never made: REPORT_LINK_SECRET, or the one
 * generated in DATA_DIR; undefined when there is neither (or the file holds no usable secret). For
 * `npm run leads`, which must use the server's key (the erasure log is keyed with it), not one of its own.
 */
export function existingLinkSecret(config: Pick<Config, 'REPORT_LINK_SECRET' | 'dataDir'>): string | undefined {
  if (config.REPORT_LINK_SECRET) return config.REPORT_LINK_SECRET;
  const file = join(config.dataDir, SECRET_FILE);
  if (!existsSync(file)) return undefined;
  const secret = readFileSync(file, 'utf8').trim();
  return secret.length >= MIN_LENGTH ? secret : undefined;
}
