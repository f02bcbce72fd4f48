import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import { openSqliteStore } from '../../src/server/store/sqlite.ts';
import { openStore, type LeadStore } from '../../src/server/store/index.ts';
import { createPostgres, postgresOff } from './fixtures/postgres.ts';
import { lead, linkAndDownload } from './fixtures/stores.ts';

/** The store `npm run leads` is pointed at, as an operator configures it, and how to read one of its backups. */
interface Kind {
  name: string;
  /** The environment of the server's store, given the test's data directory; and how to drop it after. */
  setUp(dir: string): Promise<{ env: Record<string, string>; dispose: () => Promise<void> }>;
  backupName: string;
  /** The emails of the leads in a backup file, restored as an operator would. */
  restore(file: string): Promise<string[]>;
}

const emails = async (store: LeadStore) => {
  const found = (await store.listLeads()).map((l) => l.email);
  await store.close();
  return found;
};

const kinds: Kind[] = [
  {
    name: 'SQLite',
    setUp: (dir) => Promise.resolve({ env: { DATA_DIR: dir }, dispose: () => Promise.resolve() }),
    backupName: 'leads-2026-11-27.sqlite',
    restore: async (file) => emails(await openSqliteStore(file)),
  },
  {
    name: 'PostgreSQL',
    async setUp(dir) {
      const db = await createPostgres({ database: true });
      return { env: { DATA_DIR: dir, DATABASE_URL: db.url }, dispose: () => db.dispose() };
    },
    backupName: 'leads-2026-11-27.dump',
    async restore(file) {
      const target = await createPostgres({ database: true });
      try {
        const restored = spawnSync('pg_restore', ['--no-owner', `--dbname=${target.url}`, file], { encoding: 'utf8' });
        if (restored.status !== 0) throw new Error(`pg_restore failed: ${restored.stderr}`);
        return await emails(await target.open());
      } finally {
        await target.dispose();
      }
    },
  },
];

/** `npm run leads -- …` as an operator runs it: the real script on a real SQLite file in DATA_DIR, or a real PostgreSQL. */
describe.each(kinds.filter((kind) => kind.name !== 'PostgreSQL' || !postgresOff()))('$name', (kind) => {
  let dir: string;
  let store: LeadStore;
  let env: Record<string, string>;
  let dispose: () => Promise<void>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'leads-cli-'));
    ({ env, dispose } = await kind.setUp(dir));
    store = await openStore(loadConfig(env));
    const ada = (await store.upsertLead(lead())).lead;
    await store.upsertLead(lead({ series: 'data-trends' }));
    const grace = (await store.upsertLead(lead({ email: 'grace@example.com', firstName: 'Grace' }))).lead;
    for (const who of [ada, grace]) await linkAndDownload(store, who);
  });

  afterEach(async () => {
    await store.close();
    await dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  function leads(...args: string[]) {
    return spawnSync(process.execPath, ['scripts/leads.ts', ...args], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
  }

  describe('npm run leads -- show <email>', () => {
    it('prints, as JSON, every row kept about the person in every table and series, and nobody else', () => {
      const result = leads('show', 'Ada@Example.com');
      expect(result.status).toBe(0);
      const shown = JSON.parse(result.stdout) as { email: string; tables: Record<string, Record<string, unknown>[]> };
      expect(shown.email).toBe('ada@example.com');
      expect(shown.tables.leads!.map((row) => row.series)).toEqual(['ml-trends', 'data-trends']);
      expect(shown.tables.leads![0]).toMatchObject({
        first_name: 'Ada',
        company: 'Analytical Engines Ltd',
        user_agent: 'Mozilla/5.0 (test)',
        ip_hash: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
      });
      expect(shown.tables.consent_events).toHaveLength(2);
      expect(shown.tables.report_links).toHaveLength(1);
      expect(shown.tables.downloads).toEqual([expect.objectContaining({ user_agent: 'PDF viewer' })]);
      expect(result.stdout).not.toContain('grace');
    });

    it('says so when nothing is kept about the email', () => {
      const result = leads('show', 'nobody@example.com');
      expect(result.status).toBe(0);
      expect(result.stderr).toContain('Nothing is kept about nobody@example.com.');
    });
  });

  describe('npm run leads -- delete <email>', () => {
    it('erases the person, their links, downloads and consent events, says what it erased, and keeps the rest', async () => {
      const result = leads('delete', 'ada@example.com');
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('Erased ada@example.com: 2 leads, 2 consent events, 1 report link, 1 download.');
      const after = await store.findPerson('ada@example.com');
      expect(Object.values(after.rows).flat()).toEqual([]);
      expect((await store.listLeads()).map((l) => l.email)).toEqual(['grace@example.com']);
      expect(await store.countDownloads((await store.listLeads())[0]!.id)).toBe(1);
    });

    it('erases nothing and says so for an email it does not hold', () => {
      const result = leads('delete', 'nobody@example.com');
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('Nothing is kept about nobody@example.com: nothing erased.');
    });

    it('refuses something that is not an email, with the usage', () => {
      const result = leads('delete', '%');
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('Usage:');
    });
  });

  describe('npm run leads -- backup <file>', () => {
    it('copies the open database to a new file only its owner can read, with every lead', async () => {
      const file = join(dir, 'backups', kind.backupName);
      const result = leads('backup', file);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(`Backed up 3 leads to ${file}`);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(await kind.restore(file)).toEqual(['ada@example.com', 'ada@example.com', 'grace@example.com']);
    });

    it('refuses to overwrite an existing file, naming it', () => {
      const file = join(dir, 'old.sqlite');
      writeFileSync(file, 'an older backup');
      const result = leads('backup', file);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`${file} already exists`);
      expect(result.stderr).not.toMatch(/^\s+at /m);
    });
  });

  describe('npm run leads -- export', () => {
    it('neutralises and quotes a formula after a semicolon in a cell', async () => {
      await store.upsertLead(lead({ email: 'eve@example.com', company: 'Acme;=1+1' }));
      const result = leads('export');
      expect(result.status).toBe(0);
      const row = result.stdout.split('\n').find((line) => line.includes('eve@example.com'));
      expect(row).toContain(`,"'Acme;=1+1",`);
    });

    it('says for each lead whether marketing emails may be sent: only after the confirmation', async () => {
      const { lead: eve } = await store.upsertLead(lead({ email: 'eve@example.com', marketingOptIn: true }));
      const status = () =>
        leads('export')
          .stdout.split('\n')
          .find((line) => line.includes('eve@example.com'))!
          .split(',')
          .at(-1);
      expect(leads('export').stdout.split('\n')[0]).toMatch(/,marketing_status$/);
      expect(status()).toBe('pending');
      await store.changeMarketing(eve.publicId, 'confirmed', new Date());
      expect(status()).toBe('confirmed');
    });

    it('answers an unknown command with the usage of every command', () => {
      const result = leads('drop');
      expect(result.status).toBe(2);
      for (const command of ['export', 'show', 'delete', 'backup', 'outbox']) expect(result.stderr).toContain(command);
    });
  });

  describe('npm run leads -- outbox', () => {
    it('says the outbox is empty when everything was delivered', () => {
      const result = leads('outbox');
      expect(result.status).toBe(0);
      expect(result.stdout).toBe('The outbox is empty: everything was delivered.\n');
    });

    it('lists what is pending, failing with its last error, and given up on, without the email', async () => {
      const enqueue = (topic: string) => () => [{ topic, payload: { to: 'eve@example.com' } }];
      await store.upsertLead(lead({ email: 'eve@example.com' }), enqueue('email'));
      await store.upsertLead(lead({ email: 'eve@example.com' }), enqueue('webhook'));
      await store.upsertLead(lead({ email: 'eve@example.com' }), enqueue('email'));
      const soon = new Date(Date.now() + 1000);
      const [failing, dead] = await store.claimOutbox('worker', soon, 60_000, 2);
      const retry = new Date('2030-01-01T00:00:00.000Z');
      await store.failOutbox(failing!.id, 'worker', '421 4.7.0 Try again later', retry, soon);
      await store.failOutbox(dead!.id, 'worker', 'HTTP 410', null, soon);

      const result = leads('outbox');
      expect(result.status).toBe(0);
      const lines = result.stdout.trim().split('\n');
      expect(lines[0]).toMatch(
        /^#\d+ {2}email {2}failing {2}1 attempt {2}next 2030-01-01T00:00:00.000Z .*last error: 421 4.7.0 Try again later$/,
      );
      expect(lines[1]).toMatch(/^#\d+ {2}webhook {2}given up {2}1 attempt {2}gave up .*last error: HTTP 410$/);
      expect(lines[2]).toMatch(/^#\d+ {2}email {2}pending {2}0 attempts {2}next /);
      expect(lines[3]).toBe('3 rows not delivered: 1 failing, 1 given up, 1 pending.');
      expect(result.stdout).not.toContain('eve@example.com');
    });
  });
});
