import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/gate/config.ts';
import { DataDirError, prepareDataDir } from '../../src/gate/data-dir.ts';
import {
  CannotServe,
  checkAddress,
  openCheckedStore,
  startRetention,
  StoreUnusable,
} from '../../src/gate/start-checks.ts';
import { createServer } from 'node:net';
import { DatabaseSync } from 'node:sqlite';
import { openStore, sqliteFile } from '../../src/gate/store/index.ts';
import { recordServerStore } from '../../src/gate/store-identity.ts';
import { freePort } from '../integration/server.ts';
import { damageIndex, damageSqlite, lead } from '../unit/fixtures/stores.ts';

/** What `npm start` checks before it serves: DATA_DIR, the lead store's integrity, the retention purge. */
let dir: string;
let warnings: string[];
const warn = (message: string) => warnings.push(message);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'start-checks-'));
  warnings = [];
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

/** `npm start` itself, in this project, stopped after a few seconds if it would serve. */
function npmStart(env: Record<string, string>) {
  return spawnSync(process.execPath, ['scripts/start.ts'], {
    env: { ...process.env, REPORT_LINK_SECRET: 's'.repeat(40), ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('prepareDataDir', () => {
  it('makes a missing data directory for its owner only, without a warning', () => {
    const dataDir = join(dir, 'data');
    prepareDataDir(loadConfig({ DATA_DIR: dataDir }), warn);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(warnings).toEqual([]);
  });

  it('warns, naming DATA_DIR and the fix, when other users can read an existing directory', () => {
    const dataDir = join(dir, 'shared');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o755);
    prepareDataDir(loadConfig({ DATA_DIR: dataDir }), warn);
    expect(warnings).toEqual([expect.stringContaining(`DATA_DIR (${dataDir}) can be read by other users (mode 755)`)]);
    expect(warnings[0]).toContain(`chmod 700 ${dataDir}`);
  });

  it('refuses a data directory it cannot write, naming DATA_DIR and why', () => {
    writeFileSync(join(dir, 'a-file'), '');
    const dataDir = join(dir, 'a-file', 'data');
    expect(() => prepareDataDir(loadConfig({ DATA_DIR: dataDir }), warn)).toThrow(DataDirError);
    expect(() => prepareDataDir(loadConfig({ DATA_DIR: dataDir }), warn)).toThrow(
      `DATA_DIR (${dataDir}) cannot be written: part of the path is a file, not a directory.`,
    );
  });
});

describe('openCheckedStore', () => {
  it('opens a sound store', async () => {
    const store = await openCheckedStore(loadConfig({ DATA_DIR: dir }));
    await store.upsertLead(lead());
    expect(await store.listLeads()).toHaveLength(1);
    await store.close();
  });

  it('refuses a damaged database, naming the file and how to restore it from a backup', async () => {
    const config = loadConfig({ DATA_DIR: dir });
    await damageSqlite(() => openStore(config), sqliteFile(config));
    const refused = await openCheckedStore(config).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StoreUnusable);
    const message = (refused as Error).message;
    expect(message).toContain(`The lead database ${sqliteFile(config)} is damaged (PRAGMA integrity_check)`);
    expect(message).toContain('npm run leads -- backup <file>');
    expect(message).toContain('npm run leads -- restore <backup-file>');
  });

  it('refuses a database whose index lost rows (a second lead for one email), which quick_check passes', async () => {
    const config = loadConfig({ DATA_DIR: dir });
    await damageIndex(() => openStore(config), sqliteFile(config));
    const refused = await openCheckedStore(config).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StoreUnusable);
    const message = (refused as Error).message;
    expect(message).toContain(`The lead database ${sqliteFile(config)} is damaged (PRAGMA integrity_check)`);
    expect(message).toContain('missing from index sqlite_autoindex_leads_2');
  });

  it('refuses a database a newer release wrote, saying what to do', async () => {
    const config = loadConfig({ DATA_DIR: dir });
    await (await openStore(config)).close();
    const db = new DatabaseSync(sqliteFile(config));
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'later', '2030-01-01')").run();
    db.close();
    const refused = await openCheckedStore(config).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StoreUnusable);
    expect((refused as Error).message).toContain('schema version 99, newer than this code knows');
    expect((refused as Error).message).toContain('run the release that wrote it, or restore a backup made by this one');
  });
});

describe('checkAddress', () => {
  it('refuses a PORT something already listens on, naming PORT and the likely cause', async () => {
    const port = await freePort();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
    try {
      const refused = await checkAddress(loadConfig({ PORT: String(port), HOST: '127.0.0.1' })).catch(
        (e: unknown) => e,
      );
      expect(refused).toBeInstanceOf(CannotServe);
      expect((refused as Error).message).toMatch(
        new RegExp(`^PORT ${port} is in use on 127\\.0\\.0\\.1: is the server already running\\?`),
      );
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('refuses a HOST that is not an address of this machine, naming HOST', async () => {
    const refused = await checkAddress(loadConfig({ HOST: 'nonexistent.invalid' })).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CannotServe);
    expect((refused as Error).message).toMatch(/^HOST nonexistent\.invalid is not an address of this machine/);
  });

  it('leaves a free address free', async () => {
    const port = await freePort();
    await checkAddress(loadConfig({ PORT: String(port), HOST: '127.0.0.1' }));
    await checkAddress(loadConfig({ PORT: String(port), HOST: '127.0.0.1' }));
  });
});

describe('startRetention', () => {
  it('does nothing when LEAD_RETENTION_DAYS is not set', async () => {
    const config = loadConfig({ DATA_DIR: dir });
    const store = await openStore(config);
    await store.upsertLead(lead({ consentAt: new Date('2000-01-01') }));
    const stop = await startRetention(config, store, warn);
    stop();
    expect(await store.listLeads()).toHaveLength(1);
    expect(warnings).toEqual([]);
    await store.close();
  });

  it('removes expired download links at start and then every day, with or without LEAD_RETENTION_DAYS', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(new Date('2026-01-10T00:00:00.000Z'));
    const config = loadConfig({ DATA_DIR: dir });
    const store = await openStore(config);
    const { lead: ada } = await store.upsertLead(lead());
    const linksOf = async () =>
      ((await store.findPerson(ada.email)).rows.report_links ?? []).map((row) => new Date(String(row.expires_at)));
    await store.recordLink(ada.id, new Date('2026-01-01T00:00:00.000Z'), new Date('2026-01-08T00:00:00.000Z'));
    await store.recordLink(ada.id, new Date('2026-01-09T00:00:00.000Z'), new Date('2026-01-16T00:00:00.000Z'));

    const stop = await startRetention(config, store, warn);
    expect(await linksOf()).toEqual([new Date('2026-01-16T00:00:00.000Z')]);
    expect(warnings).toEqual(['Link retention: removed 1 expired download link']);
    // The lead and its other rows stay: only links past their expiry go.
    expect(await store.listLeads()).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(7 * 24 * 60 * 60 * 1000);
    expect(await linksOf()).toEqual([]);
    stop();
    await store.close();
  });

  it('erases leads older than LEAD_RETENTION_DAYS at start, then again every day', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(new Date('2026-01-01T00:00:00.000Z'));
    const config = loadConfig({ DATA_DIR: dir, LEAD_RETENTION_DAYS: '30' });
    const store = await openStore(config);
    await store.upsertLead(lead({ email: 'old@example.com' }));
    vi.setSystemTime(new Date('2026-01-20T00:00:00.000Z'));
    await store.upsertLead(lead({ email: 'newer@example.com' }));
    vi.setSystemTime(new Date('2026-02-05T00:00:00.000Z'));

    const stop = await startRetention(config, store, warn);
    expect((await store.listLeads()).map((l) => l.email)).toEqual(['newer@example.com']);
    expect(warnings).toEqual(['Lead retention (30 days): erased 1 lead last submitted before then']);

    await vi.advanceTimersByTimeAsync(15 * 24 * 60 * 60 * 1000);
    expect(await store.listLeads()).toEqual([]);
    stop();
    await store.close();
  });
});

describe('npm start', () => {
  it('stops with a message naming DATA_DIR, and no stack trace, when DATA_DIR cannot be written', () => {
    writeFileSync(join(dir, 'a-file'), '');
    const result = npmStart({ DATA_DIR: join(dir, 'a-file', 'data') });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('DATA_DIR (');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('refuses to serve a damaged database, naming the file and the backup to restore', async () => {
    const config = loadConfig({ DATA_DIR: dir });
    await damageSqlite(() => openStore(config), sqliteFile(config));
    const result = npmStart({ DATA_DIR: dir });
    expect(result.status).toBe(1);
    expect(result.stdout).not.toContain('is being served at');
    expect(result.stderr).toContain(`The lead database ${sqliteFile(config)} is damaged`);
    expect(result.stderr).toContain('npm run leads -- backup <file>');
  });

  it('stops before building, naming PORT, when a server is already serving there', async () => {
    const port = await freePort();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
    try {
      const result = npmStart({
        DATA_DIR: dir,
        PORT: String(port),
        HOST: '127.0.0.1',
        SITE_URL: 'https://other.example',
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`PORT ${port} is in use on 127.0.0.1: is the server already running?`);
      expect(result.stdout).not.toContain('Building the site');
      expect(result.stderr).not.toMatch(/^\s+at /m);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('refuses a DATA_DIR a PostgreSQL server recorded, naming both stores, and neither makes a database nor rewrites the record', async () => {
    recordServerStore(loadConfig({ DATA_DIR: dir, DATABASE_URL: 'postgres://leads:s3cret-pw@db.example:5432/leads' }));
    const before = readFileSync(join(dir, 'store.json'), 'utf8');
    // START_NO_BUILD: a server that went on would serve the existing build (until the timeout), not build.
    const result = npmStart({
      DATA_DIR: dir,
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      START_NO_BUILD: '1',
      TEST_BUILD_ORIGIN: 'http://localhost:4321',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PostgreSQL leads@db.example:5432/leads');
    expect(result.stderr).toContain(`SQLite ${sqliteFile(loadConfig({ DATA_DIR: dir }))}`);
    expect(result.stderr).toContain('STORE_MOVE_OK=1');
    expect(result.stderr).not.toContain('s3cret-pw');
    expect(result.stdout).not.toContain('is being served at');
    expect(existsSync(sqliteFile(loadConfig({ DATA_DIR: dir })))).toBe(false);
    expect(readFileSync(join(dir, 'store.json'), 'utf8')).toBe(before);
  });

  it('goes on to the other store when the operator confirms the move with STORE_MOVE_OK=1', async () => {
    recordServerStore(loadConfig({ DATA_DIR: dir }));
    const port = await freePort();
    const url = `postgres://ops:s3cret-pw@127.0.0.1:${port}/leads`;
    const refused = npmStart({ DATA_DIR: dir, DATABASE_URL: url });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`DATA_DIR (${dir}) belongs to a server on SQLite`);
    // Confirmed: past the check, to the (here unreachable) PostgreSQL server.
    const moved = npmStart({ DATA_DIR: dir, DATABASE_URL: url, STORE_MOVE_OK: '1' });
    expect(moved.stderr).not.toContain('belongs to a server on');
    expect(moved.stderr).toContain(`The lead store in PostgreSQL (ops@127.0.0.1:${port}/leads) cannot be opened`);
  });

  it('stops, naming the PostgreSQL server but not its password, when the database cannot be reached', async () => {
    const port = await freePort();
    const result = npmStart({ DATA_DIR: dir, DATABASE_URL: `postgres://ops:s3cret-pw@127.0.0.1:${port}/leads` });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`The lead store in PostgreSQL (ops@127.0.0.1:${port}/leads) cannot be opened`);
    expect(result.stderr).toContain('Check DATABASE_URL');
    expect(result.stderr).not.toContain('s3cret-pw');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});
