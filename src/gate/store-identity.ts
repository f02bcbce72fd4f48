import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.ts';
import { sqliteFile } from './store/index.ts';

/**
 * Which lead store a configuration points at, said without a password; and the server's own, recorded by
 * `npm start` in DATA_DIR, so that `npm run leads` run with other settings (no DATABASE_URL in the shell,
 * say) refuses instead of answering from another store.
 */

export interface StoreIdentity {
  kind: 'sqlite' | 'postgres';
  /** SQLite: the database file. PostgreSQL: user@host:port/database, and the schema when the URL sets one. */
  location: string;
}

type StoreSettings = Pick<Config, 'LEAD_STORE' | 'DATABASE_URL' | 'dataDir'>;

/** The file in DATA_DIR where `npm start` records its store. */
export const STORE_RECORD = 'store.json';

/** user@host:port/database of a PostgreSQL URL, with defaults filled in and never the password. */
function postgresLocation(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '(an unreadable DATABASE_URL)';
  }
  const user = decodeURIComponent(parsed.username);
  const host = parsed.hostname.toLowerCase() || parsed.searchParams.get('host') || 'localhost';
  const database = decodeURIComponent(parsed.pathname.slice(1)) || user;
  const schema = /(?:^|\s)-c\s*search_path=([^\s,]+)/.exec(parsed.searchParams.get('options') ?? '')?.[1];
  return `${user ? `${user}@` : ''}${host}:${parsed.port || '5432'}/${database}${schema ? ` schema ${schema}` : ''}`;
}

/** The store these settings open. */
export function storeIdentity(config: StoreSettings): StoreIdentity {
  return config.LEAD_STORE === 'postgres'
    ? { kind: 'postgres', location: postgresLocation(config.DATABASE_URL ?? '') }
    : { kind: 'sqlite', location: sqliteFile(config) };
}

/** "PostgreSQL leads@db.example:5432/leads" or "SQLite /var/lib/reports/leads.sqlite". */
export function describeIdentity(identity: StoreIdentity): string {
  return `${identity.kind === 'postgres' ? 'PostgreSQL' : 'SQLite'} ${identity.location}`;
}

/** Whether two identities are the same store. The record of a SQLite store sits beside its file, in DATA_DIR:
 * the same DATA_DIR seen through another path (a container's volume from the host) is the same store. */
function sameStore(a: StoreIdentity, b: StoreIdentity): boolean {
  return a.kind === b.kind && (a.kind === 'sqlite' || a.location === b.location);
}

/** Writes the server's store to DATA_DIR/store.json (mode 0600), replacing the last record in one step. */
export function recordServerStore(config: StoreSettings, now = new Date()): void {
  const file = join(config.dataDir, STORE_RECORD);
  const record = { ...storeIdentity(config), recordedAt: now.toISOString(), by: 'npm start' };
  writeFileSync(`${file}.tmp`, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

/** The store `npm start` last recorded in DATA_DIR, or undefined when none did (or the record is unreadable). */
export function serverStore(dataDir: string): (StoreIdentity & { recordedAt: string }) | undefined {
  try {
    const record = JSON.parse(readFileSync(join(dataDir, STORE_RECORD), 'utf8')) as Record<string, unknown>;
    if ((record.kind !== 'sqlite' && record.kind !== 'postgres') || typeof record.location !== 'string') {
      return undefined;
    }
    return { kind: record.kind, location: record.location, recordedAt: String(record.recordedAt) };
  } catch {
    return undefined;
  }
}

/** The flag that lets a command read another store than the server's, on purpose (moving leads between stores). */
export const MISMATCH_FLAG = '--store-mismatch-ok';

/**
 * When the settings point at another store than the one the server last recorded in DATA_DIR: a refusal for
 * the operator naming both stores and what to do, and a warning for when the flag overrides it; else
 * undefined (also when no server recorded one here).
 */
export function storeMismatch(config: StoreSettings): { refusal: string; warning: string } | undefined {
  const recorded = serverStore(config.dataDir);
  const here = storeIdentity(config);
  if (!recorded || sameStore(recorded, here)) return undefined;
  const warning = `Reading ${describeIdentity(here)}, not the server's lead store ${describeIdentity(recorded)} (${MISMATCH_FLAG}).`;
  const refusal = [
    `The server's lead store is ${describeIdentity(recorded)} (recorded by npm start in ${join(config.dataDir, STORE_RECORD)} at ${recorded.recordedAt}),`,
    `but this command would read ${describeIdentity(here)}. Nothing was read or changed.`,
    'Run it with the settings the server has: set DATABASE_URL (and LEAD_STORE, DATA_DIR) as the server has them,',
    'in the environment or in a .env file in this directory, as npm start reads them.',
    `To read this other store on purpose (when moving leads from one store to another), add ${MISMATCH_FLAG}.`,
  ].join('\n');
  return { refusal, warning };
}
