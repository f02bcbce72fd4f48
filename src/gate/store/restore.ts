import { spawn } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Config } from '../config.ts';
import { sqliteFile } from './index.ts';

/**
 * Puts a backup (`npm run leads -- backup`) in place of the store's data, with every server stopped: a
 * SQLite copy in place of DATA_DIR's database (the one it replaces kept aside), or a pg_dump archive
 * restored over the PostgreSQL database. What it says, for the operator. The erasure log is replayed
 * after it by the caller (see lead-commands.ts `restoreStore`).
 */
export async function restoreBackup(config: Config, backup: string): Promise<string> {
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

function restoreSqlite(config: Config, backup: string): string {
  const file = sqliteFile(config);
  const problems = problemsOf(backup);
  if (problems.length > 0) {
    throw new Error(
      `${backup} is not a sound lead database backup, so nothing was restored: ${problems.slice(0, 3).join('; ')}`,
    );
  }
  let keptAside: string | undefined;
  if (existsSync(file)) {
    if (!alone(file)) {
      throw new Error(
        `The lead database ${file} is in use: a server (or another command) has it open. Stop the server, then restore; nothing was changed.`,
      );
    }
    keptAside = `${file}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  }
  // Copied under a temporary name, synced, then renamed into place: never a half-copied database.
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const draft = `${file}.restoring-${process.pid}`;
  copyFileSync(backup, draft);
  chmodSync(draft, 0o600);
  // Rebuilt without free pages: a backup made by an earlier release (page by page) may keep, in them,
  // rows deleted before it was made.
  const rebuilt = new DatabaseSync(draft);
  try {
    rebuilt.exec('PRAGMA secure_delete = ON; VACUUM; PRAGMA journal_mode = WAL; PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    rebuilt.close();
  }
  syncFile(draft);
  if (keptAside) {
    renameSync(file, keptAside);
    for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }
  renameSync(draft, file);
  return keptAside
    ? `The database it replaced is kept as ${keptAside}: it holds the leads stored since the backup; delete it once they are no longer needed.`
    : '';
}

async function restorePostgres(url: string, backup: string): Promise<string> {
  // The password goes through the environment, not the command line that `ps` shows.
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  const args = ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--exit-on-error'];
  const child = spawn('pg_restore', [...args, `--dbname=${parsed.toString()}`, backup], {
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  }).catch((error: unknown) => {
    throw new Error(`pg_restore could not be run (${(error as Error).message}): install PostgreSQL's client tools.`, {
      cause: error,
    });
  });
  if (code !== 0) {
    // Loaded here: a SQLite deployment never loads the PostgreSQL driver.
    const { describeUrl } = await import('./postgres.ts');
    throw new Error(
      `pg_restore of ${backup} into ${describeUrl(url)} failed (exit ${code}), so nothing was restored (one transaction): ${errors.trim()}`,
    );
  }
  return '';
}
