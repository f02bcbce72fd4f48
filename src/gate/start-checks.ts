import { createServer } from 'node:net';
import { dirname } from 'node:path';
import type { Config } from './config.ts';
import { DataDirError } from './data-dir.ts';
import { openStore, sqliteFile, type LeadStore } from './store/index.ts';
import { erasureRows } from './webhook/events.ts';

/**
 * What `npm start` checks and starts besides serving, one call each: DATA_DIR usable, the lead store
 * sound, old leads purged. A problem the operator must fix stops the server with its message alone.
 */

/** The lead store cannot be served from; the message says where it is and how to restore it. */
export class StoreUnusable extends Error {
  override name = 'StoreUnusable';
}

/** The server cannot listen where it is configured to; the message names HOST or PORT and the fix. */
export class CannotServe extends Error {
  override name = 'CannotServe';
}

/**
 * Listens on HOST:PORT for a moment and lets go: before a build, so that `npm start` run again beside a
 * server that is already serving stops at once, without rebuilding the files that server serves.
 */
export async function checkAddress({ HOST: host, PORT: port }: Config): Promise<void> {
  const probe = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(port, host, resolve);
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new CannotServe(
        `PORT ${port} is in use on ${host}: is the server already running? Stop it first: \`npm start\` builds when the sources changed, and a build empties the dist/ that server serves. Or set PORT to a free port.`,
      );
    }
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EADDRNOTAVAIL') {
      throw new CannotServe(
        `HOST ${host} is not an address of this machine (${code}): use 127.0.0.1 behind a proxy on this machine, or 0.0.0.0 to listen on every interface.`,
      );
    }
    if (code === 'EACCES') {
      throw new CannotServe(
        `PORT ${port} needs privileges this user does not have: use a port above 1023 behind a proxy.`,
      );
    }
    throw error;
  } finally {
    if (probe.listening) await new Promise((resolve) => probe.close(resolve));
  }
}

/**
 * Settings that let the server start but break something readers notice, each with what to set:
 * in production without SITE_URL, a server behind a TLS proxy sees its requests as http and refuses
 * every form (the browser's Origin is https), and the build's links name http://localhost:4321.
 */
export function warnAboutSettings(
  config: Pick<Config, 'production' | 'SITE_URL'>,
  warn: (message: string) => void = console.warn,
): void {
  if (config.production && !config.SITE_URL) {
    warn(
      'SITE_URL is not set: behind a TLS proxy every form is refused (403, logged as an origin check) and links name localhost. ' +
        'Set SITE_URL to the public origin, like https://reports.example.com, and TRUSTED_PROXIES to the proxy address, like 127.0.0.1.',
    );
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** How to put a backup in place of a damaged database, for the operator. */
export function damagedMessage(file: string, problems: string[]): string {
  const shown = problems.slice(0, 5).map((p) => `    ${p}`);
  if (problems.length > 5) shown.push(`    ... and ${problems.length - 5} more`);
  return [
    `The lead database ${file} is damaged (PRAGMA integrity_check), so the server will not start on it:`,
    ...shown,
    'Restore it from a backup (made with `npm run leads -- backup <file>`):',
    `  1. with the server stopped, move the damaged file aside: mv ${file} ${file}.damaged`,
    `     (and ${file}-wal and ${file}-shm, when they exist)`,
    '  2. put the newest backup in its place, erasing again the people erased since it was made:',
    '     npm run leads -- restore <backup-file>',
    '  3. start the server again. Leads stored after that backup are not in it;',
    `     \`sqlite3 ${file}.damaged .recover\` may save some of them.`,
  ].join('\n');
}

/** Opens the configured store and runs its integrity check; rejects with StoreUnusable when it is damaged. */
export async function openCheckedStore(config: Config): Promise<LeadStore> {
  const postgres = config.LEAD_STORE === 'postgres';
  const where = postgres ? 'in PostgreSQL' : sqliteFile(config);
  let store: LeadStore;
  try {
    store = await openStore(config);
  } catch (error) {
    const message = (error as Error).message;
    // PostgreSQL unreachable, or refusing the login: the store's message names the server, not the password.
    if (postgres) throw new StoreUnusable(`${message}\nCheck DATABASE_URL and that the database server is running.`);
    if (/malformed|not a database|corrupt/i.test(message)) throw new StoreUnusable(damagedMessage(where, [message]));
    if (/newer than this code knows/.test(message)) {
      throw new StoreUnusable(
        `The lead database ${where} cannot be used by this release: ${message.replace(/^Migration \d+ \([^)]*\) failed: /, '')}.\nA newer release wrote it: run the release that wrote it, or restore a backup made by this one.`,
      );
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new StoreUnusable(
        `The lead database ${where} cannot be opened for writing (${code}). The user running the server must own DATA_DIR (${dirname(where)}) and the files in it: fix their owner or mode, or set DATA_DIR to a folder this user can write.`,
      );
    }
    throw error;
  }
  const problems = await store.checkIntegrity();
  if (problems.length > 0) {
    await store.close();
    throw new StoreUnusable(
      postgres
        ? `The lead store in PostgreSQL cannot be read:\n    ${problems.join('\n    ')}`
        : damagedMessage(where, problems),
    );
  }
  return store;
}

/**
 * Removes expired download links, and with LEAD_RETENTION_DAYS set erases the leads last submitted longer
 * ago than that, from `store`: now, and then every day; resolves to a function that stops it.
 */
export async function startRetention(
  config: Config,
  store: LeadStore,
  log: (message: string) => void = console.log,
): Promise<() => void> {
  const days = config.LEAD_RETENTION_DAYS;
  const purge = async () => {
    // Asked together: SQLite commits both in one group.
    const [pruned, erased] = await Promise.all([
      // An expired link serves nothing (a returning browser's token is renewed past its own expiry).
      store.pruneLinks(new Date()),
      // With LEADS_WEBHOOK_URL, the CRM is told of each lead erased (lead.erased), as for an erasure on request.
      days === undefined ? undefined : store.purgeLeads(new Date(Date.now() - days * DAY_MS), erasureRows(config)),
    ]);
    if (pruned > 0) log(`Link retention: removed ${pruned} expired download link${pruned === 1 ? '' : 's'}`);
    if (erased !== undefined) {
      log(`Lead retention (${days} days): erased ${erased} lead${erased === 1 ? '' : 's'} last submitted before then`);
    }
  };
  await purge();
  const timer = setInterval(() => {
    purge().catch((error: unknown) => console.error(`Retention: the purge failed: ${(error as Error).message}`));
  }, DAY_MS);
  // The daily purge never keeps the process alive on its own.
  timer.unref();
  return () => clearInterval(timer);
}

/** Runs a start-time step; a problem for the operator (bad DATA_DIR, damaged store) is printed alone and exits 1. */
export async function orExit<T>(step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (!(error instanceof DataDirError || error instanceof StoreUnusable || error instanceof CannotServe)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
