import { runPgTool } from './pg-tools.ts';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Config } from '../config.ts';
import { sqliteFile } from './index.ts';

/** What a restore says, for the operator, and how to put back the database it replaced. */
export interface Restored {
  note: string;
  /** Puts the replaced database back; what it says. */
  undo?: () => Promise<string>;
}

/**
 * Puts a backup (`npm run leads -- backup`) in place of the store's data, with every server stopped: a
 * SQLite copy in place of DATA_DIR's database (the one it replaces kept aside), once it is checked and
 * migrated; or a pg_dump archive restored over the PostgreSQL database (the one it replaces dumped first,
 * next to the backup). The erasure log is replayed after it by the caller (see lead-commands.ts
 * `restoreStore`), which calls `undo` when that fails.
 */
export async function restoreBackup(config: Config, backup: string): Promise<Restored> {
  if (!existsSync(backup))
    throw new Error(`${backup} does not exist: name a file made by \`npm run leads -- backup\`.`);
  return config.LEAD_STORE === 'postgres'
    ? restorePostgres(config.DATABASE_URL!, backup)
    : restoreSqlite(config, backup);
}

function syncFile(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The problems SQLite's integrity check finds in a file, or why it is no database at all. */
function problemsOf(file: string): string[] {
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(file, { readOnly: true });
    const rows = db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[];
    const problems = rows.map((row) => row.integrity_check).filter((line) => line !== 'ok');
    const leads = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'leads'").get();
    return leads ? problems : [...problems, 'it has no leads table'];
  } catch (error) {
    return [(error as Error).message];
  } finally {
    db?.close();
  }
}

/**
 * True when no other connection (a running server) has the database open: an exclusive lock is only
 * granted then. The connection closes cleanly, so the write-ahead log is copied in and removed.
 */
function alone(file: string): boolean {
  const db = new DatabaseSync(file);
  try {
    db.exec('PRAGMA busy_timeout = 1000; PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT');
    return true;
  } catch (error) {
    if (/locked|busy/i.test((error as Error).message)) return false;
    throw error;
  } finally {
    db.close();
  }
}

/** The schema as `sqlite_master` holds it, without SQLite's statistics. */
function schemaOf(file: string): Map<string, string> {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const rows = db
      .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY name")
      .all() as { type: string; name: string; sql: string | null }[];
    return new Map(rows.map((row) => [`${row.type} ${row.name}`, row.sql ?? '']));
  } finally {
    db.close();
  }
}

function columnsOf(file: string, table: string): string[] {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return (db.prepare(`PRAGMA table_info("${table.replace(/"/g, '""')}")`).all() as { name: string }[]).map(
      (c) => c.name,
    );
  } finally {
    db.close();
  }
}

/**
 * How the schema of `file` differs from what this release's migrations make in a new database: a
 * trigger, a view, a table or a column of its own would keep, or copy, what an erasure removes.
 */
async function schemaDifferences(file: string): Promise<string[]> {
  const { openSqliteStore } = await import('./sqlite.ts');
  const dir = mkdtempSync(join(tmpdir(), 'leads-schema-'));
  try {
    const fresh = join(dir, 'leads.sqlite');
    await (await openSqliteStore(fresh)).close();
    const expected = schemaOf(fresh);
    const found = schemaOf(file);
    const problems: string[] = [];
    for (const [entry, sql] of found) {
      if (!expected.has(entry)) problems.push(`${entry} is not made by the migrations`);
      else if (expected.get(entry) !== sql) {
        const [type, name] = entry.split(' ') as [string, string];
        const extra = type === 'table' ? columnsOf(file, name).filter((c) => !columnsOf(fresh, name).includes(c)) : [];
        problems.push(
          extra.length > 0
            ? `table ${name} has columns the migrations do not make: ${extra.join(', ')}`
            : `${entry} differs from what the migrations make`,
        );
      }
    }
    for (const entry of expected.keys()) if (!found.has(entry)) problems.push(`${entry} is missing`);
    return problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The databases earlier restores kept aside in DATA_DIR (`leads.sqlite.before-restore-…`), oldest first. */
export function keptCopies(config: Pick<Config, 'dataDir'>): string[] {
  const file = sqliteFile(config);
  const prefix = `${basename(file)}.before-restore-`;
  if (!existsSync(dirname(file))) return [];
  return readdirSync(dirname(file))
    .filter((name) => name.startsWith(prefix) && !/-(wal|shm|journal)$/.test(name))
    .sort()
    .map((name) => join(dirname(file), name));
}

const removeDatabase = (file: string) => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
};

async function restoreSqlite(config: Config, backup: string): Promise<Restored> {
  const file = sqliteFile(config);
  const refuse = (problems: string[]) =>
    new Error(
      `${backup} is not a sound lead database backup, so nothing was restored: ${problems.slice(0, 3).join('; ')}`,
    );
  const problems = problemsOf(backup);
  if (problems.length > 0) throw refuse(problems);
  if (existsSync(file) && !alone(file)) {
    throw new Error(
      `The lead database ${file} is in use: a server (or another command) has it open. Stop the server, then restore; nothing was changed.`,
    );
  }
  // Copied under a temporary name, checked, migrated and synced, then renamed into place: never a
  // half-copied database, nor one that fails after it replaced the live one.
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const draft = `${file}.restoring-${process.pid}`;
  copyFileSync(backup, draft);
  chmodSync(draft, 0o600);
  try {
    // Rebuilt without free pages: a backup made by an earlier release (page by page) may keep, in them,
    // rows deleted before it was made.
    const rebuilt = new DatabaseSync(draft);
    try {
      rebuilt.exec('PRAGMA secure_delete = ON; VACUUM');
    } finally {
      rebuilt.close();
    }
    // The migrations a backup of an older release lacks, applied to the copy: a failure changes nothing.
    const { openSqliteStore } = await import('./sqlite.ts');
    await (await openSqliteStore(draft)).close();
    const differences = await schemaDifferences(draft);
    if (differences.length > 0) throw refuse(differences);
    const wal = new DatabaseSync(draft);
    try {
      wal.exec('PRAGMA journal_mode = WAL; PRAGMA wal_checkpoint(TRUNCATE)');
    } finally {
      wal.close();
    }
    syncFile(draft);
  } catch (error) {
    removeDatabase(draft);
    const message = (error as Error).message;
    throw /nothing was restored/.test(message) ? error : refuse([message]);
  }
  let keptAside: string | undefined;
  if (existsSync(file)) {
    keptAside = `${file}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(file, keptAside);
    for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }
  renameSync(draft, file);
  const undo = () => {
    removeDatabase(file);
    if (!keptAside) return Promise.resolve(`The restored database was removed: ${file} does not exist now.`);
    renameSync(keptAside, file);
    return Promise.resolve(`The previous database was put back in place (${file}, from ${keptAside}).`);
  };
  return {
    note: keptAside
      ? `The database it replaced is kept as ${keptAside}: it holds the leads stored since the backup; delete it once they are no longer needed.`
      : '',
    undo,
  };
}

/** pg_restore of `archive` over the database, in one transaction; throws what it said when it fails. */
async function pgRestore(url: string, archive: string): Promise<void> {
  await runPgTool(
    'pg_restore',
    url,
    ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--exit-on-error'],
    [archive],
  );
}

async function restorePostgres(url: string, backup: string): Promise<Restored> {
  // Loaded here: a SQLite deployment never loads the PostgreSQL driver.
  const { describeUrl, dumpPostgres, liveServers } = await import('./postgres.ts');
  const live = await liveServers(url);
  if (live > 0) {
    throw new Error(
      `A server is connected to ${describeUrl(url)} (${live} connection${live === 1 ? '' : 's'} of the gate). Stop the server, then restore; nothing was changed.`,
    );
  }
  // The database as it is, dumped first: the leads stored since the backup are in it, and nowhere else.
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const safety = join(dirname(backup), `${basename(backup).replace(/\.[^.]*$/, '')}.before-restore-${stamp}.dump`);
  await dumpPostgres(url, safety);
  try {
    await pgRestore(url, backup);
  } catch (error) {
    rmSync(safety, { force: true });
    throw new Error(
      `pg_restore of ${backup} into ${describeUrl(url)} failed, so nothing was restored (one transaction): ${(error as Error).message}`,
      { cause: error },
    );
  }
  return {
    note: `The database it replaced is kept as ${safety} (a pg_dump archive): it holds the leads stored since the backup, which this restore removed; export them from it (pg_restore it into another database) if they are needed, and delete it once they are not.`,
    async undo() {
      await pgRestore(url, safety);
      return `The previous database was put back (pg_restore of ${safety}).`;
    },
  };
}
