import { createHmac } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.ts';
import { existingLinkSecret, SECRET_FILE } from './secrets.ts';
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

type OtherSettings = Pick<Config, 'REPORT_LINK_SECRET' | 'LEADS_WEBHOOK_URL'>;

/**
 * What of the server's other settings `npm run leads` must share, said without a secret: a keyed
 * fingerprint of the link secret (the erasure log is keyed with it), and the CRM webhook's origin.
 */
export interface ServerSettings {
  /** 12 hex digits of an HMAC keyed with the link secret; undefined when there is none. */
  linkSecretId?: string;
  /** The origin of LEADS_WEBHOOK_URL, or null when the server calls no webhook. */
  webhook: string | null;
}

export function linkSecretId(secret: string): string {
  return createHmac('sha256', secret).update('report-link-secret-id-v1').digest('hex').slice(0, 12);
}

const webhookOrigin = (url: string | undefined) => {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return '(an unreadable LEADS_WEBHOOK_URL)';
  }
};

/** The settings of `config` to compare, reading the link secret (never making one). */
export function serverSettings(config: StoreSettings & OtherSettings): ServerSettings {
  const secret = existingLinkSecret(config);
  return { ...(secret && { linkSecretId: linkSecretId(secret) }), webhook: webhookOrigin(config.LEADS_WEBHOOK_URL) };
}

/**
 * Writes the server's store, and its link secret's fingerprint and webhook origin, to DATA_DIR/store.json
 * (mode 0600), replacing the last record in one step.
 */
export function recordServerStore(config: StoreSettings & OtherSettings, now = new Date()): void {
  const file = join(config.dataDir, STORE_RECORD);
  const record = {
    ...storeIdentity(config),
    ...serverSettings(config),
    recordedAt: now.toISOString(),
    by: 'npm start',
  };
  writeFileSync(`${file}.tmp`, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

/** The store `npm start` last recorded in DATA_DIR, or undefined when none did (or the record is unreadable). */
export function serverStore(
  dataDir: string,
): (StoreIdentity & { recordedAt: string; settings?: ServerSettings }) | undefined {
  try {
    const record = JSON.parse(readFileSync(join(dataDir, STORE_RECORD), 'utf8')) as Record<string, unknown>;
    if ((record.kind !== 'sqlite' && record.kind !== 'postgres') || typeof record.location !== 'string') {
      return undefined;
    }
    // A record from before the settings were recorded has no `webhook`: nothing to compare then.
    const settings =
      record.webhook === null || typeof record.webhook === 'string'
        ? {
            ...(typeof record.linkSecretId === 'string' && { linkSecretId: record.linkSecretId }),
            webhook: record.webhook,
          }
        : undefined;
    return { kind: record.kind, location: record.location, recordedAt: String(record.recordedAt), settings };
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

/**
 * How this command's REPORT_LINK_SECRET and LEADS_WEBHOOK_URL differ from the server's last record in
 * DATA_DIR, each said with its fix and without a secret; empty when they agree (or nothing was recorded).
 */
export function settingsMismatch(config: StoreSettings & OtherSettings): string[] {
  const recorded = serverStore(config.dataDir);
  if (!recorded?.settings) return [];
  const here = serverSettings(config);
  const where = `(recorded by npm start in ${join(config.dataDir, STORE_RECORD)} at ${recorded.recordedAt})`;
  const problems: string[] = [];
  const theirs = recorded.settings.linkSecretId;
  if (theirs && here.linkSecretId !== theirs) {
    problems.push(
      here.linkSecretId
        ? `REPORT_LINK_SECRET here is not the server's: its fingerprint is ${here.linkSecretId}, the server's is ${theirs} ${where}. Set REPORT_LINK_SECRET exactly as the server has it.`
        : `REPORT_LINK_SECRET is not set here, and DATA_DIR holds no ${SECRET_FILE} file, but the server has a link secret (fingerprint ${theirs}) ${where}. Set REPORT_LINK_SECRET as the server has it.`,
    );
  }
  if (here.webhook !== recorded.settings.webhook) {
    problems.push(
      recorded.settings.webhook
        ? `The server tells a CRM at ${recorded.settings.webhook} (LEADS_WEBHOOK_URL) ${where}, but ${here.webhook ? `LEADS_WEBHOOK_URL here points at ${here.webhook}` : 'LEADS_WEBHOOK_URL is not set here'}. Set LEADS_WEBHOOK_URL and LEADS_WEBHOOK_SECRET as the server has them.`
        : `LEADS_WEBHOOK_URL is set here (${here.webhook}), but the server calls no CRM webhook ${where}. Unset it, or set it for the server too and restart it.`,
    );
  }
  return problems;
}

/** The setting by which the operator confirms that `npm start` is to take over a DATA_DIR another store's server recorded. */
export const STORE_MOVE_ENV = 'STORE_MOVE_OK';

/**
 * When a server last recorded another store in this DATA_DIR (PostgreSQL, and now SQLite, say): what
 * `npm start` says, refusing to serve an empty store from there and to overwrite the record; else undefined.
 */
export function storeTakeover(config: StoreSettings): string | undefined {
  const recorded = serverStore(config.dataDir);
  const here = storeIdentity(config);
  if (!recorded || sameStore(recorded, here)) return undefined;
  return [
    `DATA_DIR (${config.dataDir}) belongs to a server on ${describeIdentity(recorded)} (recorded in ${join(config.dataDir, STORE_RECORD)} at ${recorded.recordedAt}),`,
    `but these settings would serve ${describeIdentity(here)}. Nothing was started or changed.`,
    'Start with the settings that server has (DATABASE_URL, LEAD_STORE, DATA_DIR), or give this server a DATA_DIR of its own.',
    `To move this DATA_DIR to the new store on purpose, start once with ${STORE_MOVE_ENV}=1.`,
  ].join('\n');
}
